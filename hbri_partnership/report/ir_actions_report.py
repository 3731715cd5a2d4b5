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
# wkhtmltopdf waits `report.print_delay` (1 s by default) once the document is loaded, for the scripts of Odoo's
# reports to draw. These documents have no script: they wait 0.1 s, and print a second sooner (one second per
# session when several sessions print). Another delay an administrator sets in `report.print_delay` still applies.
HBRI_SCRIPTLESS = (*HBRI_ONE_DOCUMENT_PER_RUN, "hbri_partnership.report_hbri_case_study")
HBRI_PRINT_DELAY = "100"
ODOO_PRINT_DELAY = "1000"  # Odoo's default; another value set by an administrator is kept


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    def _render_qweb_pdf_prepare_streams(self, report_ref, data, res_ids=None):
        report = self._get_report(report_ref)
        if report.report_name == "hbri_partnership.report_hbri_case_study" and res_ids:
            # the PDF's Title metadata (wkhtmltopdf --title): the printed title, anonymized when the case study is
            self = self.with_context(hbri_pdf_title=report._get_hbri_case_study_pdf_title(res_ids))  # noqa: PLW0642
        if report.report_name not in HBRI_ONE_DOCUMENT_PER_RUN or not res_ids or len(set(res_ids)) < 2:
            return super()._render_qweb_pdf_prepare_streams(report_ref, data, res_ids=res_ids)
        streams = OrderedDict()
        for res_id in dict.fromkeys(res_ids):
            streams.update(super()._render_qweb_pdf_prepare_streams(report_ref, dict(data or {}), res_ids=[res_id]))
        return streams

    def _run_wkhtmltopdf(self, bodies, report_ref=False, *args, **kwargs):
        reports = self
        # another module's report, named by its XML id, is left alone without being read
        ours = report_ref and not (isinstance(report_ref, str) and not report_ref.startswith("hbri_partnership."))
        if ours and self._get_report(report_ref).report_name in HBRI_SCRIPTLESS:
            reports = self.with_context(hbri_scriptless_report=True)
        return super(IrActionsReport, reports)._run_wkhtmltopdf(bodies, report_ref, *args, **kwargs)

    def _get_hbri_case_study_pdf_title(self, res_ids):
        case_studies = self.env["hbri.case.study"].browse(dict.fromkeys(res_ids))
        if len(case_studies) > 1:
            return self.env._("Case studies")
        return self.env._("Case study - %(title)s", title=case_studies._get_printed_title())

    def _build_wkhtmltopdf_args(self, *args, **kwargs):
        command_args = super()._build_wkhtmltopdf_args(*args, **kwargs)
        if self.env.context.get("hbri_pdf_title"):
            command_args += ["--title", self.env.context["hbri_pdf_title"]]
        if self.env.context.get("hbri_scriptless_report") and "--javascript-delay" in command_args:
            index = command_args.index("--javascript-delay") + 1
            if command_args[index] == ODOO_PRINT_DELAY:
                command_args[index] = HBRI_PRINT_DELAY
        return command_args
