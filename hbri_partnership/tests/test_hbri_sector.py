# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from psycopg2 import IntegrityError

from odoo.exceptions import ValidationError
from odoo.tools import mute_logger

from .common import HbriPartnershipCommon


class TestHbriSector(HbriPartnershipCommon):
    def test_default_sectors(self):
        """The six sectors ship with the addon; only the public sector is closed to the roundtable."""
        sectors = self.env["hbri.sector"].search([])
        codes = set(sectors.mapped("code"))
        self.assertLessEqual({"BUSINESS", "NGO", "PUBLIC", "ACADEMIA", "DONOR", "FACILITATOR"}, codes)
        closed = sectors.filtered(lambda s: not s.roundtable_eligible)
        self.assertEqual(closed, self.sector_public)
        self.assertTrue(self.sector_public.speaks_officially)

    def test_code_unique(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self.env["hbri.sector"].create({"name": "Another business", "code": "BUSINESS"})

    def test_official_sector_cannot_be_eligible(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self.sector_public.write({"roundtable_eligible": True})
            self.sector_public.flush_recordset()

    def test_person_shows_company_sector(self):
        """A contact of an organization shows (and follows) its organization's sector."""
        self.assertEqual(self.rep_company.hbri_sector_id, self.sector_business)
        self.org_company.hbri_sector_id = self.sector_ngo
        self.assertEqual(self.rep_company.hbri_sector_id, self.sector_ngo)

    def test_sector_cannot_close_with_members(self):
        """Closing a sector to the roundtable is refused while its organizations hold memberships."""
        self._create_membership(self.org_ngo, state="active")
        with self.assertRaisesText(ValidationError, "Yayasan Uji"):
            self.sector_ngo.roundtable_eligible = False
        self.assertTrue(self.sector_ngo.roundtable_eligible)

    def test_partner_count(self):
        self.assertEqual(
            self.sector_public.with_context(active_test=False).partner_count,
            len(
                self.env["res.partner"].search(
                    [
                        ("hbri_sector_id", "=", self.sector_public.id),
                        ("is_company", "=", True),
                    ]
                )
            ),
        )
        action = self.sector_business.action_view_partners()
        self.assertIn(self.org_company, self.env["res.partner"].search(action["domain"]))
