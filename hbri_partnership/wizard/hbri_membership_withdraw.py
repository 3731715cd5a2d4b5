# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class HbriMembershipWithdraw(models.TransientModel):
    _name = "hbri.membership.withdraw"
    _description = "Withdraw a Roundtable Membership"

    membership_id = fields.Many2one("hbri.membership", required=True, ondelete="cascade")
    reason = fields.Text(required=True, help="Why the organization leaves the roundtable.")
    date = fields.Date(string="Withdrawal Date", required=True, default=fields.Date.context_today)

    def action_withdraw(self):
        self.ensure_one()
        self.membership_id._withdraw(self.reason, self.date)
        return {"type": "ir.actions.act_window_close"}
