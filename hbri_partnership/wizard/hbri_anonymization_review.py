# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.exceptions import UserError


class HbriAnonymizationReview(models.TransientModel):
    """The residual hits of an anonymized case study, for its writer to mark the harmless ones."""

    _name = "hbri.anonymization.review"
    _description = "Review Residual Anonymization Hits"

    case_study_id = fields.Many2one("hbri.case.study", required=True, ondelete="cascade")
    line_ids = fields.One2many("hbri.anonymization.review.line", "review_id", string="Residual Hits")

    def action_mark_harmless(self):
        self.ensure_one()
        keys = self.line_ids.filtered("harmless").mapped("match_key")
        if not keys:
            raise UserError(self.env._("Tick the hits that are harmless first."))
        # the case study checks who may mark, and marks only what still is a hit
        self.case_study_id.action_mark_anonymization_hits(keys)
        return {"type": "ir.actions.act_window_close"}


class HbriAnonymizationReviewLine(models.TransientModel):
    _name = "hbri.anonymization.review.line"
    _description = "Residual Anonymization Hit"

    review_id = fields.Many2one("hbri.anonymization.review", required=True, ondelete="cascade")
    matched_text = fields.Char(string="Text", readonly=True)
    match_key = fields.Char(readonly=True)
    partner_id = fields.Many2one("res.partner", string="Entity", readonly=True)
    where = fields.Char(readonly=True)
    context = fields.Char(readonly=True)
    points_to = fields.Char(readonly=True)
    harmless = fields.Boolean(help="Tick when this text identifies nobody in the case study's context.")
