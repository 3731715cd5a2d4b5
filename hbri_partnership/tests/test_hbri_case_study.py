# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
from datetime import date, datetime

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, HttpCase, new_test_user, tagged

from .common import HbriPartnershipCommon

NOTE_SECRET = "CATATAN-RAHASIA-42aa"
REPORT = "hbri_partnership.action_report_hbri_case_study"


class HbriCaseStudyCommon(HbriPartnershipCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_facilitator = new_test_user(
            cls.env,
            login="hbri_cs_facilitator",
            groups="base.group_user,hbri_partnership.hbri_partnership_group_facilitator",
        )
        cls._create_membership(cls.org_company, date(2026, 1, 1), state="active")
        cls._create_membership(cls.org_ngo, date(2026, 1, 1), state="active")
        cls.rt_session = cls.env["hbri.roundtable.session"].create(
            {
                "date_start": datetime(2026, 9, 8, 2),
                "date_end": datetime(2026, 9, 8, 5),
                "facilitator_user_ids": [(6, 0, cls.user_facilitator.ids)],
            }
        )
        cls.partnership = cls.env["hbri.partnership"].create(
            {
                "name": "Klinik Keliling PT Uji Coba",
                "member_ids": [
                    (0, 0, {"partner_id": cls.org_company.id}),
                    (0, 0, {"partner_id": cls.org_ngo.id}),
                    (0, 0, {"partner_id": cls.org_public.id, "role": "government"}),
                ],
            }
        )
        cls.presentation = cls.env["hbri.presentation"].create(
            {
                "name": "Mobile clinic by PT Uji Coba and Yayasan Uji",
                "session_id": cls.rt_session.id,
                "presenting_partner_ids": [(6, 0, (cls.org_company | cls.org_ngo).ids)],
                "presenter_ids": [(6, 0, (cls.rep_company | cls.rep_ngo).ids)],
                "partnership_id": cls.partnership.id,
                "abstract_formation": "<p>PT Uji Coba met Yayasan Uji and Ayu Representative proposed a clinic.</p>",
                "abstract_implementation": "<p>Weekly visits with Dinas Kesehatan Uji.</p>",
                "abstract_results": "<p>240 women screened.</p>",
            }
        )
        cls.note = cls.env["hbri.session.note"].create(
            {"session_id": cls.rt_session.id, "kind": "qa", "body": f"<p>{NOTE_SECRET}</p>"}
        )

    def _draft(self, presentation=None):
        presentation = presentation or self.presentation
        action = presentation.with_user(self.user_secretariat).action_create_case_study()
        case_study = self.env["hbri.case.study"].browse(action["res_id"])
        # every section a case study needs before its review
        case_study.write({"background": "<p>Mothers saw a midwife late.</p>", "lessons": "<p>Start early.</p>"})
        return case_study

    def _consent(self, case_study, organization, representative, name=True):
        return self.env["hbri.consent"].create(
            {
                "case_study_id": case_study.id,
                "partner_id": organization.id,
                "representative_id": representative.id,
                "scope_name": name,
                "scope_publish": True,
                "evidence_file": base64.b64encode(b"%PDF-1.4 signed form"),
                "evidence_filename": "signed.pdf",
            }
        )

    def _approved(self, named=True, presentation=None, **vals):
        case_study = self._draft(presentation)
        if vals:
            case_study.write(vals)
        case_study.action_submit_review()
        case_study.action_request_approval()
        self._consent(case_study, self.org_company, self.rep_company, name=named)
        self._consent(case_study, self.org_ngo, self.rep_ngo, name=named)
        case_study.action_approve()
        return case_study

    def _second_presentation(self):
        return self.presentation.copy()


class TestHbriCaseStudyLifecycle(HbriCaseStudyCommon):
    def test_draft_from_presentation_abstract(self):
        case_study = self._draft()
        self.assertEqual(case_study.state, "draft")
        self.assertIn("met Yayasan Uji", case_study.formation)
        self.assertIn("240 women", case_study.results)
        self.assertEqual(case_study.consenting_partner_ids, self.org_company | self.org_ngo)
        self.assertEqual(case_study.partnership_id, self.partnership)
        self.assertFalse(case_study.includes_notes)
        for section in ("background", "formation", "implementation", "results", "lessons"):
            self.assertNotIn(NOTE_SECRET, case_study[section] or "")

    def test_approval_needs_consent_of_every_presenter(self):
        case_study = self._draft()
        case_study.action_submit_review()
        case_study.action_request_approval()
        with self.assertRaisesText(UserError, "did not consent to version 1"):
            case_study.action_approve()
        self._consent(case_study, self.org_company, self.rep_company)
        with self.assertRaisesText(UserError, "Yayasan Uji did not consent"):
            case_study.action_approve()
        self._consent(case_study, self.org_ngo, self.rep_ngo)
        case_study.action_approve()
        self.assertEqual(case_study.state, "approved")
        self.assertEqual(case_study.attribution_mode, "named")

    def test_edit_after_consent_invalidates_it(self):
        case_study = self._draft()
        case_study.action_submit_review()
        case_study.action_request_approval()
        self._consent(case_study, self.org_company, self.rep_company)
        self._consent(case_study, self.org_ngo, self.rep_ngo)
        case_study.lessons = "<p>Trust takes time.</p>"
        self.assertEqual(case_study.content_version, 2)
        self.assertEqual(case_study.state, "review", "the edit sends it back to review")
        case_study.action_request_approval()
        with self.assertRaisesText(UserError, "did not consent to version 2"):
            case_study.action_approve()
        # an approved case study edited goes back too
        self._consent(case_study, self.org_company, self.rep_company)
        self._consent(case_study, self.org_ngo, self.rep_ngo)
        case_study.action_approve()
        case_study.name = "A new title"
        self.assertEqual((case_study.state, case_study.content_version), ("review", 3))

    def test_consent_from_a_representative(self):
        case_study = self._draft()
        case_study.action_submit_review()
        case_study.action_request_approval()
        with self.assertRaisesText(Exception, "does not represent"):
            self._consent(case_study, self.org_company, self.rep_ngo)

    def test_publication_by_administrator_only(self):
        case_study = self._approved()
        with self.assertRaises(AccessError):
            case_study.with_user(self.user_secretariat).action_publish()
        case_study.with_user(self.user_manager).action_publish()
        self.assertEqual(case_study.state, "published")
        self.assertEqual(case_study.published_by_id, self.user_manager)
        with self.assertRaisesText(UserError, "reset it to draft"):
            case_study.lessons = "<p>late change</p>"

    def test_anonymized_without_consent_to_name(self):
        case_study = self._approved(named=False)
        self.assertEqual(case_study.attribution_mode, "anonymized")

    def test_who_reads_what(self):
        case_study = self._draft()
        staff = self.env(user=self.user_staff)["hbri.case.study"]
        self.assertFalse(staff.search([("id", "=", case_study.id)]), "staff read published case studies only")
        self.assertTrue(self.env(user=self.user_secretariat)["hbri.case.study"].search([("id", "=", case_study.id)]))
        case_study.action_submit_review()
        case_study.action_request_approval()
        self._consent(case_study, self.org_company, self.rep_company)
        self._consent(case_study, self.org_ngo, self.rep_ngo)
        case_study.action_approve()
        case_study.action_publish()
        self.assertTrue(staff.search([("id", "=", case_study.id)]))


class TestHbriCaseStudyNotesImport(HbriCaseStudyCommon):
    def _import(self, case_study, user, confirm=True):
        wizard = (
            self.env["hbri.case.study.import.notes"]
            .with_user(user)
            .create(
                {
                    "case_study_id": case_study.id,
                    "note_ids": [(6, 0, self.note.ids)],
                    "section": "lessons",
                    "confirm": confirm,
                }
            )
        )
        return wizard.action_import()

    def test_only_facilitator_imports_logged_and_restricted(self):
        case_study = self._draft()
        with self.assertRaises(UserError):  # AccessError is a UserError
            self._import(case_study, self.user_secretariat)
        with self.assertRaisesText(UserError, "Tick the confirmation"):
            self._import(case_study, self.user_facilitator, confirm=False)
        self._import(case_study, self.user_facilitator)
        self.assertIn(NOTE_SECRET, case_study.lessons)
        self.assertTrue(case_study.includes_notes)
        log = case_study.message_ids.filtered(lambda m: "imported 1 off-the-record note" in (m.body or ""))
        self.assertEqual(len(log), 1)
        self.assertNotIn(NOTE_SECRET, log.body)
        # the secretariat no longer reads this draft; the session's facilitator and administrators do
        self.assertFalse(self.env(user=self.user_secretariat)["hbri.case.study"].search([("id", "=", case_study.id)]))
        self.assertTrue(self.env(user=self.user_facilitator)["hbri.case.study"].search([("id", "=", case_study.id)]))
        self.assertTrue(self.env(user=self.user_manager)["hbri.case.study"].search([("id", "=", case_study.id)]))
        case_study.action_submit_review()
        case_study.action_request_approval()
        self._consent(case_study, self.org_company, self.rep_company)
        self._consent(case_study, self.org_ngo, self.rep_ngo)
        case_study.action_approve()
        self.assertFalse(case_study.includes_notes, "approved by the members: no longer restricted")
        self.assertTrue(self.env(user=self.user_secretariat)["hbri.case.study"].search([("id", "=", case_study.id)]))


@tagged("post_install", "-at_install", "hbri_partnership")
class TestHbriCaseStudyPdf(HbriCaseStudyCommon, HttpCase):
    """HttpCase: wkhtmltopdf loads the report's stylesheets from the test server, which must be serving."""

    def _pdf(self, records, user=None):
        return self.pdf_text(self.render_pdf(REPORT, records, user))

    def test_named_pdf(self):
        # the labels checked are English ones: with Bahasa Indonesia installed, the default prints in it
        case_study = self._approved(print_language="en_US", period="2025-2026")
        text = self._pdf(case_study)
        self.assertIn("Mobile clinic by PT Uji Coba and Yayasan Uji", text)
        self.assertIn("Key Facts", text)
        self.assertIn("How the Partnership Formed", text)
        self.assertIn("240 women screened", text)
        self.assertIn("Published with the consent of", text)
        self.assertIn("PT Uji Coba", text)
        self.assertNotIn(NOTE_SECRET, text)

    def test_anonymized_pdf_names_nobody(self):
        case_study = self._approved(named=False, print_language="en_US")  # the labels checked are English ones
        text = self._pdf(case_study)
        self.assertIn("Anonymized case study", text)
        for name in (
            "PT Uji Coba",
            "Yayasan Uji",
            "Ayu Representative",
            "Bayu Representative",
            "Dinas Kesehatan Uji",
            "Klinik Keliling PT Uji Coba",
        ):
            self.assertNotIn(name, text)
        self.assertIn("a member company", text)
        self.assertIn("a national NGO", text)
        self.assertIn("a district health office", text)
        self.assertNotIn(NOTE_SECRET, text)

    def test_several_case_studies_in_one_pdf(self):
        first = self._approved()
        second = self._approved(
            named=False, presentation=self._second_presentation(), name="Second case study about clinics"
        )
        text = self._pdf(first | second)
        self.assertIn("Mobile clinic by PT Uji Coba and Yayasan Uji", text)
        self.assertIn("Second case study about clinics", text)

    def test_who_may_print(self):
        draft = self._draft(self._second_presentation())
        self.assertIn("Mobile clinic", self._pdf(draft, user=self.user_secretariat))
        published = self._approved()
        published.action_publish()
        self.assertIn("Mobile clinic", self._pdf(published, user=self.user_staff))
        with self.assertRaises(AccessError):
            self._pdf(draft, user=self.user_staff)
        with self.assertRaises(AccessError):
            self._pdf(published, user=self.user_internal)

    def test_no_attachment_cache(self):
        report = self.env.ref(REPORT)
        self.assertFalse(report.attachment)
        self.assertFalse(report.attachment_use)

    def test_form_prints_in_chosen_language(self):
        case_study = self._approved()
        with Form(case_study) as form:
            form.print_language = "en_US"
        self.assertIn("Key Facts", self._pdf(case_study))
