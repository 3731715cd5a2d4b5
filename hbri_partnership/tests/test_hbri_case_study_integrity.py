# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user
from odoo.tools import mute_logger

from ..models.hbri_workflow_mixin import workflow_write
from .test_hbri_case_study import NOTE_SECRET, HbriCaseStudyCommon


class HbriCaseStudyIntegrityCommon(HbriCaseStudyCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        cls.user_facilitator_other = new_test_user(
            cls.env,
            login="hbri_cs_facilitator_other",
            groups="base.group_user,hbri_partnership.hbri_partnership_group_facilitator",
        )
        cls.other_session = cls.env["hbri.roundtable.session"].create(
            {
                "date_start": datetime(2026, 12, 8, 2),
                "date_end": datetime(2026, 12, 8, 5),
                "facilitator_user_ids": [(6, 0, cls.user_facilitator_other.ids)],
            }
        )
        cls.roles = {
            "staff": cls.user_staff,
            "secretariat": cls.user_secretariat,
            "facilitator": cls.user_facilitator,
            "facilitator_other": cls.user_facilitator_other,
            "manager": cls.user_manager,
        }

    def _import_notes(self, case_study):
        wizard = (
            self.env["hbri.case.study.import.notes"]
            .with_user(self.user_facilitator)
            .create(
                {
                    "case_study_id": case_study.id,
                    "note_ids": [(6, 0, self.note.ids)],
                    "section": "lessons",
                    "confirm": True,
                }
            )
        )
        wizard.action_import()

    def _snapshot(self, case_study):
        case_study.invalidate_recordset()
        return case_study.read(
            ["state", "includes_notes", "content_version", "published_by_id", "date_published", "session_id"]
        )[0]


class TestHbriCaseStudyWritePaths(HbriCaseStudyIntegrityCommon):
    """Every role, every path: the workflow fields do not move outside their actions."""

    def _protected_values(self):
        return {
            "state": "published",
            "includes_notes": False,
            "content_version": 1,
            "published_by_id": self.user_manager.id,
            "date_published": date(2026, 1, 1),
        }

    def test_write_refused_for_every_role(self):
        case_study = self._draft()
        self._import_notes(case_study)  # includes_notes = True, version 1
        before = self._snapshot(case_study)
        values = dict(self._protected_values(), content_version=9)
        for role, user in self.roles.items():
            for field_name, value in values.items():
                with (
                    self.subTest(role=role, field=field_name),
                    self.assertRaises(UserError),
                ):  # AccessError is a UserError
                    case_study.with_user(user).write({field_name: value})
        self.assertEqual(self._snapshot(case_study), before, "nothing was written")
        self.assertEqual(case_study.state, "draft")
        self.assertTrue(case_study.includes_notes)

    def test_write_names_the_field_and_the_button(self):
        case_study = self._draft()
        with self.assertRaisesText(UserError, "cannot be set directly: use the workflow buttons"):
            case_study.with_user(self.user_secretariat).write({"state": "published"})
        with self.assertRaisesText(UserError, "Published By cannot be set directly: use Publish"):
            case_study.with_user(self.user_secretariat).write({"published_by_id": self.user_manager.id})

    def test_create_and_context_defaults_refused(self):
        Model = self.env["hbri.case.study"]
        count = Model.with_context(active_test=False).search_count([])
        base = {"name": "Forged", "session_id": self.rt_session.id}
        for role in ("secretariat", "facilitator", "manager"):
            user = self.roles[role]
            for field_name, value in self._protected_values().items():
                with self.subTest(role=role, field=field_name, path="create"), self.assertRaises(UserError):
                    Model.with_user(user).create(dict(base, **{field_name: value}))
                with self.subTest(role=role, field=field_name, path="context"), self.assertRaises(UserError):
                    Model.with_user(user).with_context(**{f"default_{field_name}": value}).create(dict(base))
        self.assertEqual(Model.with_context(active_test=False).search_count([]), count)

    def test_load_refused(self):
        Model = self.env["hbri.case.study"]
        for role in ("secretariat", "facilitator", "manager"):
            with self.subTest(role=role), mute_logger("odoo.sql_db"):
                result = Model.with_user(self.roles[role]).load(
                    ["name", "session_id/.id", "state", "published_by_id/.id"],
                    [["Imported as published", str(self.rt_session.id), "published", str(self.user_manager.id)]],
                )
            self.assertFalse(result["ids"])
            self.assertIn("cannot be set directly", result["messages"][0]["message"])
        self.assertFalse(Model.search([("name", "=", "Imported as published")]))

    def test_keep_version_context_no_longer_edits_published(self):
        case_study = self._approved()
        case_study.with_user(self.user_manager).action_publish()
        with self.assertRaisesText(UserError, "reset it to draft"):
            case_study.with_user(self.user_manager).with_context(hbri_keep_version=True).write(
                {"lessons": "<p>Quietly changed</p>"}
            )
        with self.assertRaisesText(UserError, "reset it to draft"):
            case_study.with_user(self.user_manager).update_field_translations("name", {"en_US": "Quietly changed"})
        self.assertNotIn("Quietly changed", case_study.lessons)
        self.assertNotEqual(case_study.name, "Quietly changed")

    def test_copy_of_notes_draft_refused(self):
        case_study = self._draft()
        self._import_notes(case_study)
        count = self.env["hbri.case.study"].search_count([])
        for role in ("facilitator", "manager"):
            with self.subTest(role=role), self.assertRaisesText(UserError, "cannot be duplicated"):
                case_study.with_user(self.roles[role]).copy()
        self.assertEqual(self.env["hbri.case.study"].search_count([]), count)
        self.assertFalse(
            self.env["hbri.case.study"].search([("lessons", "ilike", NOTE_SECRET), ("id", "!=", case_study.id)])
        )

    def test_copy_starts_over(self):
        case_study = self._approved()
        copy = case_study.with_user(self.user_secretariat).copy()
        self.assertEqual((copy.state, copy.content_version), ("draft", 1))
        self.assertFalse(copy.consent_ids)
        self.assertFalse(copy.presentation_ids, "a presentation keeps its one case study")
        with self.assertRaises(UserError):
            case_study.with_user(self.user_secretariat).copy({"state": "published"})

    def test_facilitator_cannot_release_or_move_notes(self):
        case_study = self._draft()
        self._import_notes(case_study)
        facilitator = case_study.with_user(self.user_facilitator)
        with self.assertRaisesText(UserError, "Includes Off-the-record Notes cannot be set directly"):
            facilitator.write({"includes_notes": False})
        with self.assertRaisesText(UserError, "origin session"):
            facilitator.write({"session_id": self.other_session.id})
        with self.assertRaisesText(UserError, "origin session"):
            case_study.with_user(self.user_manager).write({"session_id": False})
        self.assertEqual(case_study.session_id, self.rt_session)
        self.assertTrue(case_study.includes_notes)
        self.assertFalse(
            self.env(user=self.user_facilitator_other)["hbri.case.study"].search([("id", "=", case_study.id)])
        )

    def test_other_facilitator_cannot_write_or_steer(self):
        case_study = self._draft()
        other = case_study.with_user(self.user_facilitator_other)
        with self.assertRaises(AccessError):
            other.write({"lessons": "<p>From another session</p>"})
        for action in ("action_submit_review", "action_reset_draft"):
            with self.subTest(action=action), self.assertRaises(AccessError):
                getattr(other, action)()
        case_study.action_submit_review()
        with self.assertRaises(AccessError):
            other.action_request_approval()
        case_study.action_request_approval()
        self._consent(case_study, self.org_company, self.rep_company)
        self._consent(case_study, self.org_ngo, self.rep_ngo)
        with self.assertRaises(AccessError):
            other.action_approve()
        self.assertEqual(case_study.state, "awaiting")
        # the session's own facilitator may
        case_study.with_user(self.user_facilitator).action_approve()
        self.assertEqual(case_study.state, "approved")

    def test_session_facilitator_and_secretariat_steer(self):
        for user in (self.user_facilitator, self.user_secretariat):
            with self.subTest(user=user.login):
                case_study = self._draft(self.presentation.copy())
                case_study.with_user(user).action_submit_review()
                case_study.with_user(user).action_request_approval()
                self.assertEqual(case_study.state, "awaiting")
                case_study.with_user(user).action_reset_draft()
                self.assertEqual(case_study.state, "draft")

    def test_publish_and_withdraw_by_administrator_only(self):
        case_study = self._approved()
        for role in ("secretariat", "facilitator", "facilitator_other", "staff"):
            with self.subTest(role=role), self.assertRaises(AccessError):
                case_study.with_user(self.roles[role]).action_publish()
        self.assertEqual(case_study.state, "approved")
        case_study.with_user(self.user_manager).action_publish()
        for role in ("secretariat", "facilitator"):
            with self.subTest(role=role, action="withdraw"), self.assertRaises(AccessError):
                case_study.with_user(self.roles[role]).action_reset_draft()
        self.assertEqual(case_study.state, "published")
        case_study.with_user(self.user_manager).action_reset_draft()
        self.assertEqual((case_study.state, case_study.published_by_id.id), ("draft", False))

    def test_print_drafts_secretariat_and_session_facilitators_only(self):
        case_study = self._draft()
        case_study.with_user(self.user_secretariat)._check_printable()
        case_study.with_user(self.user_facilitator)._check_printable()
        with self.assertRaisesText(AccessError, "not approved yet"):
            case_study.with_user(self.user_facilitator_other)._check_printable()

    def test_delete_refused_for_notes_and_consents(self):
        with_notes = self._draft()
        self._import_notes(with_notes)
        with self.assertRaisesText(UserError, "archive it instead"):
            with_notes.with_user(self.user_manager).unlink()
        with_consents = self._approved(presentation=self.presentation.copy())
        with self.assertRaisesText(UserError, "archive it instead"):
            with_consents.with_user(self.user_secretariat).unlink()
        self.assertTrue(with_notes.exists() and with_consents.exists())
        plain = self._draft(self.presentation.copy())
        plain.with_user(self.user_secretariat).unlink()
        self.assertFalse(plain.exists())

    def test_followers_who_cannot_read_are_removed_after_import(self):
        case_study = self._draft()
        case_study.message_subscribe(
            partner_ids=(self.user_secretariat | self.user_facilitator | self.user_manager).partner_id.ids
        )
        self._import_notes(case_study)
        followers = case_study.message_partner_ids
        self.assertNotIn(self.user_secretariat.partner_id, followers)
        self.assertIn(self.user_facilitator.partner_id, followers)
        self.assertIn(self.user_manager.partner_id, followers)

    def test_empty_sections_refuse_review(self):
        action = self.presentation.with_user(self.user_secretariat).action_create_case_study()
        case_study = self.env["hbri.case.study"].browse(action["res_id"])
        case_study.write({"formation": "<p><br></p>", "results": False})
        with self.assertRaisesText(UserError, "empty sections: write How the Partnership Formed, Results and Evidence"):
            case_study.with_user(self.user_secretariat).action_submit_review()
        self.assertEqual(case_study.state, "draft")

    def test_one_case_study_per_presentation(self):
        first = self._draft()
        with self.assertRaisesText(ValidationError, f"already has a case study: {first.name} (reference {first.id})"):
            self.presentation.with_user(self.user_facilitator).action_create_case_study()
        first.action_archive()
        with self.assertRaisesText(ValidationError, "already has a case study"):
            self.presentation.with_user(self.user_secretariat).action_create_case_study()

    def test_presentations_of_the_session_only(self):
        presentation = self.env["hbri.presentation"].create(
            {"name": "Elsewhere", "session_id": self.other_session.id, "presenting_partner_ids": self.org_ngo.ids}
        )
        case_study = self._draft()
        with self.assertRaisesText(ValidationError, "was not given at the case study's session"):
            case_study.write({"presentation_ids": [(4, presentation.id)]})

    def test_company_bound_relations(self):
        company_b = self.env["res.company"].create({"name": "HBRI Cabang B"})
        session_b = self.env["hbri.roundtable.session"].create(
            {
                "date_start": datetime(2026, 10, 8, 2),
                "date_end": datetime(2026, 10, 8, 5),
                "company_id": company_b.id,
            }
        )
        with self.assertRaises(UserError):
            self.env["hbri.case.study"].create({"name": "Cross-company", "session_id": session_b.id})
        partnership_b = self.env["hbri.partnership"].create({"name": "Kemitraan B", "company_id": company_b.id})
        with self.assertRaises(UserError):
            self.env["hbri.case.study"].create({"name": "Cross-company", "partnership_id": partnership_b.id})

    def test_workflow_guard_is_server_side_only(self):
        """The guard actions use cannot be reached by a client: it is no context key and no public method."""
        case_study = self._draft()
        self.assertFalse(hasattr(type(case_study), "workflow_write"))
        with workflow_write():
            case_study.with_user(self.user_secretariat).write({"state": "review"})
        self.assertEqual(case_study.state, "review")
        with self.assertRaises(UserError):
            case_study.with_user(self.user_secretariat).write({"state": "draft"})
