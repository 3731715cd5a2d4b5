# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .test_hbri_portal_access import HbriPortalStory

ANONYMIZATION_FIELDS = ("anonymized_preview", "anonymization_hits_html", "anonymization_hit_count")


@tagged("post_install", "-at_install", "hbri_partnership")
class TestHbriPortalMergedFields(HbriPortalStory):
    """Fields other features added to the case study stay with the secretariat: a representative's RPC reads keep
    working and never return them."""

    def test_anonymization_preview_is_staff_only(self):
        self.assertEqual(self.cs_awaiting.attribution_mode, "anonymized", "nobody consented to be named yet")
        self.assertTrue(self.cs_awaiting.anonymized_preview, "the secretariat reads the preview")
        CaseStudy = self.env["hbri.case.study"].with_user(self.u_primary)
        rows = CaseStudy.search_read([("id", "=", self.cs_awaiting.id)], [])
        self.assertEqual([row["id"] for row in rows], self.cs_awaiting.ids)
        self.assertFalse(set(rows[0]) & set(ANONYMIZATION_FIELDS))
        result = CaseStudy.web_search_read([("id", "=", self.cs_awaiting.id)], {"display_name": {}})
        self.assertEqual(result["length"], 1)
        for name in ANONYMIZATION_FIELDS:
            with self.subTest(field=name), self.assertRaises(AccessError):
                CaseStudy.browse(self.cs_awaiting.id).read([name])
