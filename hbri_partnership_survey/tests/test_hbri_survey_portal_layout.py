# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install", "hbri_partnership_survey")
class TestHbriSurveyPortalLayout(TransactionCase):
    def test_evaluation_link_apart_from_the_summary_link(self):
        """On a past session's row, "Evaluate the session" and "Read the summary" sit side by side: with a mere
        space between them they read as one link ("Evaluasi sesi ini Baca ringkasan")."""
        view = self.env.ref("hbri_partnership.portal_my_roundtable")
        arch = view._get_combined_arch()
        [evaluation] = arch.xpath("//a[hasclass('o_hbri_evaluation')]")
        following = evaluation.getnext()
        self.assertIn("o_hbri_summary", following.get("class", ""), "the summary link follows the evaluation link")
        self.assertTrue(
            {"me-2", "me-3", "me-4"} & set(evaluation.get("class").split()),
            "no margin separates the evaluation link from the summary link",
        )
