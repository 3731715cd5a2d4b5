# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64

from odoo import Command, api, models
from odoo.tools import file_open

EVALUATION_XMLID = "hbri_partnership_dashboard.spreadsheet_dashboard_hbri_evaluations"
EVALUATION_FILE = "hbri_partnership_dashboard/data/files/hbri_evaluation_dashboard.json"


class SpreadsheetDashboard(models.Model):
    _inherit = "spreadsheet.dashboard"

    @api.model
    def _hbri_sync_evaluation_dashboard(self, installed=None):
        """Add the evaluations sheet when the session evaluations are installed, remove it when they are not.

        The dashboard depends on spreadsheet_dashboard only: the evaluation totals are fields of the session
        evaluation addon, which calls this when it is installed or removed.
        """
        dashboard = self.env.ref(EVALUATION_XMLID, raise_if_not_found=False)
        if installed is None:
            installed = "evaluation_usefulness_avg" in self.env["hbri.roundtable.session"]._fields
        if not installed:
            dashboard.sudo().unlink()
            return
        if dashboard:
            return
        with file_open(EVALUATION_FILE, "rb") as data:
            content = data.read()
        dashboard = (
            self.sudo()
            .with_context(lang="en_US")
            .create(
                {
                    "name": "Session Evaluations",
                    "spreadsheet_binary_data": base64.b64encode(content),
                    "dashboard_group_id": self.env.ref(
                        "hbri_partnership_dashboard.spreadsheet_dashboard_group_hbri"
                    ).id,
                    "group_ids": [Command.set(self.env.ref("hbri_partnership.hbri_partnership_group_user").ids)],
                    "main_data_model_ids": [Command.set([self.env["ir.model"]._get_id("hbri.roundtable.session")])],
                    "sequence": 20,
                    "is_published": True,
                }
            )
        )
        for lang, _name in self.env["res.lang"].get_installed():
            if lang != "en_US":
                dashboard.with_context(lang=lang).name = self.with_context(lang=lang).env._("Session Evaluations")
        # an external id of this addon: the sheet's texts are translated from its .po files
        self.env["ir.model.data"].sudo().create(
            {
                "module": "hbri_partnership_dashboard",
                "name": EVALUATION_XMLID.split(".")[1],
                "model": self._name,
                "res_id": dashboard.id,
                "noupdate": True,
            }
        )
