# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import users

from .common import HbriPartnershipCommon


class TestHbriMemberAccess(HbriPartnershipCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.membership = cls._create_membership(cls.org_company, date(2026, 1, 1), state="active")
        cls.consultation = cls.env["hbri.consultation"].create({"name": "Talk", "partner_id": cls.org_ngo.id})

    @users("hbri_staff")
    def test_staff_reads_but_cannot_manage(self):
        membership = self.env["hbri.membership"].browse(self.membership.id)
        self.assertEqual(membership.partner_id.name, "PT Uji Coba")
        self.assertEqual(
            self.env["res.partner"].browse(self.org_company.id).hbri_membership_state,
            "member",
        )
        self.assertTrue(self.env["hbri.consultation"].search([("id", "=", self.consultation.id)]))
        with self.assertRaises(AccessError):
            membership.date_end = date(2026, 12, 31)
        with self.assertRaises(AccessError):
            self.env["hbri.membership"].create({"partner_id": self.org_ngo.id})
        with self.assertRaises(AccessError):
            self.env["hbri.consultation"].create({"name": "x", "partner_id": self.org_ngo.id})
        with self.assertRaises(AccessError):
            self.env["hbri.sector"].create({"name": "Media", "code": "MEDIA"})

    @users("hbri_secretariat")
    def test_secretariat_manages_members_not_configuration(self):
        membership = self.env["hbri.membership"].create({"partner_id": self.org_ngo.id, "date_start": "2026-02-01"})
        membership.date_end = date(2026, 12, 31)
        self.env["hbri.consultation"].create({"name": "Talk 2", "partner_id": self.org_ngo.id})
        self.env["hbri.consultation.tag"].create({"name": "Capacity", "kind": "concern"})
        with self.assertRaises(AccessError):
            self.env["hbri.sector"].create({"name": "Media", "code": "MEDIA"})
        with self.assertRaises(AccessError):
            self.env["hbri.guideline"].create({"name": "Rogue", "version": "X"})
        with self.assertRaises(AccessError):
            self.env["hbri.guideline"].browse(self.guideline.id).action_make_current()

    @users("hbri_manager")
    def test_manager_configures(self):
        sector = self.env["hbri.sector"].create({"name": "Media", "code": "MEDIA"})
        self.assertTrue(sector.roundtable_eligible)
        guideline = self.env["hbri.guideline"].create({"name": "Guidelines", "version": "T-2"})
        guideline.action_make_current()
        self.assertTrue(guideline.is_current)
        self.assertFalse(self.guideline.is_current)

    @users("hbri_internal")
    def test_internal_user_without_group_sees_nothing(self):
        for model in (
            "hbri.membership",
            "hbri.consultation",
            "hbri.guideline",
            "hbri.membership.contribution",
        ):
            with self.assertRaises(AccessError):
                self.env[model].search([])
        # the sector list stays readable: it names a contact's sector in Contacts
        self.assertTrue(self.env["hbri.sector"].search([]))

    def test_multi_company(self):
        other_company = self.env["res.company"].create({"name": "Other Forum"})
        user = self.user_secretariat
        user.write({"company_ids": [(4, other_company.id)]})
        other_membership = (
            self.env["hbri.membership"]
            .with_company(other_company)
            .create(
                {
                    "partner_id": self.org_ngo.id,
                    "company_id": other_company.id,
                    "date_start": "2020-01-01",
                    "date_end": "2020-12-31",
                }
            )
        )
        env_main = self.env(user=user, context={"allowed_company_ids": [self.env.company.id]})
        self.assertFalse(env_main["hbri.membership"].search([("id", "=", other_membership.id)]))
        env_both = self.env(
            user=user,
            context={"allowed_company_ids": [self.env.company.id, other_company.id]},
        )
        self.assertTrue(env_both["hbri.membership"].search([("id", "=", other_membership.id)]))


class TestHbriGuideline(HbriPartnershipCommon):
    def test_one_current_per_company(self):
        second = self.env["hbri.guideline"].create({"name": "Guidelines", "version": "T-9"})
        self.assertFalse(second.is_current, "a company that has current guidelines keeps them")
        second.action_make_current()
        self.assertTrue(second.is_current)
        self.assertFalse(self.guideline.is_current)
        self.assertEqual(self.env["hbri.guideline"]._get_current(), second)
        with self.assertRaisesText(Exception, "current version"):
            second.unlink()
        with self.assertRaisesText(Exception, "current version"):
            second.active = False
