# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class BaseLanguageImport(models.TransientModel):
    _inherit = "base.language.import"

    def import_lang(self):
        # Settings > Translations > Import writes the translations without the ORM (see ir_module_module.py)
        result = super().import_lang()
        self.env["hbri.case.study.printed"]._hbri_forget_all()
        return result
