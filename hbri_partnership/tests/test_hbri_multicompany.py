# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Two forums in one database (two companies): a user with both companies active cannot mix them."""

from datetime import date, datetime

from odoo.exceptions import UserError, ValidationError
from odoo.tests import new_test_user

from .common import HbriPartnershipCommon


class TestHbriMultiCompany(HbriPartnershipCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        cls.company_a = cls.env.company
        cls.company_b = cls.env["res.company"].create({"name": "HBRI Forum B"})
        cls.guideline_b = cls.env["hbri.guideline"].create(
            {"name": "Guidelines B", "version": "B-1", "company_id": cls.company_b.id}
        )
        cls.guideline_b.action_make_current()
        cls.user_both = new_test_user(
            cls.env,
            login="hbri_two_companies",
            groups="base.group_user,base.group_partner_manager,hbri_partnership.hbri_partnership_group_manager",
            company_id=cls.company_a.id,
            company_ids=[(6, 0, (cls.company_a | cls.company_b).ids)],
        )
        # the company organization is a member of forum B only; the NGO of forum A only
        cls.membership_b = cls._create_membership(
            cls.org_company,
            date(2026, 1, 1),
            state="active",
            company_id=cls.company_b.id,
            guideline_id=cls.guideline_b.id,
        )
        cls.membership_a = cls._create_membership(cls.org_ngo, date(2026, 1, 1), state="active")
        Session = cls.env["hbri.roundtable.session"]
        cls.session_a = Session.create(
            {"date_start": datetime(2027, 3, 9, 2), "date_end": datetime(2027, 3, 9, 5), "company_id": cls.company_a.id}
        )
        cls.session_b = Session.create(
            {
                "date_start": datetime(2027, 3, 16, 2),
                "date_end": datetime(2027, 3, 16, 5),
                "company_id": cls.company_b.id,
            }
        )

    def env_both(self):
        """The two-company user, both companies active (as the company switcher sends them)."""
        return self.env(
            user=self.user_both,
            context=dict(self.env.context, allowed_company_ids=(self.company_a | self.company_b).ids),
        )

    def test_invitations_per_company(self):
        env = self.env_both()
        env["hbri.roundtable.session"].browse(self.session_a.id)._invite_members(send_anyway=True)
        self.assertEqual(self.session_a.attendee_ids.partner_id, self.rep_ngo)
        env["hbri.roundtable.session"].browse(self.session_b.id)._invite_members(send_anyway=True)
        self.assertEqual(self.session_b.attendee_ids.partner_id, self.rep_company)

    def test_other_company_member_not_registered(self):
        Attendee = self.env_both()["hbri.session.attendee"]
        with self.assertRaisesText(ValidationError, "its membership belongs to another company"):
            Attendee.create({"session_id": self.session_a.id, "partner_id": self.rep_company.id, "role": "member"})
        self.assertFalse(self.session_a.attendee_ids)
        Attendee.create({"session_id": self.session_b.id, "partner_id": self.rep_company.id, "role": "member"})

    def test_host_of_other_company_refused(self):
        with self.assertRaises(ValidationError):
            self.env_both()["hbri.roundtable.session"].browse(self.session_a.id).host_partner_id = self.org_company
        self.assertFalse(self.session_a.host_partner_id)

    def test_membership_summary_per_company(self):
        today = date(2026, 12, 1)
        self.assertEqual(self.org_company._hbri_membership_summary(today, self.company_b)[0], "member")
        self.assertEqual(self.org_company._hbri_membership_summary(today, self.company_a)[0], "none")
        self.assertFalse(self.org_company._hbri_membership_on(today, self.company_a))
        self.assertEqual(self.org_company._hbri_membership_on(today, self.company_b), self.membership_b)
        self.org_company.company_id = self.company_a  # an organization of forum A only: its summary is A's
        self.assertFalse(self.org_company.hbri_is_member)

    def test_overlap_rule_per_company(self):
        Membership = self.env_both()["hbri.membership"]
        # a membership in the other company does not overlap
        Membership.create(
            {"partner_id": self.org_company.id, "date_start": date(2026, 1, 1), "company_id": self.company_a.id}
        )
        with self.assertRaises(ValidationError):
            Membership.create(
                {"partner_id": self.org_company.id, "date_start": date(2026, 6, 1), "company_id": self.company_b.id}
            )

    def test_relations_do_not_cross_companies(self):
        env = self.env_both()
        special_b = self.env["hbri.roundtable.session"].create(
            {
                "kind": "special",
                "date_start": datetime(2027, 4, 6, 2),
                "date_end": datetime(2027, 4, 6, 5),
                "company_id": self.company_b.id,
            }
        )
        mixed = "company inconsistencies"
        with self.assertRaisesText(UserError, mixed):
            env["hbri.membership.contribution"].create(
                {
                    "membership_id": self.membership_b.id,
                    "session_id": self.session_a.id,
                    "kind": "hosting",
                    "description": "Hosting",
                }
            )
        partnership_b = env["hbri.partnership"].create({"name": "Partnership B", "company_id": self.company_b.id})
        with self.assertRaisesText(UserError, mixed):
            env["hbri.presentation"].create(
                {"name": "Talk", "session_id": self.session_a.id, "partnership_id": partnership_b.id}
            )
        with self.assertRaisesText(UserError, mixed):
            env["hbri.partnership"].create(
                {"name": "Partnership A", "company_id": self.company_a.id, "origin_session_id": self.session_b.id}
            )
        with self.assertRaisesText(UserError, mixed):
            env["hbri.toolkit"].create(
                {"name": "Kit", "company_id": self.company_a.id, "origin_session_id": special_b.id}
            )
        self.assertFalse(env["hbri.membership.contribution"].search([("session_id", "=", self.session_a.id)]))
        self.assertFalse(env["hbri.presentation"].search([("session_id", "=", self.session_a.id)]))
