# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.exceptions import UserError


class ReportHbriSessionSummary(models.AbstractModel):
    """A summary is printed only once released: drafts stay with the session's facilitators.

    The summaries are read as the user who prints (record rules apply): staff cannot even read a draft, and a
    facilitator who can is refused here rather than given a printed draft.
    """

    _name = "report.hbri_partnership.report_hbri_session_summary"
    _description = "Roundtable Session Summary Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        summaries = self.env["hbri.session.summary"].browse(docids)
        drafts = summaries.filtered(lambda s: s.state != "released")
        if drafts:
            raise UserError(
                self.env._(
                    "Only released summaries can be printed: %(summary)s is still a draft. "
                    "Its facilitators release it once it names nobody.",
                    summary=drafts[0].display_name,
                )
            )
        return {
            "doc_ids": summaries.ids,
            "doc_model": "hbri.session.summary",
            "docs": summaries,
        }
