# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import OrderedDict

from odoo import models

# Rendered one document per wkhtmltopdf run: Debian's wkhtmltopdf (unpatched Qt) refuses several documents in
# one run, so printing several sessions at once would fail there. Odoo merges the per-record PDFs afterwards.
# (The case-study report puts all its documents in one article instead: one run for them all.)
HBRI_ONE_DOCUMENT_PER_RUN = (
    "hbri_partnership.report_hbri_session_invitation",
    "hbri_partnership.report_hbri_session_sign_in",
    "hbri_partnership.report_hbri_session_summary",
)


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    def _render_qweb_pdf_prepare_streams(self, report_ref, data, res_ids=None):
        report = self._get_report(report_ref)
        if report.report_name not in HBRI_ONE_DOCUMENT_PER_RUN or not res_ids or len(set(res_ids)) < 2:
            return super()._render_qweb_pdf_prepare_streams(report_ref, data, res_ids=res_ids)
        streams = OrderedDict()
        for res_id in dict.fromkeys(res_ids):
            streams.update(super()._render_qweb_pdf_prepare_streams(report_ref, dict(data or {}), res_ids=[res_id]))
        return streams
