# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import Counter
from datetime import date, datetime
from itertools import pairwise

from freezegun import freeze_time

from odoo.tests import Form

from .common import HbriPartnershipCommon


@freeze_time("2026-11-29")
class TestHbriSessionPlanner(HbriPartnershipCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.members = cls.org_company | cls.org_ngo
        for name in ("PT Alpha", "PT Beta", "PT Gamma"):
            org = cls.env["res.partner"].create(
                {"name": name, "is_company": True, "hbri_sector_id": cls.sector_business.id}
            )
            cls.env["res.partner"].create({"name": f"Rep {name}", "parent_id": org.id})
            cls.members |= org
        for org in cls.members:
            cls._create_membership(org, date(2026, 1, 1), state="active")
        # only this story's members may host (demo data, if loaded, has members too)
        others = cls.env["res.partner"].search([("hbri_membership_ids", "!=", False)]) - cls.members
        others.hbri_declines_hosting = True
        # and only its sessions fill quarters (archived sessions do not count)
        cls.env["hbri.roundtable.session"].search([]).active = False

    def _plan(self, quarters, **values):
        form = Form(self.env["hbri.session.planner"].with_user(self.user_secretariat))
        form.quarter_count = quarters
        for name, value in values.items():
            setattr(form, name, value)
        action = form.save().action_plan()
        return self.env["hbri.roundtable.session"].search(action["domain"], order="date_start")

    def test_dates_in_session_zone(self):
        sessions = self._plan(4)
        # second Tuesday of the second month of each quarter, 09:00 in Jakarta = 02:00 UTC
        self.assertEqual(
            sessions.mapped("date_start"),
            [datetime(2027, 2, 9, 2), datetime(2027, 5, 11, 2), datetime(2027, 8, 10, 2), datetime(2027, 11, 9, 2)],
        )
        self.assertEqual(sessions.mapped("name"), [f"Roundtable 2027-Q{q}" for q in (1, 2, 3, 4)])
        self.assertTrue(all(s.date_end.hour == 5 for s in sessions))

    def test_rotation_over_three_years(self):
        self.org_ngo.hbri_declines_hosting = True
        # PT Beta hosted the last session of 2026: it hosts again only after the others
        past = self.env["hbri.roundtable.session"].create(
            {"date_start": "2026-11-10 02:00:00", "date_end": "2026-11-10 05:00:00"}
        )
        beta = self.members.filtered(lambda p: p.name == "PT Beta")
        past.host_partner_id = beta
        sessions = self._plan(12)
        hosts = sessions.mapped("host_partner_id")
        sequence = [s.host_partner_id.name for s in sessions]
        self.assertNotIn(self.org_ngo, hosts, "a member that declines hosting is never proposed")
        self.assertNotEqual(sequence[0], "PT Beta")
        for previous, current in pairwise(sequence):
            self.assertNotEqual(previous, current)
        self.assertEqual(set(Counter(sequence).values()), {3}, sequence)  # four hosts, three times each
        self.assertEqual(sequence[3], "PT Beta", "the one that hosted most recently comes last in the round")
        self.assertEqual(sequence[:4], sequence[4:8])

    def test_single_candidate_never_hosts_twice_in_a_row(self):
        for org in self.members - self.org_company:
            org.hbri_declines_hosting = True
        sessions = self._plan(3)
        self.assertEqual([bool(s.host_partner_id) for s in sessions], [True, False, True])

    def test_host_reminder_60_days_before(self):
        sessions = self._plan(2)
        activity_type = self.env.ref("hbri_partnership.mail_activity_type_hbri_session_host")
        with freeze_time("2026-12-01"):
            self.env["hbri.roundtable.session"]._cron_session_reminders()
        self.assertFalse(sessions.activity_ids)
        with freeze_time("2026-12-12"):  # first session on 2027-02-09: within 60 days
            self.env["hbri.roundtable.session"]._cron_session_reminders()
            self.env["hbri.roundtable.session"]._cron_session_reminders()
        self.assertEqual(sessions[0].activity_ids.activity_type_id, activity_type)
        self.assertEqual(len(sessions[0].activity_ids), 1, "reminded once")
        self.assertEqual(sessions[0].activity_ids.user_id, self.user_secretariat)
        self.assertFalse(sessions[1].activity_ids)
        sessions[0].action_confirm_host()
        self.assertFalse(sessions[0].activity_ids, "confirming the host closes the reminder")
