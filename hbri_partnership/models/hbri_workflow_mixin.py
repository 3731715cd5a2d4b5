# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Fields only actions move: states, "sent"/"released"/"destroyed" flags and dates, who-did-it users, counters
and versions. A model lists them in ``_hbri_action_fields`` ({field: label of the action that moves it}); the
mixin refuses them in ``create``, ``write``, ``copy`` and ``load`` (which writes through create/write), and as
``default_<field>`` context keys, with a message naming the action to use. Only the module's own code writes
them: inside ``workflow_write()`` (a ContextVar no client can set) or as the superuser (the data loader, the
daily jobs, code that already checked who may). The list with the reasons: docs/security.md."""

import contextvars
from contextlib import contextmanager

from odoo import api, models
from odoo.exceptions import UserError

# Set only while an action of this module writes the fields its model lists. A ContextVar lives in the server's
# own execution context (per thread/task): no client can set it, unlike an Odoo context key.
_WORKFLOW_WRITE = contextvars.ContextVar("hbri_workflow_write", default=False)


@contextmanager
def workflow_write():
    """Let the module's own actions write the fields only actions move, inside the block."""
    token = _WORKFLOW_WRITE.set(True)
    try:
        yield
    finally:
        _WORKFLOW_WRITE.reset(token)


def in_workflow_write():
    """Whether the module's own code is writing (inside ``workflow_write()``)."""
    return _WORKFLOW_WRITE.get()


class HbriWorkflowMixin(models.AbstractModel):
    """Refuses the fields of ``_hbri_action_fields`` in every write path a client can reach."""

    _name = "hbri.workflow.mixin"
    _description = "Roundtable Fields Moved Only by Actions"

    # {field name: LazyTranslate "use <the button or action that moves it>"}, set by each model
    _hbri_action_fields = {}

    def _hbri_action_write_allowed(self):
        # the superuser is the server itself (data files, scheduled jobs, the module's own sudo()): no RPC call,
        # import or /json/2 request runs as the superuser
        return self.env.su or _WORKFLOW_WRITE.get()

    def _hbri_refuse_action_field(self, name):
        raise UserError(
            self.env._(
                "%(field)s cannot be set directly: %(action)s.",
                field=self._fields[name]._description_string(self.env),
                action=self._hbri_action_fields[name]._translate(self.env.lang),
            )
        )

    @api.model
    def _hbri_check_action_fields_create(self, vals_list):
        """Refuse the listed fields in the values of new records, and as default_* keys of the context."""
        if self._hbri_action_write_allowed():
            return
        for name in self._hbri_action_fields:
            if f"default_{name}" in self.env.context or any(name in vals for vals in vals_list):
                self._hbri_refuse_action_field(name)

    def _hbri_check_action_fields_write(self, vals):
        """Refuse the listed fields in a write, whatever the value (even the one the record has): a client has no
        reason to send them, and the answer tells nothing of a record the user may not read."""
        if self._hbri_action_write_allowed():
            return
        for name in self._hbri_action_fields:
            if name in vals:
                self._hbri_refuse_action_field(name)

    @api.model_create_multi
    def create(self, vals_list):
        self._hbri_check_action_fields_create(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self._hbri_check_action_fields_write(vals)
        return super().write(vals)

    def copy_data(self, default=None):
        """A copy starts the workflow over: the listed fields are not copied, nor given as defaults of the copy."""
        default = dict(default or {})
        if not self._hbri_action_write_allowed():
            for name in self._hbri_action_fields:
                if name in default:
                    self._hbri_refuse_action_field(name)
        vals_list = super().copy_data(default=default)
        for vals in vals_list:
            for name in self._hbri_action_fields:
                if name not in default:
                    vals.pop(name, None)
        return vals_list
