# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class HbriCaseStudyAnonymizationMark(models.Model):
    """A residual hit of an anonymized case study judged harmless by its writer: shown to the approver.

    Created only by ``hbri.case.study.action_mark_anonymization_hits`` (no access right creates or writes one).
    """

    _name = "hbri.case.study.anonymization.mark"
    _description = "Harmless Anonymization Hit"
    _order = "date desc, id desc"

    case_study_id = fields.Many2one("hbri.case.study", required=True, ondelete="cascade", index=True, readonly=True)
    matched_text = fields.Char(required=True, readonly=True)
    match_key = fields.Char(required=True, readonly=True, help="The matched text, normalized.")
    partner_id = fields.Many2one("res.partner", string="Entity", readonly=True, ondelete="set null")
    user_id = fields.Many2one("res.users", string="Marked By", required=True, readonly=True, ondelete="restrict")
    date = fields.Datetime(required=True, readonly=True)
