# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The roundtable session: its fields, constraints, create/write (facilitators, protected fields, the calendar
file's revision), deletion rules and status workflow (held, closed, reset, reopened, cancelled).

Its other jobs, each an _inherit of hbri.roundtable.session in its own file:
hbri_roundtable_session_naming.py (generated name in every language, quarter, dates in the session's zone),
_host.py (host rule, confirmation, rotation), _invitation.py (inviting the members), _calendar.py (the .ics),
_print.py (sign-in sheet rows, attendance export), _retention.py (destroying notes), _cron.py (reminders),
_mail.py (e-mails the mail server could not take)."""

from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, format_date, format_datetime
from odoo.tools.translate import LazyTranslate

from odoo.addons.base.models.res_partner import _tz_get

from .hbri_lang import hbri_default_lang, hbri_lang_get
from .hbri_workflow_mixin import workflow_write

_lt = LazyTranslate(__name__)

FACILITATOR_GROUP = "hbri_partnership.hbri_partnership_group_facilitator"
MANAGER_GROUP = "hbri_partnership.hbri_partnership_group_manager"
# what the calendar file shows: a change of these bumps its SEQUENCE, calendars then update the entry
CALENDAR_FIELDS = ("name", "date_start", "date_end", "venue_partner_id", "online_url")
# moved only by the buttons, wizards and daily jobs named here (the list with the reasons: docs/security.md)
DESTROY_NOTES = _lt("use Destroy Notes, which records who destroyed how many notes and when")
ACTION_FIELDS = {
    "state": _lt(
        "use the status buttons (Invite Members, Mark as Held, Close, Cancel, and an administrator's Reset or Reopen)"
    ),
    "is_host_confirmed": _lt("use Confirm Host, which records the hosting contribution, or Host Declined"),
    "cancel_reason": _lt("use Cancel, which records the reason and withdraws the hosting contribution"),
    "host_reminder_date": _lt("it is recorded by the daily job that asks the host to confirm"),
    "reminder_sent": _lt("it is recorded by the daily job that sends the reminders"),
    "calendar_sequence": _lt("it follows a change of the session's name, dates or place"),
    "notes_destroyed_date": DESTROY_NOTES,
    "notes_destroyed_by_id": DESTROY_NOTES,
    "notes_destroyed_count": DESTROY_NOTES,
}


class HbriRoundtableSession(models.Model):
    _name = "hbri.roundtable.session"
    _description = "Roundtable Session"
    _inherit = ["mail.thread", "mail.activity.mixin", "hbri.state.mixin", "hbri.workflow.mixin"]
    _order = "date_start desc, id desc"
    _check_company_auto = True
    _hbri_action_fields = ACTION_FIELDS

    def _default_facilitator_user_ids(self):
        return (
            self.env.user if self.env.user.has_group("hbri_partnership.hbri_partnership_group_facilitator") else False
        )

    # translatable: a generated name ("Roundtable 2026-Q3") is stored in every installed language, each reader
    # reads it in theirs (see _sync_name_translations); a typed name is the same in all of them
    name = fields.Char(compute="_compute_name", store=True, readonly=False, tracking=True, translate=True)
    kind = fields.Selection(
        [("roundtable", "Roundtable Session"), ("special", "Special Discussion Session")],
        required=True,
        default="roundtable",
        tracking=True,
    )
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    user_id = fields.Many2one(
        "res.users",
        string="Secretariat Contact",
        default=lambda self: self.env.user,
        domain=[("share", "=", False)],
        tracking=True,
    )
    date_start = fields.Datetime(string="Start", required=True, tracking=True)
    date_end = fields.Datetime(string="End", required=True, tracking=True)
    tz = fields.Selection(
        _tz_get,
        string="Time Zone",
        required=True,
        default="Asia/Jakarta",
        help="Dates of the session are shown, mailed and printed in this time zone.",
    )
    date_display = fields.Char(string="When", compute="_compute_date_display")
    quarter = fields.Char(compute="_compute_quarter", store=True)
    is_additional = fields.Boolean(
        string="Additional Session in Its Quarter",
        copy=False,
        tracking=True,
        help="The roundtable meets once a quarter: a second session of the same kind in a quarter is refused "
        "unless it is confirmed here as an additional one.",
    )
    venue_partner_id = fields.Many2one("res.partner", string="Venue", help="Address of the venue.")
    online_url = fields.Char(string="Online Link")
    host_partner_id = fields.Many2one(
        "res.partner",
        string="Host",
        index="btree_not_null",
        tracking=True,
        domain=[("is_company", "=", True), ("hbri_is_member", "=", True)],
        help="Member organization hosting the session; an active member of a sector that attends the roundtable.",
    )
    is_host_confirmed = fields.Boolean(string="Host Confirmed", copy=False, readonly=True, tracking=True)
    declined_host_ids = fields.Many2many(
        "res.partner",
        "hbri_session_declined_host_rel",
        "session_id",
        "partner_id",
        string="Declined to Host",
        copy=False,
    )
    host_reminder_date = fields.Date(copy=False, readonly=True)
    facilitator_partner_id = fields.Many2one(
        "res.partner",
        string="Facilitator Organization",
        domain=[("is_company", "=", True)],
        tracking=True,
    )
    facilitator_user_ids = fields.Many2many(
        "res.users",
        "hbri_session_facilitator_user_rel",
        "session_id",
        "user_id",
        string="Facilitators",
        default=_default_facilitator_user_ids,
        copy=False,  # naming facilitators is an administrator's decision, also on a duplicate
        domain=lambda self: [("share", "=", False), ("all_group_ids", "in", self.env.ref(FACILITATOR_GROUP).ids)],
        help="They read and write the session's off-the-record notes. Only roundtable administrators add or "
        "remove facilitators; every change is recorded in the session's chatter.",
    )
    language = fields.Selection(hbri_lang_get, required=True, default=hbri_default_lang)
    theme_ids = fields.Many2many("hbri.session.theme", string="Themes")
    agenda = fields.Html(string="Public Agenda", translate=True)
    state = fields.Selection(
        [
            ("planned", "Planned"),
            ("invited", "Invitations Sent"),
            ("held", "Held"),
            ("closed", "Closed"),
            ("cancelled", "Cancelled"),
        ],
        default="planned",
        required=True,
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
        group_expand="_group_expand_state",
    )
    cancel_reason = fields.Text(copy=False, readonly=True, tracking=True)
    is_off_the_record = fields.Boolean(
        string="Off-the-record",
        compute="_compute_is_off_the_record",
        store=True,
        readonly=False,
        help="What is said in the session is not quoted nor attributed outside it.",
    )
    attendee_ids = fields.One2many("hbri.session.attendee", "session_id", string="Attendees")
    contribution_ids = fields.One2many("hbri.membership.contribution", "session_id", string="Hosting Contributions")
    invited_count = fields.Integer(compute="_compute_attendee_counts")
    accepted_count = fields.Integer(compute="_compute_attendee_counts")
    attended_count = fields.Integer(compute="_compute_attendee_counts")
    ineligible_count = fields.Integer(compute="_compute_attendee_counts")
    presentation_ids = fields.One2many("hbri.presentation", "session_id", string="Presentations")
    # off-the-record: the link carries the groups of the notes themselves (facilitators, administrators)
    note_ids = fields.One2many(
        "hbri.session.note",
        "session_id",
        string="Off-the-record Notes",
        groups="hbri_partnership.hbri_partnership_group_facilitator",
        copy=False,
    )
    summary_ids = fields.One2many("hbri.session.summary", "session_id", string="Summaries", copy=False)
    is_facilitator = fields.Boolean(compute="_compute_is_facilitator")
    presentation_count = fields.Integer(compute="_compute_outcome_counts")
    partnership_count = fields.Integer(compute="_compute_outcome_counts")
    toolkit_count = fields.Integer(compute="_compute_outcome_counts")
    reminder_sent = fields.Boolean(copy=False, readonly=True)
    calendar_sequence = fields.Integer(
        copy=False,
        readonly=True,
        help="Revision of the session's calendar file: raised when its dates, place or name change.",
    )
    notes_destroyed_date = fields.Datetime(string="Notes Destroyed on", copy=False, readonly=True)
    notes_destroyed_by_id = fields.Many2one("res.users", string="Notes Destroyed by", copy=False, readonly=True)
    notes_destroyed_count = fields.Integer(string="Notes Destroyed", copy=False, readonly=True)
    notes_destroyed_trace = fields.Char(string="Notes Retention", compute="_compute_notes_destroyed_trace")
    has_released_summary = fields.Boolean(compute="_compute_has_released_summary")
    document_ids = fields.Many2many(
        "ir.attachment",
        "hbri_session_document_rel",
        "session_id",
        "attachment_id",
        string="Documents",
        help="Public documents of the session: agenda, slides the presenters agreed to share.",
    )

    _date_check = models.Constraint(
        "CHECK (date_start < date_end)", "A session must end after it starts: correct its end."
    )

    def _group_expand_state(self, states, domain):
        # the kanban's columns in the order of the year: planned first, cancelled last
        return [key for key, _label in self._fields["state"].selection]

    # ------------------------------------------------------------ computes
    @api.depends("kind")
    def _compute_is_off_the_record(self):
        for session in self:
            session.is_off_the_record = session.kind == "roundtable"

    @api.depends("attendee_ids.state", "attendee_ids.eligibility_code", "attendee_ids.role")
    def _compute_attendee_counts(self):
        # the organizations' people: the secretariat and facilitators at the table are not counted
        data = self.env["hbri.session.attendee"]._read_group(
            [("session_id", "in", self.ids), ("role", "in", ("member", "presenter", "guest"))],
            ["session_id", "state"],
            ["__count", "eligibility_code:count"],
        )
        counts = {}
        issues = {}
        for session, state, count, issue_count in data:
            counts.setdefault(session, {})[state] = count
            issues[session] = issues.get(session, 0) + issue_count
        for session in self:
            by_state = counts.get(session, {})
            session.invited_count = sum(by_state.values())
            session.accepted_count = by_state.get("accepted", 0) + by_state.get("attended", 0)
            session.attended_count = by_state.get("attended", 0)
            session.ineligible_count = issues.get(session, 0)

    @api.depends_context("uid")
    @api.depends("facilitator_user_ids")
    def _compute_is_facilitator(self):
        is_manager = self.env.user.has_group("hbri_partnership.hbri_partnership_group_manager")
        for session in self:
            session.is_facilitator = is_manager or self.env.user in session.facilitator_user_ids

    def _compute_outcome_counts(self):
        counts = {}
        for model, field in (
            ("hbri.presentation", "session_id"),
            ("hbri.partnership", "origin_session_id"),
            ("hbri.toolkit", "origin_session_id"),
        ):
            counts[model] = dict(self.env[model]._read_group([(field, "in", self.ids)], [field], ["__count"]))
        for session in self:
            session.presentation_count = counts["hbri.presentation"].get(session, 0)
            session.partnership_count = counts["hbri.partnership"].get(session, 0)
            session.toolkit_count = counts["hbri.toolkit"].get(session, 0)

    def _action_related(self, xmlid, field):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["domain"] = [(field, "=", self.id)]
        action["context"] = {f"default_{field}": self.id}
        return action

    def action_view_presentations(self):
        return self._action_related("hbri_partnership.hbri_presentation_action", "session_id")

    def action_view_partnerships(self):
        return self._action_related("hbri_partnership.hbri_partnership_action", "origin_session_id")

    def action_view_notes(self):
        """The session's notes in their own list and form: written there, never through the session's form (a
        facilitator does not write the session itself)."""
        return self._action_related("hbri_partnership.hbri_session_note_action", "session_id")

    def action_view_summaries(self):
        return self._action_related("hbri_partnership.hbri_session_summary_action", "session_id")

    def action_view_toolkits(self):
        return self._action_related("hbri_partnership.hbri_toolkit_action", "origin_session_id")

    @api.depends("summary_ids.state")
    def _compute_has_released_summary(self):
        # sudo: whether a summary is released is public (released summaries are readable by staff)
        released = (
            self.env["hbri.session.summary"]
            .sudo()
            .search([("session_id", "in", self.ids), ("state", "=", "released")])
            .session_id
        )
        for session in self:
            session.has_released_summary = session._origin in released

    @api.depends("notes_destroyed_date", "notes_destroyed_by_id", "notes_destroyed_count")
    @api.depends_context("lang", "tz")
    def _compute_notes_destroyed_trace(self):
        for session in self:
            if not session.notes_destroyed_date:
                session.notes_destroyed_trace = False
                continue
            session.notes_destroyed_trace = self.env._(
                "Notes destroyed on %(date)s by %(user)s, %(count)s notes.",
                date=format_datetime(self.env, session.notes_destroyed_date, dt_format="d MMMM y HH:mm"),
                user=session.notes_destroyed_by_id.name or "",
                count=session.notes_destroyed_count,
            )

    # ------------------------------------------------------------ constraints
    @api.constrains("state", "cancel_reason")
    def _check_cancel_reason(self):
        for session in self.filtered(lambda s: s.state == "cancelled"):
            if not (session.cancel_reason or "").strip():
                raise ValidationError(self.env._("Give the reason why %(session)s is cancelled.", session=session.name))

    @api.constrains("facilitator_user_ids")
    def _check_facilitator_user_ids(self):
        for session in self:
            wrong = session.facilitator_user_ids.filtered(lambda u: u.share or not u.has_group(FACILITATOR_GROUP))
            if wrong:
                raise ValidationError(
                    self.env._(
                        "%(users)s cannot facilitate %(session)s: facilitators are internal users with the "
                        "Roundtable Facilitator access. An administrator gives that access first.",
                        users=", ".join(wrong.mapped("name")),
                        session=session.name,
                    )
                )

    @api.constrains("kind", "date_start", "tz", "state", "active", "company_id", "is_additional")
    def _check_one_per_quarter(self):
        """One session of a kind per quarter and company; more only when confirmed as additional sessions (cancelled
        and archived sessions aside)."""
        regular = self.filtered(lambda s: s.active and s.state != "cancelled" and not s.is_additional and s.quarter)
        if not regular:
            return
        # sudo: sessions of other companies stay out by the domain; the user may not read each one of the company
        others = self.sudo().search(
            [
                ("quarter", "in", list(set(regular.mapped("quarter")))),
                ("kind", "in", list(set(regular.mapped("kind")))),
                ("company_id", "in", regular.company_id.ids),
                ("state", "!=", "cancelled"),
                ("is_additional", "=", False),
            ]
        )
        for session in regular:
            twins = others.filtered(
                lambda o, s=session: (
                    o.id != s.id and (o.quarter, o.kind, o.company_id) == (s.quarter, s.kind, s.company_id)
                )
            )
            if twins:
                raise ValidationError(
                    self.env._(
                        "%(quarter)s already has %(others)s: the roundtable meets once a quarter. Choose a date in "
                        "another quarter, or tick Additional Session in Its Quarter to confirm a second one.",
                        quarter=session.quarter,
                        others=", ".join(twins.mapped("name")),
                    )
                )

    @api.constrains("state", "date_start", "tz")
    def _check_held_date(self):
        for session in self.filtered(lambda s: s.state in ("held", "closed")):
            if session._local_date(session.date_start) > session._local_today():
                raise ValidationError(
                    self.env._(
                        "%(session)s starts on %(date)s: a session is marked as held on or after its day, not "
                        "before. Correct its date if it already took place.",
                        session=session.name,
                        date=format_date(self.env, session._local_date(session.date_start)),
                    )
                )

    @api.onchange("date_start")
    def _onchange_date_start(self):
        """Keep the session's length when its start moves; warn when its quarter already has a session."""
        if not self.date_start:
            return None
        origin = self._origin
        if origin.date_start and origin.date_end and origin.date_end > origin.date_start:
            self.date_end = self.date_start + (origin.date_end - origin.date_start)
        elif not self.date_end or self.date_end <= self.date_start:
            self.date_end = self.date_start + timedelta(hours=3)
        others = self._get_same_quarter_sessions()
        if others and not self.is_additional:
            return {
                "warning": {
                    "title": self.env._("This quarter already has a session"),
                    "message": self.env._(
                        "%(quarter)s already has %(others)s. Keep this date only for an additional session: tick "
                        "Additional Session in Its Quarter to confirm it.",
                        quarter=self.quarter,
                        others=", ".join(others.mapped("name")),
                    ),
                }
            }
        return None

    @api.onchange("date_end")
    def _onchange_date_end(self):
        if self.date_start and self.date_end and self.date_end <= self.date_start:
            return {
                "warning": {
                    "title": self.env._("The end is before the start"),
                    "message": self.env._(
                        "A session ends after it starts: correct its end (the start stays as it is)."
                    ),
                }
            }
        return None

    def _get_same_quarter_sessions(self):
        """Other sessions of the same kind in this session's quarter (cancelled ones aside)."""
        self.ensure_one()
        if not self.quarter:
            return self.browse()
        return self.search(
            [
                ("id", "!=", self._origin.id or 0),
                ("kind", "=", self.kind),
                ("quarter", "=", self.quarter),
                ("state", "!=", "cancelled"),
            ]
        )

    # ------------------------------------------------------------ CRUD
    @api.model_create_multi
    def create(self, vals_list):
        # the fields only actions move are refused by hbri.workflow.mixin's create, reached through super()
        sessions = super().create(vals_list)
        for session in sessions:
            facilitators = session.facilitator_user_ids
            # a facilitator creating a session is its facilitator by default; naming others is an administrator's
            if facilitators - self.env.user and not self.env.su and not self.env.user.has_group(MANAGER_GROUP):
                raise UserError(self.env._("Only roundtable administrators choose the facilitators of a session."))
            if facilitators:
                session._log_facilitator_changes(facilitators, self.env["res.users"])
        sessions._sync_name_translations()
        return sessions

    def write(self, vals):
        self._hbri_check_action_fields_write(vals)
        if "facilitator_user_ids" in vals:
            before = {session: session.facilitator_user_ids for session in self}
        if "company_id" in vals:
            self._check_company_kept(vals["company_id"])
        calendar_before = {}
        if set(CALENDAR_FIELDS) & set(vals):
            calendar_before = {session: session._get_calendar_key() for session in self}
        if vals.get("state") in ("planned", "invited", "held"):
            self._check_state_backwards(vals["state"])
        res = super().write(vals)
        calendar_changed = self.browse(
            [session.id for session, key in calendar_before.items() if session._get_calendar_key() != key]
        )
        if "facilitator_user_ids" in vals:
            for session, old in before.items():
                added, removed = session.facilitator_user_ids - old, old - session.facilitator_user_ids
                if (added or removed) and not self.env.su and not self.env.user.has_group(MANAGER_GROUP):
                    raise UserError(
                        self.env._("Only roundtable administrators add or remove the facilitators of a session.")
                    )
                if added or removed:
                    session._log_facilitator_changes(added, removed)
        if calendar_changed:
            # plain SQL: one statement, and not a field a client could write (refused above)
            self.env.cr.execute(
                SQL(
                    "UPDATE hbri_roundtable_session SET calendar_sequence = COALESCE(calendar_sequence, 0) + 1 "
                    "WHERE id IN %s",
                    tuple(calendar_changed.ids),
                )
            )
            calendar_changed.invalidate_recordset(["calendar_sequence"])
        if {"name", "kind", "date_start", "tz"} & set(vals):
            self._sync_name_translations(typed="name" in vals)
        return res

    def _check_company_kept(self, company_id):
        """The company scopes who reads a session's notes, summary and registrations (multi-company rules): a
        session holding any of them stays in its company, whoever writes."""
        moved = self.filtered(lambda s: s.company_id.id != company_id)
        if not moved:
            return
        # sudo: the notes and drafts may be outside the user's view; only counted
        held = [
            self.env[model]
            .sudo()
            .with_context(active_test=False)
            .search_count([("session_id", "in", moved.ids)], limit=1)
            for model in ("hbri.session.note", "hbri.session.summary", "hbri.session.attendee", "hbri.case.study")
        ]
        if any(held):
            raise UserError(
                self.env._(
                    "%(session)s holds notes, a summary, registrations or case studies of its company: it stays in "
                    "that company. Plan the session again in the other company instead.",
                    session=moved[0].name,
                )
            )

    def _get_calendar_key(self):
        return tuple(self[name] for name in CALENDAR_FIELDS)

    def _log_facilitator_changes(self, added, removed):
        """Who added or removed which facilitator, on the session's chatter (the message's date says when)."""
        self.ensure_one()
        parts = []
        if added:
            parts.append(
                self.env._(
                    "%(user)s added the facilitator(s) %(names)s.",
                    user=self.env.user.name,
                    names=", ".join(added.mapped("name")),
                )
            )
        if removed:
            parts.append(
                self.env._(
                    "%(user)s removed the facilitator(s) %(names)s.",
                    user=self.env.user.name,
                    names=", ".join(removed.mapped("name")),
                )
            )
        # sudo: the trace is posted whoever changed the facilitators, as a note (no follower is e-mailed)
        self.sudo().message_post(
            body=" ".join(parts),
            message_type="notification",
            subtype_xmlid="mail.mt_note",
            author_id=self.env.user.partner_id.id,
        )

    def _check_state_backwards(self, state):
        """Going back in the workflow (a held session reset, a cancelled one restored, a closed one reopened) is an
        administrator's correction, whatever path writes the state."""
        order = ["planned", "invited", "held", "closed"]
        backwards = self.filtered(
            lambda s: s.state == "cancelled" or (s.state in order and order.index(s.state) > order.index(state))
        )
        if (
            backwards
            and not self.env.su
            and not self.env.user.has_group("hbri_partnership.hbri_partnership_group_manager")
        ):
            raise UserError(
                self.env._(
                    "Only a Roundtable administrator can take %(session)s back to an earlier status.",
                    session=backwards[0].name,
                )
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_invited(self):
        for session in self.filtered(lambda s: s.state not in ("planned", "cancelled")):
            if session.state == "invited":
                message = self.env._(
                    "%(session)s is kept: its invitations were sent. Cancel it (the members are told) or archive it.",
                    session=session.name,
                )
            else:
                message = self.env._(
                    "%(session)s is kept: it took place. Archive it to hide it; a Roundtable administrator can "
                    "reset it to planned if it was marked as held by mistake.",
                    session=session.name,
                )
            raise UserError(message)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_notes(self):
        # sudo: the secretariat cannot read the notes, it must still not delete them with the session
        counts = {
            "notes": self.env["hbri.session.note"].sudo().search_count([("session_id", "in", self.ids)]),
            "summaries": self.env["hbri.session.summary"].sudo().search_count([("session_id", "in", self.ids)]),
        }
        if counts["notes"] or counts["summaries"]:
            raise UserError(
                self.env._(
                    "This session holds off-the-record notes or a summary: it is not deleted with them. Cancel or "
                    "archive it instead; an administrator can destroy its notes once the summary is released."
                )
            )

    # ------------------------------------------------------------ actions

    def action_mark_held(self):
        self._check_state(("planned", "invited"), self.env._("Marking as held"))
        with workflow_write():
            self.state = "held"
        return True

    def action_reset_to_planned(self):
        """An administrator's way back: a session marked as held or cancelled by mistake is open again."""
        self._check_state(("held", "cancelled"), self.env._("Resetting"))
        for session in self:
            state = "invited" if session.attendee_ids.filtered("invitation_sent") else "planned"
            with workflow_write():
                session.write({"state": state, "cancel_reason": False})
            session.message_post(body=self.env._("Reset by %(user)s.", user=self.env.user.name))
        return True

    def action_reopen(self):
        """An administrator's way back from a closed session to a held one."""
        self._check_state(("closed",), self.env._("Reopening"))
        with workflow_write():
            self.state = "held"
        return True

    def action_mark_accepted_attended(self):
        """After the session: everyone who accepted attended; corrections are made per attendee."""
        self._check_state(("held",), self.env._("Marking attendance"))
        attendees = self.attendee_ids
        attendees.filtered(lambda a: a.state == "accepted").write({"state": "attended"})
        attendees.filtered(lambda a: a.state == "invited").write({"state": "absent"})
        return True

    def action_close(self):
        self._check_state(("held",), self.env._("Closing"))
        with workflow_write():
            self.state = "closed"
        return True

    def action_cancel(self):
        self.ensure_one()
        self._check_state(("planned", "invited"), self.env._("Cancellation"))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Cancel Session"),
            "res_model": "hbri.session.cancel",
            "view_mode": "form",
            "target": "new",
            "context": {"default_session_id": self.id},
        }

    def action_view_attendees(self):
        return self._action_related("hbri_partnership.hbri_session_attendee_action", "session_id")
