# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
from datetime import datetime

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user
from odoo.tools import mute_logger

from .test_hbri_case_study_integrity import HbriCaseStudyIntegrityCommon

EVIDENCE = base64.b64encode(b"%PDF-1.4 signed consent form")


class HbriConsentCommon(HbriCaseStudyIntegrityCommon):
    def _awaiting(self, presentation=None):
        case_study = self._draft(presentation)
        case_study.action_submit_review()
        case_study.action_request_approval()
        return case_study

    def _values(self, case_study, **extra):
        return dict(
            {
                "case_study_id": case_study.id,
                "partner_id": self.org_company.id,
                "representative_id": self.rep_company.id,
                "scope_name": True,
                "evidence_file": EVIDENCE,
                "evidence_filename": "signed.pdf",
            },
            **extra,
        )


class TestHbriConsentWritePaths(HbriConsentCommon):
    def test_recorded_by_current_user_for_current_content(self):
        case_study = self._awaiting()
        consent = self.env["hbri.consent"].with_user(self.user_secretariat).create(self._values(case_study))
        self.assertEqual(consent.recorded_by_id, self.user_secretariat)
        self.assertEqual(consent.fingerprint, case_study._get_consent_fingerprint())
        self.assertEqual(consent.version, case_study.content_version)
        self.assertTrue(consent.is_current)

    def test_protected_fields_refused(self):
        case_study = self._awaiting()
        Consent = self.env["hbri.consent"]
        forged = {
            "version": 99,
            "fingerprint": "0" * 64,
            "recorded_by_id": self.user_manager.id,
            "date": datetime(2030, 1, 1),
            "decision": "approved",
            "signed_by": "Somebody",
            "signed_on": datetime(2030, 1, 1),
        }
        for role in ("secretariat", "manager"):
            user = self.roles[role]
            for field_name, value in forged.items():
                with (
                    self.subTest(role=role, field=field_name),
                    self.assertRaisesText(UserError, "cannot be set directly"),
                ):
                    Consent.with_user(user).create(self._values(case_study, **{field_name: value}))
                with self.subTest(role=role, field=field_name, path="context"), self.assertRaises(UserError):
                    Consent.with_user(user).with_context(**{f"default_{field_name}": value}).create(
                        self._values(case_study)
                    )
        self.assertFalse(case_study.consent_ids)
        consent = Consent.with_user(self.user_secretariat).create(self._values(case_study))
        for field_name, value in dict(forged, scope_name=False, partner_id=self.org_ngo.id).items():
            with self.subTest(field=field_name, path="write"), self.assertRaises(UserError):
                consent.with_user(self.user_manager).write({field_name: value})
        self.assertEqual(consent.recorded_by_id, self.user_secretariat)
        self.assertTrue(consent.scope_name)
        consent.with_user(self.user_secretariat).write({"comment": "Signed at the office"})

    def test_load_and_staff_refused(self):
        case_study = self._awaiting()
        with mute_logger("odoo.sql_db"):
            result = (
                self.env["hbri.consent"]
                .with_user(self.user_secretariat)
                .load(
                    ["case_study_id/.id", "partner_id/.id", "representative_id/.id", "version", "recorded_by_id/.id"],
                    [
                        [
                            str(case_study.id),
                            str(self.org_company.id),
                            str(self.rep_company.id),
                            "5",
                            str(self.user_manager.id),
                        ]
                    ],
                )
            )
        self.assertFalse(result["ids"])
        for role in ("staff", "facilitator", "facilitator_other"):
            with self.subTest(role=role), self.assertRaises(AccessError):
                self.env["hbri.consent"].with_user(self.roles[role]).create(self._values(case_study))
        self.assertFalse(case_study.consent_ids)

    def test_evidence_state_and_readable_case_study_required(self):
        draft = self._draft()
        with self.assertRaisesText(UserError, "awaits the members' approval"):
            self.env["hbri.consent"].with_user(self.user_secretariat).create(self._values(draft))
        draft.action_submit_review()
        draft.action_request_approval()
        with self.assertRaisesText(UserError, "Attach the consent form"):
            self.env["hbri.consent"].with_user(self.user_secretariat).create(self._values(draft, evidence_file=False))
        # a notes-holding case study the secretariat cannot read
        with_notes = self._draft(self.presentation.copy())
        self._import_notes(with_notes)
        with_notes.action_submit_review()
        with_notes.action_request_approval()
        with self.assertRaises(AccessError):
            self.env["hbri.consent"].with_user(self.user_secretariat).create(self._values(with_notes))
        self.assertFalse((draft | with_notes).consent_ids)

    def test_representative_must_be_active_primary_or_alternate(self):
        case_study = self._awaiting()
        observer = self.env["res.partner"].create(
            {"name": "Oki Observer", "parent_id": self.org_company.id, "hbri_representative_role": "observer"}
        )
        former = self.env["res.partner"].create(
            {
                "name": "Fani Former",
                "parent_id": self.org_company.id,
                "hbri_representative_role": "alternate",
                "hbri_representative_active": False,
            }
        )
        plain = self.env["res.partner"].create({"name": "Pia Staff", "parent_id": self.org_company.id})
        for person in (observer, former, plain):
            with (
                self.subTest(person=person.name),
                self.assertRaisesText(ValidationError, "not an active primary or alternate representative"),
            ):
                self.env["hbri.consent"].create(self._values(case_study, representative_id=person.id))
        self.assertFalse(case_study.consent_ids)

    def test_consent_never_deleted_nor_copied(self):
        case_study = self._awaiting()
        consent = self.env["hbri.consent"].with_user(self.user_secretariat).create(self._values(case_study))
        for role in ("secretariat", "manager"):
            with self.subTest(role=role), self.assertRaisesText(UserError, "cannot be deleted"):
                consent.with_user(self.roles[role]).unlink()
            with self.subTest(role=role, path="one2many"), self.assertRaises(UserError):
                case_study.with_user(self.roles[role]).write({"consent_ids": [(2, consent.id)]})
        with self.assertRaises(UserError):
            consent.copy()
        self.assertTrue(consent.exists())


class TestHbriConsentFingerprint(HbriConsentCommon):
    def test_every_printed_value_invalidates(self):
        theme = self.env["hbri.session.theme"].create({"name": "Kesehatan ibu"})
        other_theme = self.env["hbri.session.theme"].create({"name": "Gizi"})
        other_partnership = self.env["hbri.partnership"].create({"name": "Kemitraan lain"})
        changes = {
            "name": lambda c: c.write({"name": "Another title"}),
            "period": lambda c: c.write({"period": "2027"}),
            "key_figures": lambda c: c.write({"key_figures": "12 villages"}),
            "background": lambda c: c.write({"background": "<p>Changed background</p>"}),
            "formation": lambda c: c.write({"formation": "<p>Changed formation</p>"}),
            "implementation": lambda c: c.write({"implementation": "<p>Changed implementation</p>"}),
            "results": lambda c: c.write({"results": "<p>Changed results</p>"}),
            "challenges": lambda c: c.write({"challenges": "<p>Changed challenges</p>"}),
            "lessons": lambda c: c.write({"lessons": "<p>Changed lessons</p>"}),
            "next_steps": lambda c: c.write({"next_steps": "<p>Changed next steps</p>"}),
            "partner_ids": lambda c: c.write({"partner_ids": [(4, self.org_public.id)]}),
            "partnership_id": lambda c: c.write({"partnership_id": other_partnership.id}),
            "theme_ids": lambda c: c.write({"theme_ids": [(4, other_theme.id)]}),
            "print_language": lambda c: c.write({"print_language": "en_US"}),
            "translation": lambda c: c.update_field_translations("name", {"en_US": "Translated differently"}),
            "theme renamed": lambda c: theme.write({"name": "Kesehatan ibu hamil"}),
            "organization renamed": lambda c: self.org_ngo.write({"name": "Yayasan Uji Baru"}),
            "partnership renamed": lambda c: other_partnership.write({"name": "Kemitraan lain yang baru"}),
            "sector label changed": lambda c: self.sector_business.write({"anonymous_label": "a firm"}),
        }
        case_study = self._draft()
        case_study.write({"theme_ids": [(6, 0, theme.ids)], "print_language": "id_ID"})
        case_study.action_submit_review()
        case_study.action_request_approval()
        consent = self._consent(case_study, self.org_company, self.rep_company)
        self.assertTrue(consent.is_current)
        for label, change in changes.items():
            with self.subTest(change=label):
                before = case_study._get_consent_fingerprint()
                change(case_study)
                case_study.invalidate_recordset()
                self.assertNotEqual(case_study._get_consent_fingerprint(), before, f"{label} left the consent valid")
        consent.invalidate_recordset(["is_current"])
        self.assertFalse(consent.is_current)
        self.assertNotIn(consent, case_study._current_consents())

    def test_version_written_back_does_not_revive_a_consent(self):
        case_study = self._awaiting()
        self._consent(case_study, self.org_company, self.rep_company)
        self._consent(case_study, self.org_ngo, self.rep_ngo)
        case_study.write({"lessons": "<p>Edited after consent</p>"})
        self.assertEqual((case_study.state, case_study.content_version), ("review", 2))
        with self.assertRaises(UserError):
            case_study.with_user(self.user_manager).write({"content_version": 1})
        case_study.action_request_approval()
        with self.assertRaisesText(UserError, "did not consent to version 2"):
            case_study.action_approve()

    def test_related_change_after_approval_blocks_publication(self):
        case_study = self._approved()
        self.org_ngo.name = "Yayasan Uji Berganti Nama"
        with self.assertRaisesText(UserError, "Yayasan Uji Berganti Nama did not consent"):
            case_study.with_user(self.user_manager).action_publish()
        self.assertEqual(case_study.state, "approved")


class TestHbriMemberApproval(HbriConsentCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rep_company_alt = cls.env["res.partner"].create(
            {
                "name": "Citra Alternate",
                "parent_id": cls.org_company.id,
                "hbri_representative_role": "alternate",
                "email": "citra@example.com",
            }
        )
        cls.observer = cls.env["res.partner"].create(
            {"name": "Oki Observer", "parent_id": cls.org_company.id, "hbri_representative_role": "observer"}
        )
        cls.former = cls.env["res.partner"].create(
            {
                "name": "Fani Former",
                "parent_id": cls.org_company.id,
                "hbri_representative_role": "primary",
                "hbri_representative_active": False,
            }
        )
        cls.colleague = cls.env["res.partner"].create({"name": "Pia Colleague", "parent_id": cls.org_company.id})
        (cls.rep_company | cls.rep_ngo).write({"email": "rep@example.com"})
        cls.portal = {}
        for login, partner in (
            ("hbri_cs_portal_primary", cls.rep_company),
            ("hbri_cs_portal_alt", cls.rep_company_alt),
            ("hbri_cs_portal_ngo", cls.rep_ngo),
            ("hbri_cs_portal_observer", cls.observer),
            ("hbri_cs_portal_former", cls.former),
            ("hbri_cs_portal_colleague", cls.colleague),
        ):
            name = partner.name
            cls.portal[login] = new_test_user(
                cls.env, login=login, groups="base.group_portal", partner_id=partner.id, lang="en_US"
            )
            partner.name = name  # new_test_user names the partner after the login

    def _approve(self, case_study, login, fingerprint=None, **kwargs):
        record = case_study.with_user(self.portal[login]).sudo()
        return record._hbri_member_approve(fingerprint or case_study._get_consent_fingerprint(), **kwargs)

    def test_request_mails_every_approver_with_the_portal_link(self):
        case_study = self._draft()
        case_study.action_submit_review()
        case_study.with_user(self.user_secretariat).action_request_approval()
        messages = case_study.message_ids.filtered(lambda m: m.message_type == "comment" and m.partner_ids)
        self.assertEqual(
            messages.partner_ids, self.rep_company | self.rep_company_alt | self.rep_ngo, "observers are not asked"
        )
        url = f"/my/roundtable/case-study/{case_study.id}"
        self.assertTrue(case_study._hbri_portal_approval_url().endswith(url))
        for message in messages:
            self.assertIn(url, message.body)
            self.assertIn("Read and approve", message.body)
            self.assertFalse(message.subtype_id.internal, "visible to the member, not an internal note")
        mails = self.env["mail.mail"].search([("mail_message_id", "in", messages.ids)])
        self.assertEqual(mails.recipient_ids, messages.partner_ids)

    def test_request_refused_without_approver(self):
        self.rep_ngo.hbri_representative_active = False
        case_study = self._draft()
        case_study.action_submit_review()
        with self.assertRaisesText(UserError, "Yayasan Uji has no active primary or alternate representative"):
            case_study.action_request_approval()

    def test_only_active_primary_or_alternate_approve(self):
        case_study = self._awaiting()
        for login in ("hbri_cs_portal_observer", "hbri_cs_portal_former", "hbri_cs_portal_colleague"):
            with self.subTest(login=login), self.assertRaises(AccessError):
                self._approve(case_study, login)
        self.assertFalse(case_study.consent_ids)
        consent = self._approve(case_study, "hbri_cs_portal_alt", scope_name=True, signature=EVIDENCE)
        self.assertEqual(consent.partner_id, self.org_company)
        self.assertEqual(consent.representative_id, self.rep_company_alt)
        self.assertEqual(consent.recorded_by_id, self.portal["hbri_cs_portal_alt"])
        self.assertEqual(consent.signed_by, "Citra Alternate")
        self.assertTrue(consent.signed_on and consent.signature)
        self.assertTrue(consent.is_current and consent.scope_name)
        with self.assertRaisesText(UserError, "already answered"):
            self._approve(case_study, "hbri_cs_portal_primary")

    def test_stale_page_refused(self):
        case_study = self._awaiting()
        seen = case_study._get_consent_fingerprint()
        case_study.write({"lessons": "<p>Changed while the member was reading</p>"})
        case_study.action_request_approval()
        with self.assertRaisesText(UserError, "This case study changed since you opened it"):
            self._approve(case_study, "hbri_cs_portal_primary", fingerprint=seen)
        self.assertFalse(case_study.consent_ids)

    def test_not_awaiting_refused(self):
        case_study = self._draft()
        with self.assertRaisesText(UserError, "not awaiting"):
            self._approve(case_study, "hbri_cs_portal_primary")

    def test_chatter_and_secretariat_activity_when_all_answered(self):
        case_study = self._awaiting()
        self._approve(case_study, "hbri_cs_portal_primary", scope_name=True)
        log = case_study.message_ids.filtered(lambda m: "approved version 1 for PT Uji Coba" in (m.body or ""))
        self.assertEqual(len(log), 1)
        self.assertEqual(log.author_id, self.rep_company)
        self.assertFalse(case_study.activity_ids, "one organization still has to answer")
        self._approve(case_study, "hbri_cs_portal_ngo", scope_name=True)
        activity = case_study.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.user_secretariat, "the secretariat user who drafted it")
        self.assertTrue(activity.automated)
        case_study.with_user(self.user_secretariat).action_approve()
        self.assertEqual((case_study.state, case_study.attribution_mode), ("approved", "named"))

    def test_decline_asks_for_changes(self):
        case_study = self._awaiting()
        with self.assertRaisesText(UserError, "Tell the writers what to change"):
            case_study.with_user(self.portal["hbri_cs_portal_ngo"]).sudo()._hbri_member_decline(
                case_study._get_consent_fingerprint(), " "
            )
        case_study.with_user(self.portal["hbri_cs_portal_ngo"]).sudo()._hbri_member_decline(
            case_study._get_consent_fingerprint(), "Please remove the budget figures."
        )
        self.assertTrue(case_study.message_ids.filtered(lambda m: "remove the budget figures" in (m.body or "")))
        self._approve(case_study, "hbri_cs_portal_primary")
        self.assertEqual(case_study.activity_ids.summary, "Members asked for changes")
        with self.assertRaisesText(UserError, "Yayasan Uji did not consent"):
            case_study.action_approve()

    def test_pdf_closing_line_names_representative_and_date(self):
        case_study = self._approved(print_language="en_US")
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("hbri_partnership.action_report_hbri_case_study", case_study.ids)[0]
            .decode()
        )
        self.assertIn("Published with the consent of:", html)
        self.assertIn("Ayu Representative (PT Uji Coba)", html)
        self.assertIn("Bayu Representative (Yayasan Uji)", html)
