# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models

ROUNDTABLE_GROUP = "hbri_partnership.hbri_partnership_group_user"
HOME_ACTION = "hbri_partnership.hbri_roundtable_session_action"


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model_create_multi
    def create(self, vals_list):
        self.env["hbri.anonymizer"]._signal_change()  # staff of the roundtable are known to the anonymization
        users = super().create(vals_list)
        users._hbri_set_home_action()
        return users

    def write(self, vals):
        if "group_ids" in vals or "partner_id" in vals or "active" in vals:
            self.env["hbri.anonymizer"]._signal_change()  # who is staff of the roundtable may change
        res = super().write(vals)
        if "group_ids" in vals:
            self._hbri_set_home_action()
        return res

    def _hbri_set_home_action(self):
        """Staff given a Roundtable role land on the roundtable's sessions after logging in, as long as nobody
        chose another home action for them (an existing choice is kept; removing the role keeps it too).
        Settings administrators keep Odoo's landing page: they run the whole database, and installing the addon
        makes the administrator a Roundtable manager (a home action on them also raced Odoo's own contacts tour,
        whose "New" click found the sessions list's button before the Contacts list had loaded)."""
        action = self.env.ref(HOME_ACTION, raise_if_not_found=False)
        if not action:
            return
        users = self.filtered(
            lambda u: (
                not u.share
                and not u.action_id
                and u.has_group(ROUNDTABLE_GROUP)
                and not u.has_group("base.group_system")
            )
        )
        if users:
            users.write({"action_id": action.id})
