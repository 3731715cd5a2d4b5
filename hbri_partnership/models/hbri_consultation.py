# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.translate import LazyTranslate

from .hbri_workflow_mixin import workflow_write

_lt = LazyTranslate(__name__)
ACTION_FIELDS = {"membership_id": _lt("use Invite to Membership, which creates or opens the draft membership")}

OUTCOMES = [
    ("follow_up", "Follow-up"),
    ("interested", "Interested"),
    ("not_now", "Not Now"),
    ("not_interested", "Not Interested"),
]


class HbriConsultation(models.Model):
    _name = "hbri.consultation"
    _description = "Consultation with an Organization"
    _inherit = ["mail.thread", "mail.activity.mixin", "hbri.workflow.mixin"]
    _order = "date desc, id desc"
    _hbri_action_fields = ACTION_FIELDS

    name = fields.Char(string="Subject", required=True, tracking=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Organization",
        required=True,
        index=True,
        tracking=True,
        domain=[("is_company", "=", True)],
    )
    sector_id = fields.Many2one(related="partner_id.hbri_sector_id", string="Sector", store=True)
    contact_ids = fields.Many2many(
        "res.partner",
        "hbri_consultation_contact_rel",
        "consultation_id",
        "partner_id",
        string="Contacts Met",
        domain="[('parent_id', '=', partner_id or -1), ('is_company', '=', False)]",
    )
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    kind = fields.Selection(
        [("individual", "Individual"), ("group", "Group")],
        required=True,
        default="individual",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Consulted by",
        default=lambda self: self.env.user,
        domain=[("share", "=", False)],
    )
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    interest_tag_ids = fields.Many2many(
        "hbri.consultation.tag",
        "hbri_consultation_interest_rel",
        "consultation_id",
        "tag_id",
        string="Interests",
        domain=[("kind", "=", "interest")],
    )
    concern_tag_ids = fields.Many2many(
        "hbri.consultation.tag",
        "hbri_consultation_concern_rel",
        "consultation_id",
        "tag_id",
        string="Concerns",
        domain=[("kind", "=", "concern")],
    )
    concern_note = fields.Text(string="Concerns in Their Words")
    outcome = fields.Selection(
        OUTCOMES,
        default="follow_up",
        required=True,
        tracking=True,
        group_expand="_group_expand_outcome",
    )
    next_step = fields.Char()
    next_step_date = fields.Date()
    membership_id = fields.Many2one("hbri.membership", readonly=True, copy=False)
    color = fields.Integer()

    def _group_expand_outcome(self, values, domain):
        return [key for key, _label in OUTCOMES]

    @api.constrains("partner_id", "contact_ids")
    def _check_contact_ids(self):
        for consultation in self:
            strangers = consultation.contact_ids.filtered(
                lambda c, org=consultation.partner_id: c.commercial_partner_id != org
            )
            if strangers:
                raise ValidationError(
                    self.env._(
                        "%(names)s do not belong to %(org)s: list only the organization's own contacts.",
                        names=", ".join(strangers.mapped("display_name")),
                        org=consultation.partner_id.display_name,
                    )
                )

    def action_invite_membership(self):
        """Create (or open) the draft membership of an interested organization."""
        self.ensure_one()
        partner = self.partner_id
        if self.outcome != "interested":
            raise UserError(
                self.env._(
                    "Only an organization interested in partnering is invited to membership: set the outcome of "
                    "this consultation to Interested first."
                )
            )
        closed = partner.hbri_sector_id._get_closed_message(partner)
        if closed:
            raise UserError(
                self.env._(
                    "%(org)s cannot be invited to membership. %(reason)s Invite it to a partnership instead.",
                    org=partner.display_name,
                    reason=closed,
                )
            )
        membership = self.membership_id
        if not membership or membership.state == "cancelled":
            membership = self.env["hbri.membership"].search(
                [("partner_id", "=", partner.id), ("state", "=", "draft")], limit=1
            ) or self.env["hbri.membership"].create(
                {
                    "partner_id": partner.id,
                    "company_id": self.company_id.id,
                    "user_id": self.env.user.id,
                }
            )
            with workflow_write():
                self.membership_id = membership
        return {
            "type": "ir.actions.act_window",
            "res_model": "hbri.membership",
            "res_id": membership.id,
            "view_mode": "form",
        }
