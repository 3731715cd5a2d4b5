# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.tools.pdf import merge_pdf

# reports printed one document at a time, then merged: Debian's wkhtmltopdf (unpatched Qt) cannot render several
# documents of one report in one call, and the production builds give the same result this way
ONE_BY_ONE_REPORTS = ("hbri_partnership.report_hbri_case_study",)


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    def _render_qweb_pdf(self, report_ref, res_ids=None, data=None):
        report = self._get_report(report_ref)
        if report.report_name in ONE_BY_ONE_REPORTS and res_ids and len(res_ids) > 1:
            pdfs = [super()._render_qweb_pdf(report_ref, [res_id], data=data)[0] for res_id in res_ids]
            return merge_pdf(pdfs), "pdf"
        return super()._render_qweb_pdf(report_ref, res_ids=res_ids, data=data)


class ReportHbriCaseStudy(models.AbstractModel):
    _name = "report.hbri_partnership.report_hbri_case_study"
    _description = "Case Study Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        # no sudo: the printing user's own access decides, and drafts print for the secretariat only
        docs = self.env["hbri.case.study"].browse(docids)
        docs._check_printable()
        return {"doc_ids": docids, "doc_model": "hbri.case.study", "docs": docs}
