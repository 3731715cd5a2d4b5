# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class HbriConsent(models.Model):
    _name = "hbri.consent"
    _description = "Consent of a Presenting Organization"
    _order = "date desc, id desc"

    case_study_id = fields.Many2one("hbri.case.study", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="case_study_id.company_id", store=True, index=True)
    partner_id = fields.Many2one(
        "res.partner", string="Organization", required=True, index=True, domain=[("is_company", "=", True)]
    )
    representative_id = fields.Many2one(
        "res.partner",
        string="Consented by",
        required=True,
        domain="[('parent_id', '=', partner_id)]",
        help="The representative who gave the organization's consent.",
    )
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    version = fields.Integer(
        required=True, help="The version of the case study's content this consent covers; any edit makes a new one."
    )
    scope_name = fields.Boolean(string="May Name the Organization")
    scope_quote = fields.Boolean(string="May Quote")
    scope_publish = fields.Boolean(string="May Publish the Case Study", default=True)
    recorded_by_id = fields.Many2one("res.users", default=lambda self: self.env.user, readonly=True)
    comment = fields.Text()

    @api.constrains("representative_id", "partner_id")
    def _check_representative_id(self):
        for consent in self:
            if consent.representative_id.commercial_partner_id != consent.partner_id:
                raise ValidationError(
                    self.env._(
                        "%(person)s does not represent %(org)s: consent must come from one of its representatives.",
                        person=consent.representative_id.name,
                        org=consent.partner_id.name,
                    )
                )

    @api.depends("partner_id", "version")
    def _compute_display_name(self):
        for consent in self:
            consent.display_name = self.env._(
                "Consent of %(org)s (v%(version)s)", org=consent.partner_id.name or "", version=consent.version
            )
