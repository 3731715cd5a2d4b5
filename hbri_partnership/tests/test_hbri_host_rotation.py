# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from .common import HbriPartnershipCommon


@freeze_time("2026-11-29")
class TestHbriHostRotation(HbriPartnershipCommon):
    """Host rotation lives on hbri.roundtable.session (_get_host_proposals), used by the planner and by
    "Host Declined"; its queries do not grow with the sessions held before nor with the sessions proposed for."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.members = cls.org_company | cls.org_ngo
        for name in ("PT Alpha", "PT Beta"):
            org = cls.env["res.partner"].create(
                {"name": name, "is_company": True, "hbri_sector_id": cls.sector_business.id}
            )
            cls.env["res.partner"].create({"name": f"Rep {name}", "parent_id": org.id})
            cls.members |= org
        for org in cls.members:
            cls._create_membership(org, date(2020, 1, 1), state="active")
        others = cls.env["res.partner"].search([("hbri_membership_ids", "!=", False)]) - cls.members
        others.hbri_declines_hosting = True
        cls.env["hbri.roundtable.session"].search([]).active = False
        cls.hosted = cls.env["hbri.roundtable.session"]

    def _host_sessions(self, count):
        """``count`` more quarterly sessions before the latest one hosted, hosted in turn by the members."""
        first = min(self.hosted.mapped("date_start"), default=datetime(2026, 11, 10, 2))
        members = self.members.sorted("name")
        for i in range(1, count + 1):
            start = first - relativedelta(months=3 * i)
            self.hosted |= self.env["hbri.roundtable.session"].create(
                {
                    "date_start": start,
                    "date_end": start + relativedelta(hours=3),
                    "host_partner_id": members[i % len(members)].id,
                }
            )

    def _plan(self, count):
        # each planned session in a quarter of its own (one session of a kind per quarter)
        first = len(self.env["hbri.roundtable.session"].search([("date_start", ">=", datetime(2027, 1, 1))]))
        return self.env["hbri.roundtable.session"].create(
            [
                {
                    "date_start": datetime(2027, 2, 9, 2) + relativedelta(months=3 * i),
                    "date_end": datetime(2027, 2, 9, 5) + relativedelta(months=3 * i),
                }
                for i in range(first, first + count)
            ]
        )

    def _count_queries(self, sessions):
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        proposals = sessions.with_user(self.user_secretariat)._get_host_proposals()
        return self.env.cr.sql_log_count - before, proposals

    def test_queries_constant_in_the_number_of_sessions(self):
        self._host_sessions(2)
        small = self._plan(1)
        self._count_queries(small)  # fills Odoo's caches (access rules, ...): the next runs are compared
        few, _proposals = self._count_queries(small)
        self._host_sessions(14)
        many, proposals = self._count_queries(small | self._plan(4))
        self.assertEqual(len(proposals), 5)
        self.assertTrue(all(proposals.values()), "every session gets a host")
        self.assertEqual(few, many, "14 more hosted sessions and 4 more sessions to plan cost no more queries")
        planned = self._plan(2)
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(few):
            planned.with_user(self.user_secretariat)._get_host_proposals()

    def test_rotation_from_each_host_latest_hosting(self):
        # the latest hosts, most recent first: Yayasan Uji, PT Uji Coba, PT Beta, PT Alpha (by name order, in turn)
        self._host_sessions(4)
        latest_first = self.hosted.sorted("date_start", reverse=True).host_partner_id
        sessions = self._plan(4)
        proposals = sessions._get_host_proposals()
        hosts = [proposals[s.id] for s in sessions.sorted("date_start")]
        self.assertEqual(hosts, list(reversed(latest_first)), "the member that hosted least recently first")
        # the planner asks the same rotation
        self.assertEqual(self.env["hbri.roundtable.session"].browse(sessions.ids)._get_host_proposals(), proposals)

    def test_host_declined_proposes_the_next_in_rotation(self):
        self._host_sessions(4)
        session = self._plan(1)
        first = session._get_host_proposals()[session.id]
        session.host_partner_id = first
        session.action_host_declined()
        self.assertNotEqual(session.host_partner_id, first)
        self.assertTrue(session.host_partner_id)
        self.assertIn(first, session.declined_host_ids)

    def test_members_of_another_company_are_not_proposed(self):
        company_b = self.env["res.company"].create({"name": "HBRI Forum B"})
        guideline_b = self.env["hbri.guideline"].create(
            {"name": "Guidelines B", "version": "B-1", "company_id": company_b.id}
        )
        guideline_b.action_make_current()
        org_b = self.env["res.partner"].create(
            {"name": "PT Aaa Forum B", "is_company": True, "hbri_sector_id": self.sector_business.id}
        )
        self.env["res.partner"].create({"name": "Rep B", "parent_id": org_b.id})
        self._create_membership(
            org_b, date(2023, 1, 1), state="active", company_id=company_b.id, guideline_id=guideline_b.id
        )
        session = self._plan(1)
        # never hosted, first by name: it would come first, but its seat is in another forum
        proposal = session._get_host_proposals()[session.id]
        self.assertTrue(proposal)
        self.assertNotEqual(proposal, org_b)
        session.host_partner_id = proposal  # and the host check agrees
