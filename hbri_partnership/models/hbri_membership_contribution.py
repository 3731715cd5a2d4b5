# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class HbriMembershipContribution(models.Model):
    _name = "hbri.membership.contribution"
    _check_company_auto = True
    _description = "Member Contribution"
    _order = "date desc, id desc"

    membership_id = fields.Many2one(
        "hbri.membership", required=True, index=True, ondelete="cascade", check_company=True
    )
    partner_id = fields.Many2one(
        related="membership_id.partner_id",
        string="Organization",
        store=True,
        index=True,
    )
    company_id = fields.Many2one(related="membership_id.company_id", store=True, index=True)
    kind = fields.Selection(
        [
            ("hosting", "Hosting a Session"),
            ("in_kind", "In Kind"),
            ("pledge", "Financial Pledge"),
        ],
        required=True,
        default="in_kind",
    )
    session_id = fields.Many2one(
        "hbri.roundtable.session",
        string="Hosted Session",
        index="btree_not_null",
        ondelete="cascade",
        check_company=True,
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    description = fields.Char(required=True)
    amount = fields.Monetary(help="Optional: the value of the pledge or of the contribution in kind.")
    currency_id = fields.Many2one(
        "res.currency",
        compute="_compute_currency_id",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        help="The membership's company currency unless another is chosen: totals do not mix currencies.",
    )

    _amount_positive = models.Constraint(
        "CHECK (amount IS NULL OR amount >= 0)",
        "A contribution's amount cannot be negative.",
    )

    @api.depends("membership_id.company_id")
    def _compute_currency_id(self):
        for contribution in self:
            contribution.currency_id = (
                contribution.membership_id.company_id.currency_id
                or contribution.currency_id
                or self.env.company.currency_id
            )
