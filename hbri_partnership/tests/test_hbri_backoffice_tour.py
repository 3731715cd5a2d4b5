# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime, timedelta

from odoo.tests import HttpCase, new_test_user, tagged

from .common import HbriPartnershipCommon


@tagged("post_install", "-at_install", "hbri_partnership")
class TestHbriBackofficeTour(HbriPartnershipCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._create_membership(cls.org_company, date(2020, 1, 1), state="active")
        cls.rep_company.email = "ayu@example.com"
        cls.user_tour = new_test_user(
            cls.env,
            login="hbri_tour_secretariat",
            groups="base.group_user,base.group_partner_manager,hbri_partnership.hbri_partnership_group_secretariat",
            lang="en_US",  # the tour's steps read English labels
        )
        start = datetime.now() - timedelta(hours=1)  # under way: it can be marked as held
        Session = cls.env["hbri.roundtable.session"]
        cls.rt_session = Session.create(
            {"name": "Tour Session", "date_start": start, "date_end": start + timedelta(hours=3)}
        )
        past = datetime.now() - timedelta(days=30)
        cls.past_session = Session.create(
            {
                "name": "Tour Past Session",
                "date_start": past,
                "date_end": past + timedelta(hours=3),
                "is_additional": True,  # 30 days ago: the same quarter on most days of the year
            }
        )
        cls.presentation = cls.env["hbri.presentation"].create(
            {
                "name": "Tour Presentation",
                "session_id": cls.past_session.id,
                "presenting_partner_ids": [(6, 0, cls.org_company.ids)],
                "abstract_formation": "<p>Bertemu di sesi Roundtable.</p>",
                "abstract_implementation": "<p>Kunjungan setiap minggu.</p>",
                "abstract_results": "<p>240 perempuan diperiksa.</p>",
            }
        )

    def test_tour_secretariat(self):
        sessions_before = self.env["hbri.roundtable.session"].search_count([])
        self.start_tour(
            "/odoo/action-hbri_partnership.hbri_roundtable_session_action",
            "hbri_backoffice_secretariat",
            login="hbri_tour_secretariat",
        )
        self.assertGreater(self.env["hbri.roundtable.session"].search_count([]), sessions_before + 1)
        self.assertEqual(self.rt_session.state, "held")
        attendee = self.rt_session.attendee_ids.filtered(lambda a: a.partner_id == self.rep_company)
        self.assertEqual(attendee.state, "attended")
        case_study = self.env["hbri.case.study"].search([("presentation_ids", "in", self.presentation.ids)])
        self.assertEqual(case_study.state, "awaiting")
        organization = self.env["res.partner"].search([("name", "=", "PT Tur Sehat")])
        self.assertTrue(organization.is_company)
        self.assertEqual(organization.hbri_sector_id, self.sector_business)
        self.assertEqual(organization.hbri_membership_ids.state, "draft")
        self.assertEqual(organization.hbri_membership_state, "prospect")

    def test_partnerships_kanban(self):
        """The partnerships' kanban cards render (the Roundtable badge reads a field of the record)."""
        self.env["hbri.partnership"].create(
            {"name": "Kanban Partnership", "stage": "implementing", "origin_session_id": self.past_session.id}
        )
        self.browser_js(
            "/odoo/action-hbri_partnership.hbri_partnership_action",
            "console.log('test successful')",
            ready="!!document.querySelector('.o_kanban_record .badge.text-bg-info')",
            login="hbri_tour_secretariat",
        )
