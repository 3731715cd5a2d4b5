# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.fields import Domain

from .common import HbriPartnershipCommon


@freeze_time("2026-06-15")
class TestHbriStanding(HbriPartnershipCommon):
    """ "In force", "may attend" and an organization's standing: one definition on hbri.membership, which
    res.partner, sessions, attendees, presentations and the planner ask."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.org_third = cls.env["res.partner"].create(
            {"name": "PT Ketiga", "is_company": True, "hbri_sector_id": cls.sector_business.id}
        )
        cls.rep_third = cls.env["res.partner"].create(
            {"name": "Citra Representative", "parent_id": cls.org_third.id, "hbri_representative_role": "primary"}
        )
        cls.active = cls._create_membership(cls.org_company, date(2026, 1, 1), date(2026, 12, 31), state="active")
        cls.ended = cls._create_membership(cls.org_ngo, date(2025, 1, 1), date(2026, 3, 31), state="ended")
        cls.suspended = cls._create_membership(cls.org_third, date(2026, 1, 1), state="suspended")
        cls.memberships = cls.active | cls.ended | cls.suspended

    def _in_force(self, day):
        Membership = self.env["hbri.membership"]
        domain = Membership._get_in_force_on_domain(day) & Domain("id", "in", self.memberships.ids)
        found = Membership.search(domain)
        # the same answer in memory as in SQL: one definition for both
        self.assertEqual(self.memberships.filtered_domain(Membership._get_in_force_on_domain(day)), found)
        return found

    def _seated(self, day):
        Membership = self.env["hbri.membership"]
        return Membership.search(Membership._get_seated_on_domain(day) & Domain("id", "in", self.memberships.ids))

    def test_in_force_on_a_day(self):
        # an ended membership was in force on the past days of its period...
        self.assertEqual(self._in_force(date(2026, 3, 1)), self.memberships)
        # ... and is over from today on; a suspended one is still in force
        self.assertEqual(self._in_force(date(2026, 6, 15)), self.active | self.suspended)
        self.assertEqual(self._in_force(date(2027, 1, 1)), self.suspended)
        self.assertFalse(self._in_force(date(2025, 12, 31)) - self.ended)
        # ending takes effect at once, the days gone by stay in force
        self.active.action_end()
        self.assertEqual(self._in_force(date(2026, 6, 15)), self.suspended)
        self.assertEqual(self._in_force(date(2026, 6, 14)), self.active | self.suspended)

    def test_may_attend_on_a_day(self):
        # a suspension keeps the membership but not the seat at the table
        self.assertEqual(self._seated(date(2026, 3, 1)), self.active | self.ended)
        self.assertEqual(self._seated(date(2026, 9, 8)), self.active)
        self.assertEqual(self.org_third._hbri_membership_on(date(2026, 9, 8)), self.env["hbri.membership"])
        self.assertEqual(self.org_ngo._hbri_membership_on(date(2026, 3, 1)), self.ended)
        session = self.env["hbri.roundtable.session"].create(
            {"date_start": datetime(2026, 9, 8, 2, 0), "date_end": datetime(2026, 9, 8, 5, 0)}
        )
        for person in (self.rep_third, self.rep_ngo):
            with self.assertRaisesText(ValidationError, "holds no active membership on 8 September 2026"):
                self.env["hbri.session.attendee"].create(
                    {"session_id": session.id, "partner_id": person.id, "role": "member"}
                )
        with self.assertRaisesText(ValidationError, "cannot host"):
            session.host_partner_id = self.org_third
        self.env["hbri.session.attendee"].create(
            {"session_id": session.id, "partner_id": self.rep_company.id, "role": "member"}
        )
        # the invitation list asks the same question: only the seated member is invited
        session._add_member_representatives()
        self.assertEqual(session.attendee_ids.partner_id, self.rep_company)

    def test_host_of_a_past_session_whose_membership_ended_since(self):
        """The host check and the hosting contribution asked two different "in force" questions: a host whose
        membership ended after the session passed the check, then its hosting had no membership to belong to."""
        session = self.env["hbri.roundtable.session"].create(
            {
                "date_start": datetime(2026, 3, 10, 2, 0),
                "date_end": datetime(2026, 3, 10, 5, 0),
                "host_partner_id": self.org_ngo.id,
            }
        )
        session.action_confirm_host()
        self.assertTrue(session.is_host_confirmed)
        self.assertEqual(session.contribution_ids.membership_id, self.ended)

    def test_standing_of_an_organization(self):
        self.assertEqual(self.active._get_standing(date(2026, 6, 15))[:2], ("member", self.active))
        self.assertEqual(self.org_company.hbri_membership_state, "member")
        self.assertEqual(self.suspended._get_standing(date(2026, 6, 15))[0], "suspended")
        self.assertEqual(self.org_third.hbri_membership_state, "suspended")
        self.assertEqual(self.ended._get_standing(date(2026, 6, 15))[0], "lapsed")
        self.assertEqual(self.ended._get_standing(date(2026, 3, 1)), ("member", self.ended, date(2025, 1, 1)))
        self.assertEqual(self.org_ngo.hbri_membership_state, "lapsed")
        self.assertEqual(self.env["hbri.membership"]._get_standing(date(2026, 6, 15))[0], "none")
        # the partner's stored standing is the membership's answer for today
        for organization in (self.org_company, self.org_ngo, self.org_third):
            state, membership, since = organization.hbri_membership_ids._get_standing(date(2026, 6, 15))
            self.assertEqual(
                (organization.hbri_membership_state, organization.hbri_membership_id, organization.hbri_member_since),
                (state, membership, since),
            )
