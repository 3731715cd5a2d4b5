# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models
from odoo.exceptions import UserError


class HbriStateMixin(models.AbstractModel):
    """Buttons of a `state` workflow refuse, in the user's language, a record in the wrong state."""

    _name = "hbri.state.mixin"
    _description = "Roundtable State Workflow"

    def _check_state(self, allowed, action_label):
        wrong = self.filtered(lambda record: record.state not in allowed)
        if wrong:
            labels = dict(self._fields["state"]._description_selection(self.env))
            raise UserError(
                self.env._(
                    "%(action)s is not possible for %(name)s, which is %(state)s.",
                    action=action_label,
                    name=wrong[0].display_name,
                    state=labels[wrong[0].state],
                )
            )
