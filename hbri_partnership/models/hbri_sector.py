# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .hbri_membership import IN_FORCE_STATES


class HbriSector(models.Model):
    _name = "hbri.sector"
    _description = "Roundtable Sector"
    _order = "sequence, name, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True,
        help="Short unique code used in imports and exports, e.g. BUSINESS or PUBLIC.",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    color = fields.Integer()
    description = fields.Text(translate=True)
    roundtable_eligible = fields.Boolean(
        string="May Attend the Roundtable",
        default=True,
        help="Organizations of this sector may become members and attend roundtable sessions.",
    )
    speaks_officially = fields.Boolean(
        help="Representatives of this sector speak officially for their institution (the public sector). "
        "Roundtable members do not speak on behalf of their organization, so such a sector cannot attend "
        "the roundtable; its organizations still take part in partnerships formed through it.",
    )
    anonymous_label = fields.Char(
        string="Anonymized As",
        translate=True,
        help="How an anonymized case study names an organization of this sector, e.g. 'a member company'.",
    )
    anonymous_person_label = fields.Char(
        string="Person Anonymized As",
        translate=True,
        help="How an anonymized case study names a person of this sector, e.g. 'a company representative'.",
    )
    partner_ids = fields.One2many("res.partner", "hbri_sector_id", string="Organizations")
    partner_count = fields.Integer(string="Organizations Count", compute="_compute_partner_count")

    _code_unique = models.Constraint("UNIQUE (code)", "Another sector already uses this code.")
    _official_not_eligible = models.Constraint(
        "CHECK (NOT (speaks_officially AND roundtable_eligible))",
        "A sector whose representatives speak officially for their institution cannot attend the roundtable: "
        "untick 'May Attend the Roundtable'.",
    )

    # ------------------------------------------------------------ eligibility: the one definition
    @api.model
    def _get_open_partner_domain(self):
        """Organizations (res.partner) whose sector may attend the roundtable."""
        return [("hbri_sector_id.roundtable_eligible", "=", True)]

    def _is_closed_to_roundtable(self):
        """Whether organizations of this sector may not attend the roundtable, not even as guests (an empty
        sector is not closed: other rules ask for a sector where one is needed)."""
        return any(not sector.roundtable_eligible for sector in self)

    def _get_closed_message(self, organization):
        """Why ``organization``, of this sector, cannot attend the roundtable (a translated sentence), or False
        when the sector is open to it."""
        if not self._is_closed_to_roundtable():
            return False
        self.ensure_one()
        if self.speaks_officially:
            return self.env._(
                "%(org)s belongs to %(sector)s, a sector that cannot attend the roundtable, not even as a guest: "
                "its representatives speak officially for their institution, while members speak only for "
                "themselves. %(org)s can still take part in partnerships formed through the roundtable.",
                org=organization.display_name,
                sector=self.name,
            )
        return self.env._(
            "%(org)s belongs to %(sector)s, a sector that cannot attend the roundtable, not even as a guest. "
            "%(org)s can still take part in partnerships formed through the roundtable.",
            org=organization.display_name,
            sector=self.name,
        )

    def _compute_partner_count(self):
        counts = dict(
            self.env["res.partner"]._read_group(
                [("hbri_sector_id", "in", self.ids), ("is_company", "=", True)],
                ["hbri_sector_id"],
                ["__count"],
            )
        )
        for sector in self:
            sector.partner_count = counts.get(sector, 0)

    @api.constrains("roundtable_eligible")
    def _check_roundtable_eligible(self):
        """A sector cannot stop being eligible while its organizations hold a membership in force."""
        ineligible = self.filtered(lambda s: s._is_closed_to_roundtable())
        if not ineligible:
            return
        memberships = (
            self.env["hbri.membership"]
            .sudo()  # the rule must hold whatever the writer may read; only names are reported
            .search(
                [
                    ("partner_id.hbri_sector_id", "in", ineligible.ids),
                    ("state", "in", IN_FORCE_STATES),
                ]
            )
        )
        if memberships:
            raise ValidationError(
                self.env._(
                    "The sector cannot be closed to the roundtable while these organizations hold a membership: "
                    "%(names)s. End or withdraw their memberships first.",
                    names=", ".join(sorted(set(memberships.mapped("partner_id.name")))),
                )
            )

    def action_view_partners(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("hbri_partnership.hbri_member_action")
        action["domain"] = [("hbri_sector_id", "=", self.id), ("is_company", "=", True)]
        action["context"] = {
            "default_hbri_sector_id": self.id,
            "default_is_company": True,
        }
        return action
