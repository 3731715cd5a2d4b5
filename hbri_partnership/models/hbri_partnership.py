# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, api, fields, models
from odoo.exceptions import ValidationError

STAGES = [
    ("exploring", "Exploring"),
    ("agreed", "Agreed"),
    ("implementing", "Implementing"),
    ("completed", "Completed"),
    ("stopped", "Stopped"),
]


class HbriPartnership(models.Model):
    _name = "hbri.partnership"
    _check_company_auto = True
    _description = "Partnership"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, id desc"

    name = fields.Char(required=True, tracking=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    user_id = fields.Many2one(
        "res.users", string="Followed by", default=lambda self: self.env.user, domain=[("share", "=", False)]
    )
    stage = fields.Selection(
        STAGES, required=True, default="exploring", tracking=True, group_expand="_group_expand_stage", index=True
    )
    stop_reason = fields.Text(tracking=True)
    date_start = fields.Date(string="Start", tracking=True)
    date_end = fields.Date(string="End", tracking=True)
    description = fields.Html()
    theme_ids = fields.Many2many(
        "hbri.session.theme", "hbri_partnership_theme_rel", "partnership_id", "theme_id", string="Health Focus"
    )
    member_ids = fields.One2many("hbri.partnership.member", "partnership_id", string="Partners", copy=True)
    partner_ids = fields.Many2many(
        "res.partner", compute="_compute_partner_ids", string="Partner Organizations", search="_search_partner_ids"
    )
    sector_mix_id = fields.Many2one(
        "hbri.sector.mix",
        compute="_compute_sector_mix",
        store=True,
        index="btree_not_null",
        help="Sectors of the partners, e.g. Business + NGO",
    )
    has_public_sector = fields.Boolean(string="With Government", compute="_compute_sector_mix", store=True)
    origin_session_id = fields.Many2one(
        "hbri.roundtable.session", string="Formed at Session", index="btree_not_null", check_company=True
    )
    origin_presentation_id = fields.Many2one("hbri.presentation", string="Formed from Presentation", check_company=True)
    is_from_roundtable = fields.Boolean(
        string="Formed through the Roundtable", compute="_compute_is_from_roundtable", store=True
    )
    presentation_ids = fields.One2many("hbri.presentation", "partnership_id", string="Presentations")
    indicator_ids = fields.One2many("hbri.partnership.indicator", "partnership_id", string="Indicators", copy=True)
    meeting_ids = fields.Many2many(
        "calendar.event",
        "hbri_partnership_meeting_rel",
        "partnership_id",
        "event_id",
        string="Meetings outside the Sessions",
        help="Meetings held outside the roundtable sessions to explore or run the partnership; government "
        "representatives take part in them.",
    )
    meeting_count = fields.Integer(compute="_compute_meeting_count")

    _dates_check = models.Constraint(
        "CHECK (date_end IS NULL OR date_start IS NULL OR date_start <= date_end)",
        "A partnership cannot end before it starts.",
    )

    def _group_expand_stage(self, stages, domain):
        return [key for key, _label in STAGES]

    @api.depends("member_ids.partner_id")
    def _compute_partner_ids(self):
        for partnership in self:
            partnership.partner_ids = partnership.member_ids.partner_id

    def _search_partner_ids(self, operator, value):
        return [("member_ids.partner_id", operator, value)]

    @api.depends("member_ids.partner_id.hbri_sector_id")
    def _compute_sector_mix(self):
        sectors_of = {partnership: partnership.member_ids.partner_id.hbri_sector_id for partnership in self}
        mixes = self.env["hbri.sector.mix"]._get_for(sectors_of.values())
        for partnership, sectors in sectors_of.items():
            partnership.sector_mix_id = mixes.get(self.env["hbri.sector.mix"]._key_of(sectors), False)
            partnership.has_public_sector = any(s.speaks_officially for s in sectors)

    @api.depends("origin_session_id", "origin_presentation_id")
    def _compute_is_from_roundtable(self):
        for partnership in self:
            partnership.is_from_roundtable = bool(partnership.origin_session_id or partnership.origin_presentation_id)

    @api.depends("meeting_ids")
    def _compute_meeting_count(self):
        for partnership in self:
            partnership.meeting_count = len(partnership.meeting_ids)

    @api.onchange("origin_presentation_id")
    def _onchange_origin_presentation_id(self):
        if self.origin_presentation_id:
            self.origin_session_id = self.origin_presentation_id.session_id

    @api.constrains("stage", "stop_reason")
    def _check_stop_reason(self):
        for partnership in self.filtered(lambda p: p.stage == "stopped"):
            if not (partnership.stop_reason or "").strip():
                raise ValidationError(self.env._("Say why the partnership %(name)s stopped.", name=partnership.name))

    def action_schedule_meeting(self):
        """Open the calendar to plan a meeting outside the sessions with the partners' people."""
        self.ensure_one()
        people = self.member_ids.partner_id.child_ids.filtered(lambda c: c.type == "contact" and c.email)
        action = self.env["ir.actions.act_window"]._for_xml_id("calendar.action_calendar_event")
        action["context"] = {
            "default_name": self.env._("Partnership meeting: %(name)s", name=self.name),
            "default_partner_ids": [self.env.user.partner_id.id, *people.ids],
            "default_res_model": self._name,
            "default_res_id": self.id,
            "default_hbri_partnership_ids": [Command.link(self.id)],
        }
        return action

    def action_view_meetings(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("calendar.action_calendar_event")
        action["domain"] = [("id", "in", self.meeting_ids.ids)]
        action["view_mode"] = "list,calendar,form"
        action["views"] = [(False, "list"), (False, "calendar"), (False, "form")]
        action["context"] = {"default_hbri_partnership_ids": [Command.link(self.id)]}
        return action


class HbriPartnershipMember(models.Model):
    _name = "hbri.partnership.member"
    _description = "Partnership Partner"
    _order = "sequence, id"

    partnership_id = fields.Many2one("hbri.partnership", required=True, index=True, ondelete="cascade")
    sequence = fields.Integer(default=10)
    partner_id = fields.Many2one(
        "res.partner", string="Organization", required=True, index=True, domain=[("is_company", "=", True)]
    )
    sector_id = fields.Many2one(related="partner_id.hbri_sector_id", string="Sector")
    role = fields.Selection(
        [
            ("lead", "Lead"),
            ("implementer", "Implementer"),
            ("funder", "Funder"),
            ("government", "Government Counterpart"),
            ("partner", "Partner"),
        ],
        compute="_compute_role",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
    )
    contribution = fields.Char(help="What this organization brings to the partnership.")

    _partner_once = models.UniqueIndex(
        "(partnership_id, partner_id)", "An organization is listed once per partnership."
    )

    @api.depends("partner_id")
    def _compute_role(self):
        # an institution that speaks officially (public sector) is the government counterpart by default
        for member in self:
            if member.partner_id.commercial_partner_id.hbri_sector_id.speaks_officially:
                member.role = "government"
            elif not member.role or member.role == "government":
                member.role = "partner"


class HbriPartnershipIndicator(models.Model):
    _name = "hbri.partnership.indicator"
    _description = "Partnership Outcome Indicator"
    _order = "sequence, id"

    partnership_id = fields.Many2one("hbri.partnership", required=True, index=True, ondelete="cascade")
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Indicator", required=True)
    unit = fields.Char(help="e.g. women screened, clinics, %")
    target = fields.Float()
    actual = fields.Float()
    date = fields.Date(string="Measured on")
    progress = fields.Float(compute="_compute_progress", store=True, aggregator="avg", help="Actual / target")

    @api.depends("target", "actual")
    def _compute_progress(self):
        for indicator in self:
            indicator.progress = indicator.actual / indicator.target if indicator.target else 0.0
