# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class HbriSessionInvite(models.TransientModel):
    """Asks before invitations go out without a venue, an online link or a confirmed host."""

    _name = "hbri.session.invite"
    _description = "Send Roundtable Invitations Anyway"

    session_id = fields.Many2one("hbri.roundtable.session", required=True, ondelete="cascade")
    issues = fields.Text(compute="_compute_issues", string="Missing")

    @api.depends("session_id")
    def _compute_issues(self):
        for wizard in self:
            wizard.issues = "\n".join(wizard.session_id._get_invitation_issues()) if wizard.session_id else False

    def action_send_anyway(self):
        self.ensure_one()
        return self.session_id._invite_members(send_anyway=True)
