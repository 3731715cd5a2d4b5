# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Round 22: ordinary writes and reads that went around the off-the-record promise, found by attacking each role.

Each test went through on the code before this round: the residual hits of a draft with notes read by any
facilitator or the secretariat, a member's comment quoting the notes read by every Roundtable user, the
organizations that approve (and read on the portal) a draft with notes changed by the secretariat through its
presentation, an active membership moved to another organization.
"""

from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user

from .test_hbri_case_study import NOTE_SECRET
from .test_hbri_case_study_integrity import HbriCaseStudyIntegrityCommon


class TestHbriAttackR22(HbriCaseStudyIntegrityCommon):
    def _draft_with_notes(self):
        case_study = self._draft()
        self._import_notes(case_study)
        self.assertTrue(case_study.includes_notes)
        return case_study

    def _readers(self, model, record):
        """{role: whether the role finds ``record`` by search and reads it}"""
        readers = {}
        for role, user in self.roles.items():
            try:
                found = bool(self.env[model].with_user(user).search([("id", "=", record.id)]))
            except AccessError:  # no access right to the model at all
                found = False
            try:
                record.with_user(user).read(["create_uid"])
                readable = True
            except AccessError:
                readable = False
            self.assertEqual(found, readable, f"{role}: search and read of {model} disagree")
            readers[role] = found
        return readers

    def test_residual_hits_read_by_their_reviewer_only(self):
        case_study = self._draft_with_notes()
        Review = self.env["hbri.anonymization.review"].with_user(self.user_facilitator)
        review = Review.create(
            {
                "case_study_id": case_study.id,
                "line_ids": [Command.create({"matched_text": "0812", "context": f"... {NOTE_SECRET} 0812 ..."})],
            }
        )
        for model, record in (
            ("hbri.anonymization.review", review),
            ("hbri.anonymization.review.line", review.line_ids),
        ):
            with self.subTest(model=model):
                readers = self._readers(model, record)
                self.assertEqual(
                    readers,
                    {
                        "staff": False,
                        "secretariat": False,
                        "facilitator": True,
                        "facilitator_other": False,
                        "manager": False,
                    },
                )
        lines = self.env["hbri.anonymization.review.line"].with_user(self.user_secretariat)
        self.assertFalse(lines.search_read([], ["context"]))
        with self.assertRaises(AccessError):
            review.line_ids.with_user(self.user_facilitator_other).write({"harmless": True})
        self.assertFalse(review.line_ids.harmless)

    def test_consents_read_with_their_case_study(self):
        with_notes = self._draft_with_notes()
        with_notes.with_user(self.user_facilitator).action_submit_review()
        with_notes.with_user(self.user_facilitator).action_request_approval()
        self.assertEqual(with_notes.state, "awaiting")
        # a member asks for changes on the portal: their comment quotes the draft
        self.rep_ngo.email = "rep.ngo@example.com"
        name = self.rep_ngo.name
        member = new_test_user(
            self.env, login="hbri_r22_portal", groups="base.group_portal", partner_id=self.rep_ngo.id
        )
        self.rep_ngo.name = name  # new_test_user names the partner after the login
        with_notes.with_user(member).sudo()._hbri_member_decline(
            with_notes._get_consent_fingerprint(), f"Remove the sentence {NOTE_SECRET}."
        )
        changes = with_notes.consent_ids
        self.assertEqual((changes.decision, changes.partner_id), ("changes", self.org_ngo))
        self.assertEqual(
            self._readers("hbri.consent", changes),
            {"staff": False, "secretariat": False, "facilitator": True, "facilitator_other": False, "manager": True},
        )
        for user in (self.user_staff, self.user_secretariat, self.user_facilitator_other):
            with self.subTest(user=user.login):
                Consent = self.env["hbri.consent"].with_user(user)
                self.assertFalse(Consent.search_read([("case_study_id", "=", with_notes.id)], ["comment"]))
                self.assertFalse(Consent.search([("comment", "ilike", NOTE_SECRET)]))
        # without notes, the consents of a case study are read by whoever reads it: awaiting, the secretariat and
        # the facilitators; once published, every Roundtable user
        plain = self._approved(presentation=self.presentation.copy())
        consent = plain.consent_ids[:1]
        self.assertEqual(
            self._readers("hbri.consent", consent),
            {"staff": False, "secretariat": True, "facilitator": True, "facilitator_other": True, "manager": True},
        )
        plain.with_user(self.user_manager).action_publish()
        self.assertTrue(all(self._readers("hbri.consent", consent).values()))

    def test_presenters_settled_once_the_case_study_left_its_draft(self):
        case_study = self._draft_with_notes()
        presentation = self.presentation.with_user(self.user_secretariat)
        without_ngo = {
            "presenting_partner_ids": [Command.unlink(self.org_ngo.id)],
            "presenter_ids": [Command.unlink(self.rep_ngo.id)],
        }
        # a draft: the presenters may still change
        presentation.write(without_ngo)
        self.assertEqual(case_study.consenting_partner_ids, self.org_company)
        presentation.write({"presenting_partner_ids": [Command.link(self.org_ngo.id)]})
        case_study.with_user(self.user_facilitator).action_submit_review()
        before = (presentation.presenting_partner_ids, case_study.consenting_partner_ids)
        self.assertEqual(before[1], self.org_company | self.org_ngo)
        for vals in (without_ngo, {"presenting_partner_ids": [Command.set(self.org_ngo.ids)]}):
            with self.subTest(vals=vals), self.assertRaises(UserError) as caught:
                presentation.write(vals)
            self.assertIn("past its draft", str(caught.exception))
            # it names nothing of a draft the secretariat may not read
            self.assertNotIn(case_study.name, str(caught.exception))
        with self.assertRaisesText(UserError, "past its draft"):
            presentation.write({"session_id": self.other_session.id})
        with self.assertRaisesText(UserError, "past its draft"):
            presentation.unlink()
        self.assertEqual((presentation.presenting_partner_ids, case_study.consenting_partner_ids), before)
        # set back to draft by its facilitator, the presentation may change again
        presentation.write({"name": "Mobile clinic, second visit"})
        case_study.with_user(self.user_facilitator).action_reset_draft()
        presentation.write(without_ngo)
        self.assertEqual(case_study.consenting_partner_ids, self.org_company)

    def test_membership_kept_by_its_organization(self):
        active = self.org_company.hbri_membership_ids.filtered(lambda m: m.state == "active")
        self.assertTrue(active)
        Partner = self.env["res.partner"]
        other = Partner.create({"name": "PT Lain", "is_company": True, "hbri_sector_id": self.sector_business.id})
        with self.assertRaisesText(UserError, "cannot be moved to another organization"):
            active.with_user(self.user_secretariat).write({"partner_id": other.id})
        self.assertEqual(active.partner_id, self.org_company)
        self.assertFalse(other.hbri_is_member)
        # the same organization written again changes nothing and is accepted (a form saving every field)
        active.with_user(self.user_secretariat).write({"partner_id": self.org_company.id})
        # a draft is data entry: it may still go to the right organization
        newcomer = Partner.create({"name": "PT Baru", "is_company": True, "hbri_sector_id": self.sector_business.id})
        draft = self._create_membership(newcomer, date(2027, 1, 1))
        draft.with_user(self.user_secretariat).write({"partner_id": other.id})
        self.assertEqual(draft.partner_id, other)


class TestHbriAttackR22Around(HbriCaseStudyIntegrityCommon):
    """Round 22's second review: the same promises through other paths (the website editor's translation route,
    an archived organization, Odoo's contact merge)."""

    def _merge(self, partners, destination):
        wizard = self.env["base.partner.merge.automatic.wizard"].create(
            {"partner_ids": [Command.set(partners.ids)], "dst_partner_id": destination.id}
        )
        wizard.action_merge()

    def test_translation_route_sends_an_approved_case_study_back_to_review(self):
        """The website editor's translation route calls _update_field_translations, not the public method."""
        case_study = self._approved()
        version = case_study.content_version
        facilitator = case_study.with_user(self.user_facilitator)
        facilitator._update_field_translations("key_figures", {"id_ID": "ANGKA TANPA PERSETUJUAN"})
        self.assertEqual((case_study.state, case_study.content_version), ("review", version + 1))

    def test_archived_presenter_still_consents(self):
        case_study = self._approved(named=False)
        case_study.with_user(self.user_manager).action_publish()
        printed = case_study._get_print_values_batch()[case_study.id]
        self.assertEqual(case_study.attribution_mode, "anonymized")
        self.org_ngo.with_user(self.user_secretariat).write({"active": False})
        case_study.invalidate_recordset()
        self.assertEqual(case_study.consenting_partner_ids, self.org_company | self.org_ngo)
        self.assertEqual(case_study.attribution_mode, "anonymized")
        self.assertEqual(case_study._get_print_values_batch()[case_study.id]["formation"], printed["formation"])

    def test_archived_organization_still_printed_and_asked(self):
        """An organization involved without a presentation: archived, it still prints (anonymized) among the
        case study's organizations and is still asked; what prints and the consents' fingerprint do not change."""
        extra = self.env["res.partner"].create(
            {"name": "Yayasan Tambahan", "is_company": True, "hbri_sector_id": self.sector_ngo.id}
        )
        case_study = self._draft()
        case_study.write({"presentation_ids": [Command.clear()], "partner_ids": [Command.link(extra.id)]})
        self.assertIn(extra, case_study.consenting_partner_ids)
        printed = case_study._get_print_values_batch()[case_study.id]
        fingerprint = case_study._get_consent_fingerprint()
        extra.with_user(self.user_secretariat).write({"active": False})
        case_study.invalidate_recordset()
        self.assertIn(extra, case_study.consenting_partner_ids)
        after = case_study._get_print_values_batch()[case_study.id]
        self.assertEqual(sorted(after.pop("partners")), sorted(printed.pop("partners")))
        self.assertEqual(after, printed)
        self.assertEqual(case_study._get_consent_fingerprint(), fingerprint)

    def test_merge_does_not_move_the_presenters_of_a_case_study_past_its_draft(self):
        case_study = self._draft()
        case_study.action_submit_review()
        case_study.action_request_approval()
        newcomer = self.env["res.partner"].create(
            {"name": "PT Orang Lain", "is_company": True, "hbri_sector_id": self.sector_business.id}
        )
        with self.assertRaisesText(UserError, "past its draft"):
            self._merge(self.org_ngo | newcomer, newcomer)
        self.assertTrue(self.org_ngo.exists())
        self.assertEqual(case_study.consenting_partner_ids, self.org_company | self.org_ngo)

    def test_merged_name_stays_hidden(self):
        Partner = self.env["res.partner"]
        old = Partner.create({"name": "PT Kilat Dua", "is_company": True, "hbri_sector_id": self.sector_business.id})
        staying = Partner.create(
            {"name": "PT Penerus Jaya", "is_company": True, "hbri_sector_id": self.sector_business.id}
        )
        case_study = self._draft()
        case_study.write({"print_language": "en_US", "formation": "<p>PT Kilat Dua and Kilat Dua paid.</p>"})
        self.assertEqual(case_study.attribution_mode, "anonymized")
        before = case_study._get_print_values_batch()[case_study.id]["formation"]
        self.assertNotIn("Kilat", before)
        self._merge(old | staying, staying)
        self.assertFalse(old.exists())
        self.assertIn(
            "PT Kilat Dua", self.env["hbri.partner.alias"].search([("partner_id", "=", staying.id)]).mapped("name")
        )
        self.assertNotIn("Kilat", case_study._get_print_values_batch()[case_study.id]["formation"])
