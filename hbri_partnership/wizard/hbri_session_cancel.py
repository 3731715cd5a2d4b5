# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from ..models.hbri_workflow_mixin import workflow_write


class HbriSessionCancel(models.TransientModel):
    _name = "hbri.session.cancel"
    _description = "Cancel a Roundtable Session"

    session_id = fields.Many2one("hbri.roundtable.session", required=True, ondelete="cascade")
    reason = fields.Text(required=True)

    def action_cancel(self):
        self.ensure_one()
        self.session_id._check_state(("planned", "invited"), self.env._("Cancellation"))
        with workflow_write():
            self.session_id.write({"state": "cancelled", "cancel_reason": self.reason})
        self.session_id.contribution_ids.unlink()
        return {"type": "ir.actions.act_window_close"}
