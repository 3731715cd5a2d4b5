# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.exceptions import ValidationError

from .hbri_roundtable_session import MIN_ANSWERS_PARAM


class IrConfigParameter(models.Model):
    _inherit = "ir.config_parameter"

    @api.model_create_multi
    def create(self, vals_list):
        params = super().create(vals_list)
        params._hbri_apply_min_answers()
        return params

    def write(self, vals):
        res = super().write(vals)
        self._hbri_apply_min_answers()
        return res

    def unlink(self):
        removed = any(p.key == MIN_ANSWERS_PARAM for p in self)
        res = super().unlink()
        if removed:
            # back to the default minimum
            self.env["hbri.roundtable.session"]._recompute_evaluation_totals()
        return res

    def _hbri_apply_min_answers(self):
        """The minimum number of evaluation answers is a whole number of at least 1; the sessions' stored
        totals follow it at once (hidden below it, shown from it)."""
        changed = self.filtered(lambda p: p.key == MIN_ANSWERS_PARAM)
        if not changed:
            return
        for param in changed:
            value = (param.value or "").strip()
            if not value.isdigit() or int(value) < 1:
                raise ValidationError(
                    self.env._(
                        "The system parameter %(key)s is the fewest evaluation answers a session needs before its "
                        "figures are shown: enter a whole number of at least 1 (3 by default), not “%(value)s”.",
                        key=MIN_ANSWERS_PARAM,
                        value=param.value,
                    )
                )
        self.env["hbri.roundtable.session"]._recompute_evaluation_totals()
