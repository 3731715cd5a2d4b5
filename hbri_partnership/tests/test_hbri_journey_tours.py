# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The secretariat's journeys in Chromium, in Bahasa Indonesia (static/tests/tours/hbri_journey_tours.js)."""

from datetime import date, datetime, timedelta

from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import HbriPartnershipCommon

SESSIONS_URL = "/odoo/action-hbri_partnership.hbri_roundtable_session_action"


@tagged("post_install", "-at_install", "hbri_partnership")
class TestHbriJourneyTours(HbriPartnershipCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("id_ID")
        cls.env["ir.module.module"]._load_module_terms(["hbri_partnership"], ["id_ID"], overwrite=True)
        cls._create_membership(cls.org_company, date(2020, 1, 1), state="active")
        cls.rep_company.email = "ayu@uji.example"
        cls.user_tour = new_test_user(
            cls.env,
            login="hbri_journey",
            name="Sari Jalan",
            lang="id_ID",
            tz="Asia/Jakarta",
            groups="base.group_user,base.group_partner_manager,hbri_partnership.hbri_partnership_group_secretariat",
        )
        Session = cls.env["hbri.roundtable.session"]
        # the tours see their own sessions only
        Session.search([]).active = False
        start = datetime.now() - timedelta(hours=1)
        cls.today_session = Session.create(
            {
                "name": "Sesi Tur Hari Ini",
                "date_start": start,
                "date_end": start + timedelta(hours=3),
                "host_partner_id": cls.org_company.id,
            }
        )
        cls.future_session = Session.create(
            {
                "name": "Sesi Tur Tahun Depan",
                "date_start": datetime(2031, 1, 14, 2),
                "date_end": datetime(2031, 1, 14, 5),
                "host_partner_id": cls.org_company.id,
            }
        )
        cls.env["hbri.session.attendee"].create({"session_id": cls.future_session.id, "partner_id": cls.rep_company.id})
        cls.session_2030 = Session.create(
            {"name": "Sesi Tur 2030", "date_start": datetime(2030, 2, 12, 2), "date_end": datetime(2030, 2, 12, 5)}
        )

    def test_journey_join(self):
        self.start_tour(SESSIONS_URL, "hbri_journey_join", login="hbri_journey")
        organization = self.env["res.partner"].search([("name", "=", "PT Jalan Sehat")])
        representative = organization.hbri_representative_ids
        self.assertEqual(representative.name, "Dewi Jalan")
        self.assertFalse(representative.is_company)
        consultation = self.env["hbri.consultation"].search([("partner_id", "=", organization.id)])
        self.assertEqual(consultation.contact_ids, representative)
        self.assertEqual(consultation.membership_id.state, "active")
        self.assertEqual(consultation.membership_id.accepted_by_id, representative)
        self.assertEqual(organization.hbri_membership_state, "member")

    def test_journey_quarter(self):
        self.start_tour(SESSIONS_URL, "hbri_journey_quarter", login="hbri_journey")
        Session = self.env["hbri.roundtable.session"]
        self.assertEqual(Session.search_count([("quarter", "=", "2030-Q1")]), 1, "no duplicate planned")
        self.assertEqual(Session.search_count([("quarter", "in", ("2030-Q2", "2030-Q3", "2030-Q4"))]), 3)
        self.assertTrue(self.today_session.is_host_confirmed)
        self.assertEqual(self.today_session.state, "held")
        attendee = self.today_session.attendee_ids.filtered(lambda a: a.partner_id == self.rep_company)
        self.assertEqual(attendee.state, "attended")
        # one invitation, sent once (the evaluation companion, when installed, also e-mails who attended)
        invitations = self.env["mail.mail"].search(
            [("recipient_ids", "in", self.rep_company.ids), ("model", "=", "hbri.session.attendee")]
        )
        self.assertEqual(len(invitations), 1)

    def test_journey_mistakes(self):
        # the refusals are the point: the server logs them as warnings
        with mute_logger("odoo.http"):
            self.start_tour(SESSIONS_URL, "hbri_journey_mistakes", login="hbri_journey")
        self.assertEqual(self.future_session.state, "planned")
        self.assertEqual(self.future_session.attendee_ids.state, "invited")
        self.assertFalse(self.future_session.attendee_ids.invitation_sent, "no invitation went out")
        self.assertFalse(self.future_session.active, "archived from the form's action menu")
        self.assertEqual(self.env["hbri.roundtable.session"].search_count([("quarter", "=", "2030-Q1")]), 1)
