# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from markupsafe import Markup

from odoo.tests import HttpCase, tagged

from .test_hbri_case_study import HbriCaseStudyCommon


@tagged("post_install", "-at_install", "hbri_partnership")
class TestHbriAnonymizationTour(HbriCaseStudyCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("id_ID")
        cls.env["ir.module.module"]._load_module_terms(["hbri_partnership"], ["id_ID"], overwrite=True)
        cls.user_secretariat.lang = "id_ID"

    def test_writer_marks_a_hit_and_submits(self):
        case_study = self._draft()
        case_study.write(
            {"formation": Markup("<p>PT Uji Coba met a clinic run by PT Maju Mundur.</p>"), "print_language": "id_ID"}
        )
        case_study.action_submit_review()
        self.start_tour(
            f"/odoo/action-hbri_partnership.hbri_case_study_action/{case_study.id}",
            "hbri_anonymization_writer",
            login=self.user_secretariat.login,
        )
        self.assertEqual(case_study.state, "awaiting")
        self.assertEqual(case_study.anonymization_mark_ids.matched_text, "PT Maju")
        self.assertEqual(case_study.anonymization_mark_ids.user_id, self.user_secretariat)
