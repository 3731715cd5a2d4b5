# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import SQL

from ..models import hbri_anonymizer
from .common import HbriPartnershipCommon
from .common_anonymization import HbriKeptDictionaryMixin


@tagged("post_install", "-at_install", "hbri_partnership")
class TestHbriAnonymizationRequests(HbriKeptDictionaryMixin, HbriPartnershipCommon, HttpCase):
    """The member portal prints anonymized titles: its requests use the dictionary the process keeps, and
    neither read nor rebuild it while nothing it reads changed, however many partners the roundtable knows."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._create_membership(cls.org_company, date(2020, 1, 1), state="active")
        new_test_user(cls.env, login="hbri_anon_rep", groups="base.group_portal", partner_id=cls.rep_company.id)
        # awaiting the member's approval, anonymized (no consent yet): the portal lists it by its printed title
        cls.case_study = cls.env["hbri.case.study"].create(
            {
                "name": f"{cls.org_company.name} screens women in Bogor",
                "partner_ids": [(6, 0, cls.org_company.ids)],
                "print_language": "en_US",
                "background": f"<p>{cls.org_company.name} and its clinics.</p>",
            }
        )
        cls.env.cr.execute(SQL("UPDATE hbri_case_study SET state = 'awaiting' WHERE id = %s", cls.case_study.id))
        cls.env.invalidate_all()

    def _committed(self):
        """As if the test's transaction had committed, and its commit had been signalled."""
        self._forget_own_changes()
        self.env.cr.execute(SQL("INSERT INTO %s DEFAULT VALUES", SQL.identifier(hbri_anonymizer.SIGNAL_TABLE)))

    def _kept(self):
        return hbri_anonymizer._DICTIONARIES.get((self.env.cr.dbname, self.env.company.id), (None, None))[1]

    def _request(self):
        before = self.cr.sql_log_count
        response = self.url_open("/my/roundtable")
        self.assertEqual(response.status_code, 200)
        self.assertIn("screens women in Bogor", response.text)
        self.assertNotIn(f"{self.org_company.name} screens", response.text)
        return self.cr.sql_log_count - before

    def _add_known(self, count, prefix):
        sector = self.env.ref("hbri_partnership.hbri_sector_business")
        orgs = self.env["res.partner"].create(
            [{"name": f"PT {prefix} Mitra {i}", "is_company": True, "hbri_sector_id": sector.id} for i in range(count)]
        )
        self.env["res.partner"].create(
            [{"name": f"Ibu {prefix} Wakil {i}", "parent_id": o.id} for i, o in enumerate(orgs)]
        )
        return orgs

    def test_portal_page_keeps_the_dictionary(self):
        self._add_known(5, "Kecil")
        self._committed()
        self.authenticate("hbri_anon_rep", "hbri_anon_rep")
        cold = self._request()  # builds the dictionary once, in a cursor of its own, and keeps it
        kept = self._kept()
        self.assertIsNotNone(kept)
        warm = self._request()
        self.assertIs(self._kept(), kept, "the second request rebuilt the dictionary")
        self.assertLess(warm, cold)

        # 500 more organizations and 500 more people, committed: rebuilt once, then kept again
        large = self._add_known(500, "Besar")
        self._committed()
        self._request()
        rebuilt = self._kept()
        self.assertIsNot(rebuilt, kept)
        self.assertIn(large[-1].id, rebuilt.entities)
        self.assertEqual(self._request(), warm, "a warm request costs the same with 10 or 1,010 partners")
        self.assertIs(self._kept(), rebuilt)
