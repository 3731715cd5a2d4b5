# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

MEMBERSHIP_STATES = [
    ("none", "Not a Member"),
    ("prospect", "Prospect"),
    ("member", "Member"),
    ("suspended", "Suspended"),
    ("lapsed", "Lapsed"),
    ("withdrawn", "Withdrawn"),
]
# res.partner fields the anonymization dictionary reads (or that decide who is known: a contact's organization,
# its sector): a change signals hbri.anonymizer (the other watched models: hbri_anonymizer_signal.py)
ANONYMIZER_FIELDS = frozenset(
    ("name", "email", "website", "phone", "is_company", "parent_id", "active", "hbri_sector_id")
)


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
    hbri_declines_hosting = fields.Boolean(
        string="Declines to Host",
        help="The organization asked not to be proposed as a host of roundtable sessions.",
    )
    hbri_consultation_ids = fields.One2many("hbri.consultation", "partner_id", string="Consultations")
    hbri_representative_role = fields.Selection(
        [
            ("primary", "Primary Representative"),
            ("alternate", "Alternate"),
            ("observer", "Observer"),
        ],
        string="Roundtable Role",
        # a duplicated contact is another person: the role is given to them explicitly (one primary per org)
        copy=False,
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

    hbri_presentation_count = fields.Integer(
        string="Presentations Count", compute="_compute_hbri_outcome_counts", groups="base.group_user"
    )
    hbri_partnership_count = fields.Integer(
        string="Partnerships Count", compute="_compute_hbri_outcome_counts", groups="base.group_user"
    )
    hbri_assistance_count = fields.Integer(
        string="Assistance Count", compute="_compute_hbri_outcome_counts", groups="base.group_user"
    )
    hbri_sessions_invited = fields.Integer(
        string="Sessions Invited", compute="_compute_hbri_attendance", groups="base.group_user"
    )
    hbri_sessions_attended = fields.Integer(
        string="Sessions Attended", compute="_compute_hbri_attendance", groups="base.group_user"
    )
    hbri_attendance_rate = fields.Float(
        string="Attendance Rate (4 Quarters)",
        compute="_compute_hbri_attendance",
        groups="base.group_user",
        help="Share of the held sessions of the last four quarters to which the organization's people were "
        "registered (as members, presenters or guests) that at least one of them attended; the attendance matrix "
        "counts the same way over the sessions it shows.",
    )
    hbri_needs_follow_up = fields.Boolean(
        string="Missed Two Sessions in a Row",
        compute="_compute_hbri_attendance",
        search="_search_hbri_needs_follow_up",
        groups="base.group_user",
    )

    hbri_alias_ids = fields.One2many(
        "hbri.partner.alias",
        "partner_id",
        string="Also Known As",
        help="Brand names, former names and acronyms of the organization: anonymized case studies replace them.",
    )

    # ------------------------------------------------------------ CRUD: the anonymization dictionary's watch
    @api.model_create_multi
    def create(self, vals_list):
        partners = super().create(vals_list)
        # a partner without sector nor organization is unknown until something links it to the roundtable
        if any(vals.get("hbri_sector_id") or vals.get("parent_id") for vals in vals_list):
            self.env["hbri.anonymizer"]._signal_change()
        return partners

    def write(self, vals):
        if not ANONYMIZER_FIELDS.isdisjoint(vals):
            self.env["hbri.anonymizer"]._signal_change()
        if "name" in vals:
            self._hbri_keep_former_names(vals["name"])
        return super().write(vals)

    def unlink(self):
        self.env["hbri.anonymizer"]._signal_change()
        return super().unlink()

    def _hbri_keep_former_names(self, new_name, keeper=None):
        """Before a rename: the name of each partner the anonymization dictionary knows becomes its "former"
        alias, so that anonymized case studies keep hiding it (their texts were written, and approved, with it);
        their printed text, and so the consents' fingerprint, do not change with the rename. ``keeper``: the partner
        that keeps them instead (a merge: the partner that stays)."""
        renamed = self.filtered(lambda p: p.name and p.name != new_name and any(c.isalnum() for c in p.name))
        known = self.env["hbri.anonymizer"]._get_known_partner_ids(renamed.ids)
        renamed = renamed.filtered(lambda p: p.id in known)
        if not renamed:
            return
        # sudo: whoever may rename a partner keeps its former name hidden (a representative renaming himself on
        # the portal, a user outside the roundtable's groups), though only the secretariat edits aliases
        aliases = self.env["hbri.partner.alias"].sudo()
        owners = keeper or renamed
        existing = {(a.partner_id.id, a.name) for a in aliases.search([("partner_id", "in", owners.ids)])}
        wanted = {((keeper or partner).id, partner.name) for partner in renamed} - existing
        aliases.create([{"partner_id": owner, "name": name, "kind": "former"} for owner, name in sorted(wanted)])

    @api.model
    def _commercial_fields(self):
        return [*super()._commercial_fields(), "hbri_sector_id"]

    @api.depends(
        "is_company",
        "company_id",
        "hbri_membership_ids.company_id",
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

    def _hbri_membership_summary(self, today, company=None):
        """Return (state, current membership, member since) of an organization on ``today`` (see hbri.membership)."""
        self.ensure_one()
        return self.env["hbri.membership"]._get_partner_standing(self, today, company)

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

    def _hbri_membership_on(self, day, company=None):
        """The membership that gives this organization a seat at the table on ``day`` (see hbri.membership)."""
        self.ensure_one()
        return self.env["hbri.membership"]._get_seat(self, day, company)

    def _hbri_member_issue(self, day, company=None):
        """Why this organization cannot sit at the table as a member on ``day``, or False (see hbri.membership)."""
        self.ensure_one()
        Membership = self.env["hbri.membership"]
        return Membership._get_seat_issue_message(Membership._get_seat_issue(self, day, company), self, day, company)

    def _compute_hbri_outcome_counts(self):
        counts = {}
        for model, field in (
            ("hbri.presentation", "presenting_partner_ids"),
            ("hbri.technical.assistance", "partner_id"),
        ):
            counts[model] = dict(self.env[model]._read_group([(field, "in", self.ids)], [field], ["__count"]))
        counts["hbri.partnership"] = dict(
            self.env["hbri.partnership.member"]._read_group(
                [("partner_id", "in", self.ids)], ["partner_id"], ["partnership_id:count_distinct"]
            )
        )
        for partner in self:
            partner.hbri_presentation_count = counts["hbri.presentation"].get(partner, 0)
            partner.hbri_partnership_count = counts["hbri.partnership"].get(partner, 0)
            partner.hbri_assistance_count = counts["hbri.technical.assistance"].get(partner, 0)

    def _hbri_action_related(self, xmlid, field):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["domain"] = [(field, "in", self.commercial_partner_id.ids)]
        return action

    def action_hbri_view_presentations(self):
        return self._hbri_action_related("hbri_partnership.hbri_presentation_action", "presenting_partner_ids")

    def action_hbri_view_partnerships(self):
        return self._hbri_action_related("hbri_partnership.hbri_partnership_action", "partner_ids")

    def action_hbri_view_assistance(self):
        action = self._hbri_action_related("hbri_partnership.hbri_technical_assistance_action", "partner_id")
        action["context"] = {"default_partner_id": self.commercial_partner_id.id}
        return action

    def _compute_hbri_attendance(self):
        # one definition of the rate and of "missed two in a row": the attendee model's
        stats = self.env["hbri.session.attendee"]._get_attendance_stats([("organization_id", "in", self.ids)])
        for partner in self:
            invited, attended, rate, follow_up = stats.get(partner.id, (0, 0, 0.0, False))
            partner.hbri_sessions_invited = invited
            partner.hbri_sessions_attended = attended
            partner.hbri_attendance_rate = rate
            partner.hbri_needs_follow_up = follow_up

    def _search_hbri_needs_follow_up(self, operator, value):
        if operator != "in":
            return NotImplemented
        flagged = self.env["hbri.session.attendee"]._get_follow_up_organization_ids()
        return [("id", "in" if True in value else "not in", flagged)]

    def action_hbri_view_attendance(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("hbri_partnership.hbri_session_attendee_action")
        action["domain"] = [("organization_id", "=", self.commercial_partner_id.id)]
        action["context"] = {"search_default_group_session": 1}
        return action

    # ------------------------------------------------------------ constraints
    @api.constrains("hbri_sector_id", "is_company")
    def _check_hbri_membership_holder(self):
        """A membership's rules must hold when the organization changes, not only the membership."""
        self.env["hbri.membership"]._check_holders(self)

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
        action = self._hbri_action_related("hbri_partnership.hbri_membership_action", "partner_id")
        action["context"] = {"default_partner_id": self.commercial_partner_id.id}
        return action

    def action_hbri_view_consultations(self):
        action = self._hbri_action_related("hbri_partnership.hbri_consultation_action", "partner_id")
        action["context"] = {"default_partner_id": self.commercial_partner_id.id}
        return action

    def action_hbri_export_roster(self):
        """Membership roster (XLSX) of these organizations; with none selected, of every organization that holds
        a membership."""
        return self.env["hbri.xlsx.export"]._action_download("roster", self)

    def action_hbri_grant_portal(self):
        """Open Odoo's portal access wizard for this representative (partner managers only, as the wizard)."""
        self.ensure_one()
        wizard = self.env["portal.wizard"].with_context(active_ids=self.ids, active_model="res.partner").create({})
        return wizard._action_open_modal()
