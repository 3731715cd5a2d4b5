# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime, timedelta

from odoo.tests import HttpCase, new_test_user, tagged

from .common import HbriPartnershipCommon


@tagged("post_install", "-at_install", "hbri_partnership")
class TestHbriNotesTour(HbriPartnershipCommon, HttpCase):
    """Facilitator notes → summary released → the member sees it: clicks in the Indonesian UI, not RPC."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("id_ID")
        cls._create_membership(cls.org_company, date(2020, 1, 1), state="active")
        cls.user_facilitator = new_test_user(
            cls.env,
            login="hbri_tour_facilitator",
            lang="id_ID",
            groups="base.group_user,hbri_partnership.hbri_partnership_group_facilitator",
        )
        new_test_user(
            cls.env, login="hbri_tour_member", lang="id_ID", groups="base.group_portal", partner_id=cls.rep_company.id
        )
        past = datetime.now() - timedelta(days=7)
        cls.rt_session = cls.env["hbri.roundtable.session"].create(
            {
                "name": "Sesi Tur Catatan",
                "date_start": past,
                "date_end": past + timedelta(hours=3),
                "facilitator_user_ids": [(6, 0, cls.user_facilitator.ids)],
            }
        )
        cls.attendee = cls.env["hbri.session.attendee"].create(
            {"session_id": cls.rt_session.id, "partner_id": cls.rep_company.id, "role": "member"}
        )
        cls.rt_session.state = "held"
        cls.attendee.state = "attended"

    def test_tour_notes_summary_portal(self):
        self.start_tour(
            f"/odoo/action-hbri_partnership.hbri_roundtable_session_action/{self.rt_session.id}",
            "hbri_facilitator_notes_summary",
            login="hbri_tour_facilitator",
        )
        note = self.env["hbri.session.note"].search([("session_id", "=", self.rt_session.id)])
        self.assertEqual(len(note), 1)
        self.assertIn("TOUR-NOTE", note.body)
        self.assertEqual(note.author_id, self.user_facilitator)
        summary = self.rt_session.summary_ids
        self.assertEqual(summary.state, "released")
        self.assertEqual(summary.released_by_id, self.user_facilitator)
        # the form opened the notes: the access log counted it
        logs = self.env["hbri.confidential.access.log"].search(
            [("res_model", "=", "hbri.session.note"), ("res_id", "=", note.id)]
        )
        self.assertEqual(logs.user_id, self.user_facilitator)
        self.start_tour("/my/roundtable", "hbri_member_reads_summary", login="hbri_tour_member")
