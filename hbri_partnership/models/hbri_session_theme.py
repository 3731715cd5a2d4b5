# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class HbriSessionTheme(models.Model):
    _name = "hbri.session.theme"
    _description = "Roundtable Theme"
    _order = "name"

    name = fields.Char(required=True, translate=True)
    color = fields.Integer()
    active = fields.Boolean(default=True)

    _name_unique = models.Constraint("UNIQUE (name)", "This theme already exists.")
