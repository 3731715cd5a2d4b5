# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Printed session documents: real PDFs (wkhtmltopdf), read back with pdftotext.

HttpCase: wkhtmltopdf loads the report's stylesheets from the test server, whose address HttpCase sets as
``web.base.url``. The off-the-record notes are unique strings: finding one in any PDF is a leak.
"""

import time
from datetime import date, datetime

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import file_open

from .common import HbriPartnershipCommon, pdf_to_text

NOTE_SECRET = "CATATAN-3e9d-rahasia"
QUOTE_SECRET = "KUTIPAN-6a1b-rahasia"
DRAFT_TEXT = "DRAF-8c1f-ringkasan"
RELEASED_TEXT = "RILIS-5a27-ringkasan"
AGENDA_TEXT = "Agenda-4b6e-publik"
SECRETS = (NOTE_SECRET, QUOTE_SECRET, DRAFT_TEXT)

INVITATION = "hbri_partnership.action_report_hbri_session_invitation"
SIGN_IN = "hbri_partnership.action_report_hbri_session_sign_in"
SUMMARY = "hbri_partnership.action_report_hbri_session_summary"


class HbriSessionDocumentsCommon(HbriPartnershipCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_facilitator = new_test_user(
            cls.env,
            login="hbri_doc_facilitator",
            groups="base.group_user,hbri_partnership.hbri_partnership_group_facilitator",
        )
        cls._create_membership(cls.org_company, date(2020, 1, 1), state="active")
        cls._create_membership(cls.org_ngo, date(2020, 1, 1), state="active")
        cls.org_university = cls.env["res.partner"].create(
            {
                "name": "Universitas Contoh",
                "is_company": True,
                "hbri_sector_id": cls.env.ref("hbri_partnership.hbri_sector_academia").id,
            }
        )
        cls.guest = cls.env["res.partner"].create({"name": "Citra Guest", "parent_id": cls.org_university.id})
        cls.venue = cls.env["res.partner"].create(
            {"name": "Hotel Venue Uji", "is_company": True, "street": "Jl. Sudirman 1", "city": "Jakarta"}
        )
        # 2026-09-08 09:00-12:00 in Jakarta (UTC+7); in English, the language of the texts checked below (with
        # Bahasa Indonesia installed, a session in the default language prints in it)
        cls.rt_session = cls.env["hbri.roundtable.session"].create(
            {
                "language": "en_US",
                "date_start": datetime(2026, 9, 8, 2, 0),
                "date_end": datetime(2026, 9, 8, 5, 0),
                "agenda": f"<p>{AGENDA_TEXT}</p>",
                "venue_partner_id": cls.venue.id,
                "online_url": "https://meet.example.org/hbri-q3",
                "host_partner_id": cls.org_company.id,
                "facilitator_user_ids": [(6, 0, cls.user_facilitator.ids)],
            }
        )
        cls.rt_session.action_confirm_host()
        cls.env["hbri.session.attendee"].create(
            [
                {"session_id": cls.rt_session.id, "partner_id": cls.rep_ngo.id, "role": "member"},
                {"session_id": cls.rt_session.id, "partner_id": cls.guest.id, "role": "guest"},
                {"session_id": cls.rt_session.id, "partner_id": cls.rep_company.id, "role": "presenter"},
            ]
        )
        env_fac = cls.env(user=cls.user_facilitator)
        env_fac["hbri.session.note"].create(
            {
                "session_id": cls.rt_session.id,
                "body": f"<p>{NOTE_SECRET}</p>",
                "is_attributed": True,
                "attribution_ids": [(0, 0, {"partner_id": cls.rep_company.id, "statement": QUOTE_SECRET})],
            }
        )
        # one draft per session at a time: the released one first, then the new draft
        cls.released_summary = env_fac["hbri.session.summary"].create(
            {"session_id": cls.rt_session.id, "body": f"<p>{RELEASED_TEXT}</p>"}
        )
        cls.released_summary.action_release()
        cls.draft_summary = env_fac["hbri.session.summary"].create(
            {"session_id": cls.rt_session.id, "body": f"<p>{DRAFT_TEXT}</p>"}
        )
        # a special session (not off-the-record) whose host has not confirmed yet
        cls.special_session = cls.env["hbri.roundtable.session"].create(
            {
                "kind": "special",
                "language": "en_US",
                "date_start": datetime(2026, 10, 13, 3, 0),
                "date_end": datetime(2026, 10, 13, 6, 0),
                "host_partner_id": cls.org_ngo.id,
            }
        )
        cls.env.flush_all()

    def _pdf(self, report, records, user=None):
        return pdf_to_text(self.render_pdf(report, records, user or self.user_staff))

    def assertNoSecret(self, text):
        for secret in SECRETS:
            self.assertNotIn(secret, text)


@tagged("post_install", "-at_install", "hbri_partnership")
class TestHbriSessionDocuments(HbriSessionDocumentsCommon, HttpCase):
    def test_invitation(self):
        text = self._pdf(INVITATION, self.rt_session)
        self.assertIn("Roundtable 2026-Q3", text)
        self.assertIn("Roundtable Session", text)
        self.assertIn("8 September 2026 09:00", text)
        self.assertIn("12:00 WIB", text)
        self.assertIn("Hotel Venue Uji, Jl. Sudirman 1, Jakarta", text)
        self.assertIn("https://meet.example.org/hbri-q3", text)
        self.assertIn("PT Uji Coba", text, "the confirmed host is named")
        self.assertIn(AGENDA_TEXT, text)
        self.assertIn("Off-the-record", text)
        self.assertNoSecret(text)

    def test_invitation_several_sessions(self):
        """Several sessions print at once, in one wkhtmltopdf run (unpatched Qt refuses several documents)."""
        text = self._pdf(INVITATION, self.rt_session | self.special_session)
        self.assertIn("Roundtable 2026-Q3", text)
        self.assertIn("Special Discussion 2026-Q4", text)
        self.assertIn("13 October 2026 10:00", text)
        # the special session's host has not confirmed: not announced; it is not off-the-record
        special_part = text[text.index("Special Discussion 2026-Q4") :]
        self.assertNotIn("Yayasan Uji", special_part)
        self.assertNotIn("Off-the-record", special_part)
        self.assertIn("The agenda will follow", special_part)
        self.assertEqual(text.count("Off-the-record"), 1)

    def test_sign_in_sheet(self):
        text = self._pdf(SIGN_IN, self.rt_session)
        self.assertIn("Attendance Sign-in Sheet", text)
        self.assertIn("Roundtable 2026-Q3", text)
        self.assertIn("WIB", text)
        for name in ("Ayu Representative", "Bayu Representative", "Citra Guest"):
            self.assertIn(name, text)
        for organization in ("PT Uji Coba", "Yayasan Uji", "Universitas Contoh"):
            self.assertIn(organization, text)
        self.assertIn("Presenter", text)
        self.assertIn("Invited Guest", text)
        self.assertIn("Signature", text)
        # sorted by organization: PT Uji Coba, Universitas Contoh, Yayasan Uji
        positions = [text.index(name) for name in ("Ayu Representative", "Citra Guest", "Bayu Representative")]
        self.assertEqual(positions, sorted(positions))
        self.assertNoSecret(text)

    def test_sign_in_sheet_in_session_language(self):
        self.env["res.lang"]._activate_lang("id_ID")
        self.rt_session.language = "id_ID"
        text = self._pdf(SIGN_IN, self.rt_session)
        self.assertIn("Selasa 8 September 2026", text, "the date is written in Bahasa Indonesia")
        self.assertIn("WIB", text)
        self.rt_session.language = "en_US"
        text = self._pdf(SIGN_IN, self.rt_session)
        self.assertIn("Tuesday 8 September 2026", text)

    def test_sign_in_sheet_500_attendees(self):
        """500 attendees print in seconds, with as many queries as 5 (names are prefetched, not read per row)."""
        organizations = self.env["res.partner"].create(
            [
                {"name": f"Organisasi {i:02d}", "is_company": True, "hbri_sector_id": self.sector_business.id}
                for i in range(10)
            ]
        )
        people = self.env["res.partner"].create(
            [{"name": f"Peserta {i:03d}", "parent_id": organizations[i % 10].id} for i in range(500)]
        )
        small, big = self.env["hbri.roundtable.session"].create(
            [
                # in the quarter of the story's special session: additional sessions, confirmed
                {
                    "kind": "special",
                    "date_start": datetime(2026, 11, 3, 2),
                    "date_end": datetime(2026, 11, 3, 5),
                    "is_additional": True,
                },
                {
                    "kind": "special",
                    "date_start": datetime(2026, 11, 4, 2),
                    "date_end": datetime(2026, 11, 4, 5),
                    "is_additional": True,
                },
            ]
        )
        self.env["hbri.session.attendee"].create(
            [{"session_id": small.id, "partner_id": person.id, "role": "guest"} for person in people[:5]]
            + [{"session_id": big.id, "partner_id": person.id, "role": "guest"} for person in people]
        )
        self.env.flush_all()
        Report = self.env(user=self.user_staff)["ir.actions.report"]
        # the first run compiles the templates and fills Odoo's caches: the second is the one compared
        queries = []
        for session in (small, small, big):
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            html = Report._render_qweb_html(SIGN_IN, session.ids)[0].decode()
            queries.append(self.env.cr.sql_log_count - before)
            self.assertEqual(html.count("Peserta "), len(session.attendee_ids))
        self.assertEqual(queries[1], queries[2], "reading 500 attendees costs no more queries than 5")

        self.env.invalidate_all()
        started = time.monotonic()
        text = self._pdf(SIGN_IN, big)
        elapsed = time.monotonic() - started
        self.assertLess(elapsed, 60, f"500 attendees took {elapsed:.1f} s to print")
        for name in ("Peserta 000", "Peserta 250", "Peserta 499", "Organisasi 09"):
            self.assertIn(name, text)
        # by organization, then name: Organisasi 00 holds Peserta 000, 010, …, 490
        self.assertLess(text.index("Peserta 490"), text.index("Peserta 001"))

    def test_released_summary(self):
        text = self._pdf(SUMMARY, self.released_summary)
        self.assertIn(RELEASED_TEXT, text)
        self.assertIn("Roundtable 2026-Q3", text)
        self.assertIn("8 September 2026 09:00", text)
        self.assertIn("WIB", text)
        self.assertNoSecret(text)

    def test_draft_summary_refused(self):
        Report = self.env(user=self.user_facilitator)["ir.actions.report"].with_context(force_report_rendering=True)
        # the facilitator reads the draft, and still cannot print it
        self.assertEqual(self.draft_summary.with_user(self.user_facilitator).state, "draft")
        for summaries in (self.draft_summary, self.draft_summary | self.released_summary):
            with self.assertRaisesText(UserError, "Only released summaries can be printed"):
                Report._render_qweb_pdf(SUMMARY, summaries.ids)
            with self.assertRaisesText(UserError, "Only released summaries can be printed"):
                Report._render_qweb_html(SUMMARY, summaries.ids)
        # staff do not even read it
        with self.assertRaises(AccessError):
            self.env(user=self.user_staff)["ir.actions.report"].with_context(
                force_report_rendering=True
            )._render_qweb_pdf(SUMMARY, self.draft_summary.ids)

    def test_no_note_even_for_who_reads_notes(self):
        """The administrator reads the notes; no document prints them all the same."""
        self.assertIn(NOTE_SECRET, self.rt_session.with_user(self.user_manager).note_ids.body)
        for report, records in (
            (INVITATION, self.rt_session),
            (SIGN_IN, self.rt_session),
            (SUMMARY, self.released_summary),
        ):
            with self.subTest(report=report):
                self.assertNoSecret(self._pdf(report, records, user=self.user_manager))


@tagged("post_install", "-at_install", "hbri_partnership")
class TestHbriSessionReportActions(HbriPartnershipCommon):
    def test_print_menu_for_roundtable_users(self):
        group_user = self.env.ref("hbri_partnership.hbri_partnership_group_user")
        for xmlid, model in (
            (INVITATION, "hbri.roundtable.session"),
            (SIGN_IN, "hbri.roundtable.session"),
            (SUMMARY, "hbri.session.summary"),
        ):
            report = self.env.ref(xmlid)
            self.assertEqual(report.model, model)
            self.assertEqual(report.binding_model_id.model, model)
            self.assertEqual(report.group_ids, group_user)
            # no cached attachment: a print always reads the records as the user who prints
            self.assertFalse(report.attachment)
            self.assertFalse(report.attachment_use)
            staff = self.env(user=self.user_staff)["ir.actions.actions"].get_bindings(model)
            self.assertIn(report.id, [action["id"] for action in staff["report"]])
            internal = self.env(user=self.user_internal)["ir.actions.actions"].get_bindings(model)
            self.assertNotIn(report.id, [action["id"] for action in internal.get("report", [])])

    def test_report_code_never_sudo(self):
        """Summaries' drafts are confidential: the report code reads as the user who prints, never as sudo."""
        for path in (
            "hbri_partnership/report/hbri_session_reports.py",
            "hbri_partnership/report/ir_actions_report.py",
            "hbri_partnership/report/hbri_roundtable_session_templates.xml",
            "hbri_partnership/report/hbri_roundtable_session_reports.xml",
        ):
            with file_open(path) as source:
                self.assertNotIn("sudo", source.read(), path)
