# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class IrModuleModule(models.Model):
    _inherit = "ir.module.module"

    @api.model
    def _load_module_terms(self, modules, langs, overwrite=False):
        # a module's .po files, loaded at install, update or when a language is added, write the translations
        # without the ORM: the case studies' printed stamps do not see them (a demo case study's title, a theme)
        result = super()._load_module_terms(modules, langs, overwrite=overwrite)
        self.env["hbri.case.study.printed"]._hbri_forget_all()
        return result
