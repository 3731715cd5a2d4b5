# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class ReportHbriAnnualReport(models.AbstractModel):
    _name = "report.hbri_partnership.report_hbri_annual_report"
    _description = "Roundtable Annual Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        # no sudo: the printing user's own access decides (secretariat and administrators)
        docs = self.env["hbri.annual.report"].browse(docids)
        return {
            "doc_ids": docids,
            "doc_model": "hbri.annual.report",
            "docs": docs,
            "annual_data": {wizard.id: wizard._get_annual_data() for wizard in docs},
        }
