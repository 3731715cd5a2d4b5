# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from .hbri_anonymizer import DEFAULT_LEGAL_FORMS


class ResCompany(models.Model):
    _inherit = "res.company"

    hbri_legal_form_words = fields.Text(
        string="Legal-Form Words",
        default=DEFAULT_LEGAL_FORMS,
        help="Words of organization names that say their legal form (PT, Tbk, Yayasan, Dinas, …), separated by "
        "commas: anonymization also recognizes each name without them.",
    )

    # the anonymization dictionary's watch (the other watched models: hbri_anonymizer_signal.py)
    @api.model_create_multi
    def create(self, vals_list):
        self.env["hbri.anonymizer"]._signal_change()  # its partner stops being someone to hide
        return super().create(vals_list)

    def write(self, vals):
        if "hbri_legal_form_words" in vals or "partner_id" in vals:
            self.env["hbri.anonymizer"]._signal_change()
        return super().write(vals)
