# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class HbriConsultationTag(models.Model):
    _name = "hbri.consultation.tag"
    _description = "Consultation Interest or Concern"
    _order = "kind, name"

    name = fields.Char(required=True, translate=True)
    kind = fields.Selection(
        [("interest", "Interest"), ("concern", "Concern")],
        required=True,
        default="interest",
    )
    color = fields.Integer()
    active = fields.Boolean(default=True)

    _name_unique = models.Constraint("UNIQUE (name, kind)", "This tag already exists.")
