# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class HbriPartnerAlias(models.Model):
    """Another name by which an organization or a person is known: an anonymized case study hides it too."""

    _name = "hbri.partner.alias"
    _description = "Also Known As"
    _order = "partner_id, name, id"

    name = fields.Char(
        string="Also Known As",
        required=True,
        help="A brand name, a former name, an acronym or a nickname: anonymized case studies replace it too.",
    )
    partner_id = fields.Many2one("res.partner", required=True, ondelete="cascade", index=True)
    kind = fields.Selection(
        [("brand", "Brand"), ("former", "Former Name"), ("acronym", "Acronym"), ("other", "Other")],
        default="other",
        required=True,
    )

    _name_partner_unique = models.Constraint("UNIQUE (partner_id, name)", "This alias is already listed.")

    @api.constrains("name")
    def _check_name(self):
        for alias in self:
            if not any(char.isalnum() for char in alias.name or ""):
                raise ValidationError(
                    self.env._(
                        "The alias %(alias)r has no letter or digit: write the name as it is used.", alias=alias.name
                    )
                )
