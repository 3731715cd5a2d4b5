# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain
from odoo.tools import format_date
from odoo.tools.translate import LazyTranslate

from .hbri_workflow_mixin import workflow_write

_lt = LazyTranslate(__name__)

IN_FORCE_STATES = ("active", "suspended")  # running now
ENDED_STATES = ("ended", "withdrawn")  # over from today on, in force on the past days of their period
# why an organization has no seat at the table on a day (stored on attendees, told in the reader's language)
SEAT_ISSUES = [
    ("sector", "Sector Closed to the Roundtable"),
    ("no_membership", "No Membership in Force"),
    ("other_company", "Membership of Another Company"),
]
RENEWAL_NOTICE_DAYS = 30
# moved only by the buttons, the withdrawal wizard and the daily job (the list with the reasons: docs/security.md)
ACTION_FIELDS = {
    "state": _lt(
        "use the status buttons (Activate, Suspend, Resume, End, Withdraw, Cancel, Reset to Draft); the daily job "
        "ends memberships past their end date"
    ),
    "date_withdrawn": _lt("use Withdraw, which records the reason and the date"),
    "previous_membership_id": _lt("use Renew on the membership to renew"),
    "renewal_activity_date": _lt("it is recorded by the daily job that schedules the renewal reminder"),
}


class HbriMembership(models.Model):
    _name = "hbri.membership"
    _description = "Roundtable Membership"
    _inherit = ["mail.thread", "mail.activity.mixin", "hbri.state.mixin", "hbri.workflow.mixin"]
    _order = "date_start desc, id desc"
    _hbri_action_fields = ACTION_FIELDS

    name = fields.Char(compute="_compute_name", store=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Organization",
        required=True,
        index=True,
        tracking=True,
        domain=[("is_company", "=", True)],
        ondelete="restrict",
    )
    sector_id = fields.Many2one(related="partner_id.hbri_sector_id", string="Sector", store=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    _check_company_auto = True
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        tracking=True,
        domain=[("share", "=", False)],
        help="Secretariat member who follows this membership and receives its renewal reminder.",
    )
    date_start = fields.Date(
        string="Start Date",
        required=True,
        default=fields.Date.context_today,
        tracking=True,
    )
    date_end = fields.Date(
        string="End Date",
        tracking=True,
        help="Leave empty for an open-ended membership.",
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("active", "Active"),
            ("suspended", "Suspended"),
            ("ended", "Ended"),
            ("withdrawn", "Withdrawn"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
    )
    guideline_id = fields.Many2one(
        "hbri.guideline",
        string="Guidelines Accepted",
        copy=False,
        tracking=True,
        ondelete="restrict",
        help="Version of the participation guidelines this organization accepted.",
    )
    accepted_by_id = fields.Many2one(
        "res.partner",
        string="Accepted by",
        copy=False,
        tracking=True,
        domain="[('parent_id', '=', partner_id), ('is_company', '=', False)]",
        help="Representative who accepted the participation guidelines for the organization.",
    )
    date_accepted = fields.Date(string="Accepted on", copy=False, tracking=True)
    withdraw_reason = fields.Text(string="Withdrawal Reason", copy=False, tracking=True)
    date_withdrawn = fields.Date(string="Withdrawal Date", copy=False, readonly=True, tracking=True)
    previous_membership_id = fields.Many2one(
        "hbri.membership",
        string="Renewal of",
        copy=False,
        index="btree_not_null",
        check_company=True,
        readonly=True,
    )
    renewal_ids = fields.One2many("hbri.membership", "previous_membership_id", string="Renewals")
    renewal_activity_date = fields.Date(
        copy=False,
        readonly=True,
        help="When the renewal reminder was scheduled; a membership is reminded once.",
    )
    contribution_ids = fields.One2many("hbri.membership.contribution", "membership_id", string="Contributions")
    contribution_count = fields.Integer(compute="_compute_contribution_count")
    note = fields.Html()
    is_expiring = fields.Boolean(
        string="Expiring Soon",
        compute="_compute_is_expiring",
        search="_search_is_expiring",
    )

    _date_check = models.Constraint(
        "CHECK (date_end IS NULL OR date_start <= date_end)",
        "A membership cannot end before it starts: set an end date on or after the start date.",
    )
    _partner_dates_idx = models.Index("(partner_id, date_start, date_end)")

    @api.depends("partner_id.name", "date_start")
    def _compute_name(self):
        for membership in self:
            membership.name = f"{membership.partner_id.name or ''} / {membership.date_start or ''}"

    @api.depends("partner_id.name", "date_start")
    @api.depends_context("lang")
    def _compute_display_name(self):
        # the start date in the reader's language ("PT X / 2 Sep 2024"), the stored name stays searchable
        for membership in self:
            day = format_date(self.env, membership.date_start, date_format="d MMMM y") if membership.date_start else ""
            membership.display_name = f"{membership.partner_id.name or ''} / {day}"

    @api.depends("contribution_ids")
    def _compute_contribution_count(self):
        counts = dict(
            self.env["hbri.membership.contribution"]._read_group(
                [("membership_id", "in", self.ids)], ["membership_id"], ["__count"]
            )
        )
        for membership in self:
            membership.contribution_count = counts.get(membership, 0)

    @api.depends("state", "date_end")
    def _compute_is_expiring(self):
        today = fields.Date.context_today(self)
        limit = today + relativedelta(days=RENEWAL_NOTICE_DAYS)
        for membership in self:
            membership.is_expiring = bool(
                membership.state in IN_FORCE_STATES and membership.date_end and today <= membership.date_end <= limit
            )

    def _search_is_expiring(self, operator, value):
        if operator != "in":
            return NotImplemented
        today = fields.Date.context_today(self)
        domain = Domain(
            [
                ("state", "in", IN_FORCE_STATES),
                ("date_end", ">=", today),
                ("date_end", "<=", today + relativedelta(days=RENEWAL_NOTICE_DAYS)),
            ]
        )
        return domain if True in value else ~domain

    # ------------------------------------------------------------ standing: the one definition
    @api.model
    def _get_in_force_on_domain(self, day):
        """Memberships in force on ``day``: the one definition of "in force", every rule builds on it.

        An active or suspended membership is in force on each day of its period. Ending or withdrawing a
        membership takes effect at once: from today on it is over, while on the days gone by of its period it
        was in force (a session held while it ran keeps its member and its host)."""
        today = fields.Date.context_today(self)
        states = IN_FORCE_STATES + ENDED_STATES if day < today else IN_FORCE_STATES
        return (
            Domain("state", "in", states)
            & Domain("date_start", "<=", day)
            & Domain.OR([Domain("date_end", "=", False), Domain("date_end", ">=", day)])
        )

    @api.model
    def _get_seated_on_domain(self, day):
        """Memberships that give a seat at the table on ``day`` (attend, present, host, be invited): in force and
        not suspended (a suspension keeps the membership but not the seat)."""
        return self._get_in_force_on_domain(day) & Domain("state", "!=", "suspended")

    def _get_standing(self, day):
        """The standing on ``day`` of the organization that holds these memberships (one organization, one
        company; cancelled ones left out by the caller): (state, membership, member since), the state being one
        of res.partner's hbri_membership_state values other than 'none'."""
        memberships = self.sorted(lambda m: (m.date_start, m.id), reverse=True)
        started = memberships.filtered(lambda m: m.state not in ("draft", "cancelled") and m.date_start <= day)
        since = min(started.mapped("date_start"), default=False)
        in_force = started.filtered_domain(self._get_in_force_on_domain(day))
        if in_force:
            current = in_force[0]
            return ("suspended" if current.state == "suspended" else "member"), current, since
        upcoming = memberships.filtered(
            lambda m: m.state == "draft" or (m.state in IN_FORCE_STATES and m.date_start > day)
        )
        if upcoming:
            return "prospect", upcoming[0], since
        if not memberships:
            return "none", self.browse(), since
        latest = memberships[0]
        return ("withdrawn" if latest.state == "withdrawn" else "lapsed"), latest, since

    @api.model
    def _get_partner_standing(self, partner, today, company=None):
        """(state, current membership, member since) of ``partner`` on ``today`` in ``company`` (default: the
        partner's own company when it belongs to one, else every company): res.partner's membership summary. A
        person, or an organization without memberships, is a prospect when a consultation found interest."""
        company = company or partner.company_id
        memberships = partner.hbri_membership_ids.filtered(
            lambda m: m.state != "cancelled" and (not company or m.company_id == company)
        )
        if not partner.is_company or not memberships:
            interested = partner.is_company and any(
                c.outcome in ("interested", "follow_up") for c in partner.hbri_consultation_ids
            )
            return ("prospect" if interested else "none"), False, False
        state, current, since = memberships._get_standing(today)
        return state, current or False, since

    @api.model
    def _get_seat(self, organization, day, company=None):
        """The membership that gives ``organization`` a seat at the table on ``day`` (may be empty), in
        ``company`` when given."""
        domain = Domain("partner_id", "=", organization.commercial_partner_id.id) & self._get_seated_on_domain(day)
        if company:
            domain &= Domain("company_id", "=", company.id)
        return self.search(domain, limit=1)

    @api.model
    def _get_seat_issue(self, organization, day, company=None):
        """Why ``organization`` has no seat at the table as a member on ``day`` (of ``company`` when given: a
        membership of another company gives no seat), as a code of SEAT_ISSUES, or False. Codes are stored
        and translated when shown (_get_seat_issue_message)."""
        organization = organization.commercial_partner_id
        if organization.hbri_sector_id._is_closed_to_roundtable():
            return "sector"
        seated = organization.hbri_membership_ids.filtered_domain(self._get_seated_on_domain(day))
        if company and seated and not seated.filtered(lambda m: m.company_id == company):
            return "other_company"
        if not seated:
            return "no_membership"
        return False

    @api.model
    def _get_seat_issue_message(self, code, organization, day, company=None):
        """The sentence telling a code of _get_seat_issue, in the reader's language (False for no code)."""
        organization = organization.commercial_partner_id
        if code == "sector":
            return organization.hbri_sector_id._get_closed_message(organization)
        if code == "other_company":
            return self.env._(
                "%(org)s holds no active membership in %(company)s on %(day)s (its membership belongs to "
                "another company).",
                org=organization.name,
                company=company.name if company else "",
                day=format_date(self.env, day, date_format="d MMMM y"),
            )
        if code == "no_membership":
            return self.env._(
                "%(org)s holds no active membership on %(day)s.",
                org=organization.name,
                day=format_date(self.env, day, date_format="d MMMM y"),
            )
        return False

    # ------------------------------------------------------------ constraints
    @api.constrains("partner_id", "state")
    def _check_partner_id(self):
        for membership in self.filtered(lambda m: m.state in ("draft", *IN_FORCE_STATES)):
            partner = membership.partner_id
            if not partner.is_company:
                raise ValidationError(
                    self.env._(
                        "%(name)s is a person: only organizations hold memberships. Choose the organization "
                        "%(name)s represents instead.",
                        name=partner.display_name,
                    )
                )
            sector = partner.hbri_sector_id
            closed = sector._get_closed_message(partner)
            if closed:
                raise ValidationError(closed)
            if membership.state in IN_FORCE_STATES and not sector:
                raise ValidationError(
                    self.env._(
                        "Set the sector of %(org)s before activating its membership.",
                        org=partner.display_name,
                    )
                )

    @api.model
    def _check_holders(self, partners):
        """The holder's side of _check_partner_id: an organization holding a membership not over yet stays an
        organization in a sector open to the roundtable (called when the contact changes)."""
        memberships = self.sudo().search(  # whoever edits the contact, the forum's rule holds; only names are told
            [
                ("partner_id", "in", partners.ids),
                ("state", "not in", ("cancelled", "ended", "withdrawn")),
            ]
        )
        for partner in memberships.partner_id:
            if not partner.is_company:
                raise ValidationError(
                    self.env._(
                        "%(name)s holds a roundtable membership, so it must stay an organization.",
                        name=partner.display_name,
                    )
                )
            closed = partner.hbri_sector_id._get_closed_message(partner)
            if closed:
                raise ValidationError(
                    self.env._(
                        "%(org)s holds a roundtable membership. %(reason)s End or withdraw the membership before "
                        "changing the sector.",
                        org=partner.display_name,
                        reason=closed,
                    )
                )

    @api.constrains("partner_id", "date_start", "date_end", "state")
    def _check_overlap(self):
        for membership in self:
            if membership.date_end and membership.date_end < membership.date_start:
                raise ValidationError(
                    self.env._(
                        "The membership of %(org)s cannot end (%(end)s) before it starts (%(start)s): set an end "
                        "date on or after the start date.",
                        org=membership.partner_id.display_name,
                        start=format_date(self.env, membership.date_start, date_format="d MMMM y"),
                        end=format_date(self.env, membership.date_end, date_format="d MMMM y"),
                    )
                )
        memberships = self.filtered(lambda m: m.state != "cancelled")
        if not memberships:
            return
        others = self.sudo().search(  # the rule holds for every membership, not only those the user reads
            [
                ("partner_id", "in", memberships.partner_id.ids),
                ("company_id", "in", memberships.company_id.ids),
                ("state", "!=", "cancelled"),
            ]
        )
        # one seat per organization and company: each company (forum) keeps its own membership history
        others_by_partner = others.grouped(lambda m: (m.partner_id, m.company_id))
        for membership in memberships:
            for other in others_by_partner.get((membership.partner_id, membership.company_id), []):
                if other != membership and membership._overlaps(other):
                    raise ValidationError(
                        self.env._(
                            "%(org)s already has a membership from %(start)s to %(end)s. Two memberships of one "
                            "organization may not overlap: change the dates or cancel one of them.",
                            org=membership.partner_id.display_name,
                            start=format_date(self.env, other.date_start, date_format="d MMMM y"),
                            end=(
                                format_date(self.env, other.date_end, date_format="d MMMM y")
                                if other.date_end
                                else self.env._("open-ended")
                            ),
                        )
                    )

    def _overlaps(self, other):
        self.ensure_one()
        return (not self.date_end or other.date_start <= self.date_end) and (
            not other.date_end or self.date_start <= other.date_end
        )

    @api.constrains("partner_id", "state", "guideline_id", "accepted_by_id", "date_accepted")
    def _check_guidelines_accepted(self):
        current_by_company = {}
        for membership in self.filtered(lambda m: m.state == "active"):
            company = membership.company_id
            if company not in current_by_company:
                current_by_company[company] = self.env["hbri.guideline"].sudo()._get_current(company)
            current = current_by_company[company]
            if not current:
                raise ValidationError(
                    self.env._(
                        "There are no current participation guidelines in %(company)s: an administrator must "
                        "publish them before memberships can be activated.",
                        company=membership.company_id.name,
                    )
                )
            if membership.guideline_id != current or not membership.accepted_by_id or not membership.date_accepted:
                raise ValidationError(
                    self.env._(
                        "%(org)s must accept the current participation guidelines (%(guideline)s) before its "
                        "membership is activated: record the version, the representative who accepted it and "
                        "the date.",
                        org=membership.partner_id.display_name,
                        guideline=current.display_name,
                    )
                )
            if membership.accepted_by_id.commercial_partner_id != membership.partner_id:
                raise ValidationError(
                    self.env._(
                        "%(person)s does not represent %(org)s: the guidelines must be accepted by one of its "
                        "representatives.",
                        person=membership.accepted_by_id.display_name,
                        org=membership.partner_id.display_name,
                    )
                )

    @api.constrains("state", "withdraw_reason", "date_withdrawn")
    def _check_withdrawal(self):
        for membership in self.filtered(lambda m: m.state == "withdrawn"):
            if not (membership.withdraw_reason or "").strip() or not membership.date_withdrawn:
                raise ValidationError(
                    self.env._(
                        "Give the reason and the date of the withdrawal of %(org)s.",
                        org=membership.partner_id.display_name,
                    )
                )

    # ------------------------------------------------------------ CRUD
    def write(self, vals):
        if "partner_id" in vals:
            # a membership past its draft is the history of one organization: its guidelines were accepted by
            # that organization's representative, its contributions paid by it
            moved = self.filtered(lambda m: m.state != "draft" and m.partner_id.id != vals["partner_id"])
            if moved:
                raise UserError(
                    self.env._(
                        "The membership %(names)s is no longer a draft: it cannot be moved to another organization. "
                        "Create a membership for the other organization instead.",
                        names=", ".join(moved.mapped("display_name")),
                    )
                )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_draft_or_cancelled(self):
        kept = self.filtered(lambda m: m.state not in ("draft", "cancelled"))
        if kept:
            raise UserError(
                self.env._(
                    "Only draft or cancelled memberships can be deleted; %(names)s are kept as the history of "
                    "the forum. End, withdraw or archive them instead.",
                    names=", ".join(kept.mapped("display_name")),
                )
            )

    # ------------------------------------------------------------ actions

    def action_activate(self):
        self._check_state(("draft",), self.env._("Activation"))
        with workflow_write():
            self.write({"state": "active"})
        return True

    def action_accept_current_guidelines(self):
        """Record that the primary representative accepts the current guidelines today."""
        self.ensure_one()
        self._check_state(("draft", "suspended"), self.env._("Accepting the guidelines"))
        current = self.env["hbri.guideline"]._get_current(self.company_id)
        if not current:
            raise UserError(self.env._("There are no current participation guidelines to accept."))
        representative = self.accepted_by_id or self.partner_id.hbri_primary_representative_id
        if not representative:
            raise UserError(
                self.env._(
                    "%(org)s has no primary representative: add one on its Roundtable tab, or choose who "
                    "accepted the guidelines.",
                    org=self.partner_id.display_name,
                )
            )
        self.write(
            {
                "guideline_id": current.id,
                "accepted_by_id": representative.id,
                "date_accepted": fields.Date.context_today(self),
            }
        )
        return True

    def action_suspend(self):
        self._check_state(("active",), self.env._("Suspension"))
        with workflow_write():
            self.write({"state": "suspended"})
        return True

    def action_resume(self):
        self._check_state(("suspended",), self.env._("Resuming"))
        with workflow_write():
            self.write({"state": "active"})
        return True

    def action_end(self):
        self._check_state(IN_FORCE_STATES, self.env._("Ending"))
        today = fields.Date.context_today(self)
        for membership in self:
            vals = {"state": "ended"}
            if not membership.date_end or membership.date_end > today:
                vals["date_end"] = max(today, membership.date_start)
            with workflow_write():
                membership.write(vals)
        return True

    def action_cancel(self):
        self._check_state(("draft",), self.env._("Cancellation"))
        with workflow_write():
            self.write({"state": "cancelled"})
        return True

    def action_draft(self):
        self._check_state(("cancelled",), self.env._("Resetting to draft"))
        with workflow_write():
            self.write({"state": "draft"})
        return True

    def action_open_withdraw_wizard(self):
        self.ensure_one()
        self._check_state(IN_FORCE_STATES, self.env._("Withdrawal"))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Withdraw Membership"),
            "res_model": "hbri.membership.withdraw",
            "view_mode": "form",
            "target": "new",
            "context": {"default_membership_id": self.id},
        }

    def _withdraw(self, reason, date):
        self._check_state(IN_FORCE_STATES, self.env._("Withdrawal"))
        for membership in self:
            vals = {
                "state": "withdrawn",
                "withdraw_reason": reason,
                "date_withdrawn": date,
            }
            if not membership.date_end or membership.date_end > date:
                vals["date_end"] = max(date, membership.date_start)
            with workflow_write():
                membership.write(vals)

    def action_renew(self):
        self.ensure_one()
        self._check_state(IN_FORCE_STATES + ("ended",), self.env._("Renewal"))
        if not self.date_end:
            raise UserError(
                self.env._(
                    "%(name)s is open-ended: there is nothing to renew.",
                    name=self.display_name,
                )
            )
        if self.renewal_ids.filtered(lambda m: m.state != "cancelled"):
            raise UserError(self.env._("%(name)s has already been renewed.", name=self.display_name))
        duration = relativedelta(self.date_end, self.date_start)
        date_start = self.date_end + relativedelta(days=1)
        with workflow_write():
            renewal = self.create(
                {
                    "partner_id": self.partner_id.id,
                    "company_id": self.company_id.id,
                    "user_id": self.user_id.id,
                    "date_start": date_start,
                    "date_end": date_start + duration,
                    "previous_membership_id": self.id,
                }
            )
        # the reminder is answered: the renewal now follows its own way (guidelines, activation)
        self.activity_feedback(
            ["hbri_partnership.mail_activity_type_hbri_membership_renewal"],
            feedback=self.env._("Renewal %(renewal)s created.", renewal=renewal.display_name),
            only_automated=False,
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": renewal.id,
            "view_mode": "form",
        }

    def action_view_contributions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("hbri_partnership.hbri_membership_contribution_action")
        action["domain"] = [("membership_id", "=", self.id)]
        action["context"] = {"default_membership_id": self.id}
        return action

    # ------------------------------------------------------------ scheduled action
    @api.model
    def _get_cron_last_day(self, today):
        """The day of the daily job's last successful run (ir.cron's lastcall, in the job's time zone), so that a
        job that did not run for some days catches them up; a week before ``today`` when it never ran."""
        cron = self.env.ref("hbri_partnership.ir_cron_hbri_membership_update", raise_if_not_found=False)
        lastcall = cron.sudo().lastcall if cron else False
        if not lastcall:
            return today - relativedelta(days=7)
        return min(fields.Date.context_today(self, lastcall), today)

    @api.model
    def _cron_update_memberships(self):
        """Daily: end memberships past their end date, refresh organizations' states, remind renewals."""
        today = fields.Date.context_today(self)
        expired = self.search([("state", "in", IN_FORCE_STATES), ("date_end", "<", today)])
        with workflow_write():
            expired.write({"state": "ended"})  # the organizations' stored states follow through their dependencies
        # a membership activated ahead of its start becomes a seat on its start date: only those depend on
        # today, from the day after the job's last run (the days it did not run are caught up)
        starting = self.search(
            [
                ("state", "in", IN_FORCE_STATES),
                ("date_start", "<=", today),
                ("date_start", ">", self._get_cron_last_day(today)),
            ]
        )
        starting.partner_id._hbri_recompute_membership_state()
        self._schedule_renewal_activities(today)

    def _schedule_renewal_activities(self, today):
        to_remind = self.search(
            [
                ("state", "in", IN_FORCE_STATES),
                ("date_end", ">=", today),
                ("date_end", "<=", today + relativedelta(days=RENEWAL_NOTICE_DAYS)),
                ("renewal_activity_date", "=", False),
                ("renewal_ids", "=", False),
            ]
        )
        if not to_remind or self.env.context.get("mail_activity_automation_skip"):
            return
        activity_type = self.env.ref("hbri_partnership.mail_activity_type_hbri_membership_renewal")
        fallback_user = activity_type.default_user_id or self.env.ref("base.user_admin")
        # The values activity_schedule() gives an activity (automated, so that activity_feedback() and the
        # renewal find it; the type's note), in one create for the batch: activity_schedule() batches only
        # records that share every value, and each summary names its organization in the language of the
        # person who receives it. One query per batch, however many memberships end this month.
        model_id = self.env["ir.model"]._get_id(self._name)
        values = []
        for membership in to_remind:
            user = membership.user_id or fallback_user
            env = self.with_context(lang=user.lang or self.env.lang).env
            values.append(
                {
                    "activity_type_id": activity_type.id,
                    "automated": True,
                    "summary": env._("Renew the membership of %(org)s", org=membership.partner_id.name),
                    "note": activity_type.default_note,
                    "date_deadline": membership.date_end,
                    "res_model_id": model_id,
                    "res_id": membership.id,
                    "user_id": user.id,
                }
            )
        self.env["mail.activity"].create(values)
        with workflow_write():
            to_remind.write({"renewal_activity_date": today})
