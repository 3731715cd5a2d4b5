# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The forum works in Bahasa Indonesia: a user (or a session) in Indonesian meets the addon in Indonesian."""

from datetime import date, datetime

from odoo.fields import Command
from odoo.tests import HttpCase, new_test_user, tagged

from ..models.hbri_workflow_mixin import workflow_write
from .common import HbriPartnershipCommon


@tagged("post_install", "-at_install", "hbri_partnership")
class TestHbriIndonesian(HbriPartnershipCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("id_ID")
        cls.env["ir.module.module"]._load_module_terms(["hbri_partnership"], ["id_ID"], overwrite=True)
        cls.user_secretariat.lang = "id_ID"
        cls._create_membership(cls.org_company, date(2026, 1, 1), state="active")
        cls.rep_company.email = "ayu@uji.example"
        cls.rt_session = cls.env["hbri.roundtable.session"].create(
            {
                "date_start": datetime(2026, 9, 8, 2),
                "date_end": datetime(2026, 9, 8, 5),
                "language": "id_ID",
                "online_url": "https://meet.example.com/hbri",
                "host_partner_id": cls.org_company.id,
                "is_host_confirmed": True,
            }
        )

    def _pdf_text(self, report, records):
        return self.pdf_text(self.render_pdf(report, records))

    def test_views_and_menus_in_indonesian(self):
        env = self.env(user=self.user_secretariat, context={"lang": self.user_secretariat.lang})
        arch = env["hbri.roundtable.session"].get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn("Undang Anggota", arch)
        menu = env.ref("hbri_partnership.hbri_partnership_menu_sessions")
        self.assertEqual(menu.with_context(lang="id_ID").name, "Sesi")

    def test_partnerships_grouped_by_sector_mix_in_indonesian(self):
        """The sector mix is read in the reader's language, not frozen in the language it was saved in."""
        partnership = self.env["hbri.partnership"].create(
            {
                "name": "Klinik ibu",
                "member_ids": [
                    Command.create({"partner_id": self.org_company.id}),
                    Command.create({"partner_id": self.org_public.id}),
                ],
            }
        )
        names_id = [
            self.env.ref(xmlid).with_context(lang="id_ID").name
            for xmlid in ("hbri_partnership.hbri_sector_business", "hbri_partnership.hbri_sector_public")
        ]
        self.assertNotIn("Public Sector", names_id, "the sectors have Indonesian names")
        env = self.env(user=self.user_secretariat, context={"lang": "id_ID"})
        groups = env["hbri.partnership"].formatted_read_group(
            [("id", "=", partnership.id)], ["sector_mix_id"], ["__count"]
        )
        label = groups[0]["sector_mix_id"][1]
        self.assertEqual(label, " + ".join(names_id))
        self.assertIn("Public Sector", partnership.with_context(lang="en_US").sector_mix_id.display_name)

    def test_date_in_indonesian_and_zone_named(self):
        when = self.rt_session.with_context(lang="id_ID")._format_when("id_ID")
        self.assertEqual(when, "Selasa 8 September 2026 09:00 – 12:00 WIB")
        # the back office shows it in the reader's language, whatever the session's
        self.assertEqual(self.rt_session.with_context(lang="id_ID").date_display, when)
        self.assertEqual(
            self.rt_session.with_context(lang="en_US").date_display, "Tuesday 8 September 2026 09:00 – 12:00 WIB"
        )

    def test_invitation_mail_in_indonesian(self):
        self.rt_session.action_invite_members()
        mail = self.env["mail.mail"].search([("recipient_ids", "in", self.rep_company.ids)], limit=1)
        self.assertIn("Undangan: Roundtable 2026-Q3", mail.subject)
        self.assertIn("Anda diundang", mail.body_html)
        self.assertIn("Selasa 8 September 2026", mail.body_html)
        self.assertIn("WIB", mail.body_html)

    def test_case_study_pdf_in_indonesian(self):
        case_study = self.env["hbri.case.study"].create(
            {
                "name": "Klinik keliling",
                "print_language": "id_ID",
                "formation": "<p>Bertemu di sesi pertama.</p>",
                "partner_ids": [(6, 0, self.org_company.ids)],
            }
        )
        text = self._pdf_text("hbri_partnership.action_report_hbri_case_study", case_study)
        self.assertIn("STUDI KASUS", text.upper())
        self.assertIn("Fakta Utama", text)
        self.assertIn("Bagaimana Kemitraan Terbentuk", text)
        self.assertNotIn("Key Facts", text)
        case_study.print_language = "en_US"
        self.assertIn("Key Facts", self._pdf_text("hbri_partnership.action_report_hbri_case_study", case_study))

    def test_sign_in_sheet_in_indonesian(self):
        self.env["hbri.session.attendee"].create({"session_id": self.rt_session.id, "partner_id": self.rep_company.id})
        text = self._pdf_text("hbri_partnership.action_report_hbri_session_sign_in", self.rt_session)
        self.assertIn("Daftar Hadir", text)
        self.assertIn("Tanda Tangan", text)
        self.assertIn("Ayu Representative", text)
        self.assertIn("WIB", text)

    def test_portal_case_study_sections_in_indonesian(self):
        """A representative reading a case study in Indonesian sees the sections' headings in Indonesian."""
        new_test_user(
            self.env, login="hbri_portal_id", groups="base.group_portal", partner_id=self.rep_company.id, lang="id_ID"
        )
        case_study = self.env["hbri.case.study"].create(
            {"name": "Klinik Uji", "partner_ids": [(6, 0, self.org_company.ids)], "background": "<p>Latar uji</p>"}
        )
        with workflow_write():  # test setup: the approval request itself is tested elsewhere
            case_study.write({"state": "awaiting"})
        self.authenticate("hbri_portal_id", "hbri_portal_id")
        response = self.url_open(f"/my/roundtable/case-study/{case_study.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Latar Belakang", response.text)
        self.assertNotIn(">Background<", response.text)
