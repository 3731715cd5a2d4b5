# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from .test_hbri_case_study import REPORT, HbriCaseStudyCommon


class TestHbriCaseStudyKeyFigures(HbriCaseStudyCommon):
    def test_key_figures_keep_their_line_breaks(self):
        case_study = self._draft()
        case_study.with_context(hbri_keep_version=True).write(
            {"key_figures": "240 women screened\n12 village clinics", "print_language": "en_US"}
        )
        html, _report_type = self.env["ir.actions.report"]._render_qweb_html(REPORT, case_study.ids)
        self.assertRegex(html.decode(), r"240 women screened<br/?>\s*12 village clinics")
