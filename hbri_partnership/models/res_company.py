# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from .hbri_anonymizer import DEFAULT_LEGAL_FORMS


class ResCompany(models.Model):
    _inherit = "res.company"

    hbri_legal_form_words = fields.Text(
        string="Legal-Form Words",
        default=DEFAULT_LEGAL_FORMS,
        help="Words of organization names that say their legal form (PT, Tbk, Yayasan, Dinas, …), separated by "
        "commas: anonymization also recognizes each name without them.",
    )
