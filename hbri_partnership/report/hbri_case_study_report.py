# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class ReportHbriCaseStudy(models.AbstractModel):
    _name = "report.hbri_partnership.report_hbri_case_study"
    _description = "Case Study Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        # no sudo: the printing user's own access decides, and drafts print for the secretariat only
        docs = self.env["hbri.case.study"].browse(docids)
        docs._check_printable()
        docs._check_anonymization_gate(printing=True)
        return {"doc_ids": docids, "doc_model": "hbri.case.study", "docs": docs}
