# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .hbri_membership import IN_FORCE_STATES

MEMBERSHIP_STATES = [
    ("none", "Not a Member"),
    ("prospect", "Prospect"),
    ("member", "Member"),
    ("suspended", "Suspended"),
    ("lapsed", "Lapsed"),
    ("withdrawn", "Withdrawn"),
]


class ResPartner(models.Model):
    _inherit = "res.partner"

    hbri_sector_id = fields.Many2one(
        "hbri.sector",
        string="Roundtable Sector",
        index="btree_not_null",
        tracking=True,
        help="The organization's sector in the roundtable (business, NGO, public sector, …); contacts show "
        "their organization's sector. Not the same as the industry.",
    )
    hbri_membership_ids = fields.One2many("hbri.membership", "partner_id", string="Memberships")
    hbri_membership_state = fields.Selection(
        MEMBERSHIP_STATES,
        string="Membership Status",
        compute="_compute_hbri_membership",
        store=True,
        index=True,
        default="none",
    )
    hbri_membership_id = fields.Many2one(
        "hbri.membership",
        string="Current Membership",
        compute="_compute_hbri_membership",
        store=True,
    )
    hbri_member_since = fields.Date(string="Member Since", compute="_compute_hbri_membership", store=True)
    hbri_membership_date_end = fields.Date(related="hbri_membership_id.date_end", string="Membership End Date")
    hbri_is_member = fields.Boolean(
        string="Active Member",
        compute="_compute_hbri_membership",
        store=True,
        index=True,
    )
    hbri_consultation_ids = fields.One2many("hbri.consultation", "partner_id", string="Consultations")
    hbri_representative_role = fields.Selection(
        [
            ("primary", "Primary Representative"),
            ("alternate", "Alternate"),
            ("observer", "Observer"),
        ],
        string="Roundtable Role",
        help="Role of this contact in the roundtable on behalf of their organization.",
    )
    hbri_representative_active = fields.Boolean(
        string="Active Representative",
        default=True,
        help="Untick when this person no longer represents the organization (history is kept).",
    )
    hbri_representative_ids = fields.One2many(
        "res.partner",
        "parent_id",
        string="Representatives",
        domain=[("hbri_representative_role", "!=", False), ("is_company", "=", False)],
    )
    hbri_primary_representative_id = fields.Many2one(
        "res.partner",
        string="Primary Representative",
        compute="_compute_hbri_primary_representative_id",
    )
    hbri_membership_count = fields.Integer(
        string="Memberships Count",
        compute="_compute_hbri_counts",
        groups="base.group_user",
    )
    hbri_consultation_count = fields.Integer(
        string="Consultations Count",
        compute="_compute_hbri_counts",
        groups="base.group_user",
    )

    @api.model
    def _commercial_fields(self):
        return [*super()._commercial_fields(), "hbri_sector_id"]

    @api.depends(
        "is_company",
        "hbri_membership_ids.state",
        "hbri_membership_ids.date_start",
        "hbri_membership_ids.date_end",
        "hbri_consultation_ids.outcome",
    )
    def _compute_hbri_membership(self):
        today = fields.Date.context_today(self)
        for partner in self:
            state, current, since = partner._hbri_membership_summary(today)
            partner.hbri_membership_state = state
            partner.hbri_membership_id = current
            partner.hbri_member_since = since
            partner.hbri_is_member = state == "member"

    def _hbri_membership_summary(self, today):
        """Return (state, current membership, member since) of an organization on ``today``."""
        self.ensure_one()
        memberships = self.hbri_membership_ids.filtered(lambda m: m.state != "cancelled").sorted(
            lambda m: (m.date_start, m.id), reverse=True
        )
        if not self.is_company or not memberships:
            interested = self.is_company and any(
                c.outcome in ("interested", "follow_up") for c in self.hbri_consultation_ids
            )
            return ("prospect" if interested else "none"), False, False
        started = [m for m in memberships if m.state != "draft" and m.date_start <= today]
        since = min((m.date_start for m in started), default=False)
        in_force = [m for m in started if m.state in IN_FORCE_STATES and (not m.date_end or m.date_end >= today)]
        if in_force:
            current = in_force[0]
            return (
                ("member" if current.state == "active" else "suspended"),
                current,
                since,
            )
        upcoming = memberships.filtered(
            lambda m: m.state == "draft" or (m.state in IN_FORCE_STATES and m.date_start > today)
        )
        if upcoming:
            return "prospect", upcoming[0], since
        latest = memberships[0]
        return ("withdrawn" if latest.state == "withdrawn" else "lapsed"), latest, since

    def _hbri_recompute_membership_state(self):
        """Recompute the stored membership summary (it depends on today's date, so a daily job calls this)."""
        fnames = [
            "hbri_membership_state",
            "hbri_membership_id",
            "hbri_member_since",
            "hbri_is_member",
        ]
        for fname in fnames:
            self.env.add_to_compute(self._fields[fname], self)
        self.flush_recordset(fnames)

    @api.depends("child_ids.hbri_representative_role", "child_ids.hbri_representative_active")
    def _compute_hbri_primary_representative_id(self):
        for partner in self:
            partner.hbri_primary_representative_id = partner.child_ids.filtered(
                lambda c: c.hbri_representative_role == "primary" and c.hbri_representative_active
            )[:1]

    def _compute_hbri_counts(self):
        membership_counts = dict(
            self.env["hbri.membership"]._read_group([("partner_id", "in", self.ids)], ["partner_id"], ["__count"])
        )
        consultation_counts = dict(
            self.env["hbri.consultation"]._read_group([("partner_id", "in", self.ids)], ["partner_id"], ["__count"])
        )
        for partner in self:
            partner.hbri_membership_count = membership_counts.get(partner, 0)
            partner.hbri_consultation_count = consultation_counts.get(partner, 0)

    # ------------------------------------------------------------ constraints
    @api.constrains("hbri_sector_id", "is_company")
    def _check_hbri_membership_holder(self):
        """A membership's rules must hold when the organization changes, not only the membership."""
        memberships = (
            self.env["hbri.membership"]
            .sudo()  # whoever edits the contact, the forum's rule holds; only names are reported
            .search(
                [
                    ("partner_id", "in", self.ids),
                    ("state", "not in", ("cancelled", "ended", "withdrawn")),
                ]
            )
        )
        for partner in memberships.partner_id:
            if not partner.is_company:
                raise ValidationError(
                    self.env._(
                        "%(name)s holds a roundtable membership, so it must stay an organization.",
                        name=partner.display_name,
                    )
                )
            sector = partner.hbri_sector_id
            if sector and not sector.roundtable_eligible:
                raise ValidationError(
                    self.env._(
                        "%(org)s holds a roundtable membership, and the %(sector)s sector cannot attend the "
                        "roundtable. End or withdraw the membership before changing the sector.",
                        org=partner.display_name,
                        sector=sector.name,
                    )
                )

    @api.constrains(
        "hbri_representative_role",
        "hbri_representative_active",
        "parent_id",
        "is_company",
    )
    def _check_hbri_representative(self):
        for partner in self.filtered("hbri_representative_role"):
            if partner.is_company or not partner.parent_id:
                raise ValidationError(
                    self.env._(
                        "%(name)s cannot have a roundtable role: representatives are people who belong to a "
                        "member organization (set their company first).",
                        name=partner.display_name,
                    )
                )
        organizations = self.filtered(
            lambda p: p.hbri_representative_role == "primary" and p.hbri_representative_active
        ).parent_id
        for organization in organizations:
            primaries = organization.child_ids.filtered(
                lambda c: c.hbri_representative_role == "primary" and c.hbri_representative_active
            )
            if len(primaries) > 1:
                raise ValidationError(
                    self.env._(
                        "%(org)s already has a primary representative (%(names)s): make the others alternates.",
                        org=organization.display_name,
                        names=", ".join(primaries.mapped("name")),
                    )
                )

    # ------------------------------------------------------------ actions
    def action_hbri_view_memberships(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("hbri_partnership.hbri_membership_action")
        action["domain"] = [("partner_id", "=", self.commercial_partner_id.id)]
        action["context"] = {"default_partner_id": self.commercial_partner_id.id}
        return action

    def action_hbri_view_consultations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("hbri_partnership.hbri_consultation_action")
        action["domain"] = [("partner_id", "=", self.commercial_partner_id.id)]
        action["context"] = {"default_partner_id": self.commercial_partner_id.id}
        return action
