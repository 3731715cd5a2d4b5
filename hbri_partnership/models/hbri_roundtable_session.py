# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re
from contextvars import ContextVar
from datetime import datetime, timedelta

import pytz
import vobject
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain
from odoo.tools import SQL, format_date, format_datetime

from odoo.addons.base.models.res_partner import _tz_get

from .hbri_lang import hbri_default_lang, hbri_lang_get

FACILITATOR_GROUP = "hbri_partnership.hbri_partnership_group_facilitator"
MANAGER_GROUP = "hbri_partnership.hbri_partnership_group_manager"
# what the calendar file shows: a change of these bumps its SEQUENCE, calendars then update the entry
CALENDAR_FIELDS = ("name", "date_start", "date_end", "venue_partner_id", "online_url")

# set while _sync_name_translations writes the name's translations (Odoo writes the field again after them)
_syncing_names = ContextVar("hbri_syncing_session_names", default=False)

HOST_NOTICE_DAYS = 60
REMINDER_DAYS = 3


class HbriRoundtableSession(models.Model):
    _name = "hbri.roundtable.session"
    _description = "Roundtable Session"
    _inherit = ["mail.thread", "mail.activity.mixin", "hbri.state.mixin"]
    _order = "date_start desc, id desc"
    _check_company_auto = True

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
    is_host_confirmed = fields.Boolean(string="Host Confirmed", copy=False, tracking=True)
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
        copy=False,
        index=True,
        tracking=True,
        group_expand="_group_expand_state",
    )
    cancel_reason = fields.Text(copy=False, tracking=True)
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
    @api.depends("kind", "date_start", "tz")
    def _compute_name(self):
        for session in self:
            # a name the user typed is kept, even typed before the date; a generated one follows the date
            if session.date_start and (
                not session.name
                or session.name == session._generated_name(session._origin)
                or session._is_generated_name(session.name)
            ):
                session.name = session._generated_name(session)

    @api.model
    def _is_generated_name(self, name):
        labels = {"Roundtable", "Special Discussion"}
        for lang in self._name_langs():
            translate = self.with_context(lang=lang).env._
            labels |= {translate("Roundtable"), translate("Special Discussion")}
        return any(re.fullmatch(rf"{re.escape(label)} \d{{4}}-Q[1-4]", name or "") for label in labels)

    @api.model
    def _name_langs(self):
        return [code for code, _name in self.env["res.lang"].get_installed()] + ["en_US"]

    def _sync_name_translations(self, typed=False):
        """A generated name in every installed language, in its own words (the label the reader's language
        gives it); a name typed by the user (``typed``: it was just written) the same in all of them, as the
        user wrote it in theirs only. A translation made in the translation dialog is left alone otherwise."""
        if _syncing_names.get():
            return
        langs = dict.fromkeys(self._name_langs())
        token = _syncing_names.set(True)
        try:
            for session in self.sudo():  # the caller wrote the session: the values come from the server
                name = session.name
                if not name:
                    continue
                if session._is_generated_name(name):
                    translations = {lang: self.with_context(lang=lang)._generated_name(session) for lang in langs}
                elif typed:
                    translations = dict.fromkeys(langs, name)
                else:
                    continue
                session.update_field_translations("name", translations)
        finally:
            _syncing_names.reset(token)

    @api.model
    def _generated_name(self, session):
        if not session.date_start:
            return False
        local = pytz.utc.localize(session.date_start).astimezone(pytz.timezone(session.tz or "UTC"))
        label = self.env._("Roundtable") if session.kind == "roundtable" else self.env._("Special Discussion")
        return f"{label} {local.year}-Q{(local.month - 1) // 3 + 1}"

    @api.depends("date_start", "tz")
    def _compute_quarter(self):
        for session in self:
            if session.date_start:
                local = pytz.utc.localize(session.date_start).astimezone(pytz.timezone(session.tz or "UTC"))
                session.quarter = f"{local.year}-Q{(local.month - 1) // 3 + 1}"
            else:
                session.quarter = False

    @api.depends("date_start", "date_end", "tz")
    @api.depends_context("lang")
    def _compute_date_display(self):
        for session in self:
            # in the reader's language (mails, portal and printed documents use the session's)
            session.date_display = session._format_when(self.env.lang)

    def _format_when(self, lang_code=None):
        """The session's dates in its own time zone, the zone named, in the given (or the user's) language:
        'Tuesday 8 September 2026 09:00 – 12:00 WIB'."""
        self.ensure_one()
        if not self.date_start or not self.date_end:
            return False
        lang_code = self._get_mail_lang(lang_code)
        tz = pytz.timezone(self.tz or "UTC")
        local_start = pytz.utc.localize(self.date_start).astimezone(tz)
        local_end = pytz.utc.localize(self.date_end).astimezone(tz)
        start = format_datetime(
            self.env, self.date_start, tz=self.tz, dt_format="EEEE d MMMM y HH:mm", lang_code=lang_code
        )
        end_format = "HH:mm" if local_start.date() == local_end.date() else "EEEE d MMMM y HH:mm"
        end = format_datetime(self.env, self.date_end, tz=self.tz, dt_format=end_format, lang_code=lang_code)
        return f"{start} – {end} {local_start.tzname()}"

    def _get_mail_lang(self, lang_code=None):
        """The session's language when it is installed, else the user's (or the given one when installed)."""
        code = lang_code or (self.language if self else None)
        return (code and self.env["res.lang"]._get_code(code)) or self.env.lang or "en_US"

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
    @api.constrains("host_partner_id", "date_start", "state")
    def _check_host_partner_id(self):
        for session in self.filtered(lambda s: s.host_partner_id and s.state != "cancelled"):
            issue = session.host_partner_id._hbri_member_issue(session.date_start.date(), session.company_id)
            if issue:
                raise ValidationError(
                    self.env._(
                        "%(org)s cannot host %(session)s: %(issue)s",
                        org=session.host_partner_id.name,
                        session=session.name,
                        issue=issue,
                    )
                )

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

    def _local_date(self, value):
        """The day of a UTC datetime in the session's time zone."""
        self.ensure_one()
        return pytz.utc.localize(value).astimezone(pytz.timezone(self.tz or "UTC")).date()

    def _local_today(self):
        self.ensure_one()
        return self._local_date(fields.Datetime.now())

    # ------------------------------------------------------------ CRUD
    @api.model_create_multi
    def create(self, vals_list):
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
        if "facilitator_user_ids" in vals:
            before = {session: session.facilitator_user_ids for session in self}
        if not self.env.su:
            if "calendar_sequence" in vals:
                raise UserError(self.env._("The revision of the calendar file is kept by the system."))
            if {"notes_destroyed_date", "notes_destroyed_by_id", "notes_destroyed_count"} & set(vals):
                raise UserError(
                    self.env._("The record of destroyed notes is written only by the action Destroy Notes.")
                )
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

    def action_confirm_host(self):
        """The host agreed: record the hosting as the member's contribution."""
        self._check_state(("planned", "invited"), self.env._("Confirming the host"))
        for session in self:
            if not session.host_partner_id:
                raise UserError(self.env._("Choose the host of %(session)s first.", session=session.name))
            membership = session.host_partner_id._hbri_membership_on(session.date_start.date(), session.company_id)
            session.is_host_confirmed = True
            self.env["hbri.membership.contribution"].create(
                {
                    "membership_id": membership.id,
                    "kind": "hosting",
                    "date": session.date_start.date(),
                    "description": self.env._("Hosting %(session)s", session=session.name),
                    "session_id": session.id,
                }
            )
            session.activity_unlink(["hbri_partnership.mail_activity_type_hbri_session_host"])
        return True

    def action_host_declined(self):
        """The proposed host declined: remember it and propose the next member in the rotation."""
        self.ensure_one()
        self._check_state(("planned",), self.env._("Recording a declined host"))
        if not self.host_partner_id:
            return True
        self.contribution_ids.unlink()
        self.write({"declined_host_ids": [(4, self.host_partner_id.id)], "is_host_confirmed": False})
        proposal = self._get_host_proposals(exclude=self.declined_host_ids)
        self.host_partner_id = proposal.get(self.id, False)
        return True

    def _get_host_proposals(self, exclude=None):
        """Propose a host for each of these sessions, by rotation among the members seated on its date (in its
        company): the member that hosted least recently first, never the host of the session just before,
        skipping members that decline hosting or declined this session. Returns {session id: res.partner}.

        Queries do not grow with the sessions already held nor with the sessions proposed for: each host's
        latest hosting is one grouped read, the candidates and their memberships one search and one read."""
        Partner = self.env["res.partner"]
        Membership = self.env["hbri.membership"]
        sessions = self.sorted("date_start")
        if not sessions:
            return {}
        exclude = exclude or Partner
        hosted_before = [
            ("host_partner_id", "!=", False),
            ("state", "!=", "cancelled"),
            ("id", "not in", sessions.ids),
            ("date_start", "<", sessions[0].date_start),
        ]
        last_hosted = dict(self._read_group(hosted_before, ["host_partner_id"], ["date_start:max"]))
        previous_host = self.search(hosted_before, order="date_start desc, id desc", limit=1).host_partner_id
        seated_by_session = {
            session: Membership._get_seated_on_domain(session.date_start.date())
            & Domain("company_id", "=", session.company_id.id)
            for session in sessions
        }
        candidates = Partner.search(
            [
                ("is_company", "=", True),
                *self.env["hbri.sector"]._get_open_partner_domain(),
                ("hbri_declines_hosting", "=", False),
                ("id", "not in", exclude.ids),
                ("hbri_membership_ids", "any", Domain.OR(seated_by_session.values())),
            ]
        )
        candidates.hbri_membership_ids.fetch(["partner_id", "company_id", "state", "date_start", "date_end"])
        proposals = {}
        for session in sessions:
            seated = seated_by_session[session]
            eligible = candidates.filtered(lambda p, seated=seated: p.hbri_membership_ids.filtered_domain(seated))
            eligible -= session.declined_host_ids | previous_host
            if not eligible:
                proposals[session.id] = Partner
                previous_host = Partner
                continue
            host = min(eligible, key=lambda p: (last_hosted.get(p, datetime.min), p.name, p.id))
            proposals[session.id] = host
            last_hosted[host] = session.date_start
            previous_host = host
        return proposals

    def action_invite_members(self):
        """Invite the members, or first ask when the invitation would lack what members need to come."""
        self.ensure_one()
        self._check_state(("planned", "invited"), self.env._("Inviting members"))
        issues = self._get_invitation_issues()
        if issues:
            return {
                "type": "ir.actions.act_window",
                "name": self.env._("Send the Invitations Anyway?"),
                "res_model": "hbri.session.invite",
                "view_mode": "form",
                "target": "new",
                "context": {"default_session_id": self.id},
            }
        return self._invite_members()

    def _get_invitation_issues(self):
        """What an invitation of this session would lack (a list of messages, empty when complete)."""
        self.ensure_one()
        issues = []
        if not self.venue_partner_id and not self.online_url:
            issues.append(self.env._("It has neither a venue nor an online link: members would not know where to go."))
        if not self.host_partner_id:
            issues.append(self.env._("It has no host."))
        elif not self.is_host_confirmed:
            issues.append(
                self.env._("%(host)s has not confirmed hosting it yet.", host=self.host_partner_id.display_name)
            )
        return issues

    def _invite_members(self, send_anyway=False):
        """Add the active representatives of every eligible active member and e-mail each an invitation.

        Refused when the invitation is incomplete (see _get_invitation_issues) unless the user chose to send it
        anyway. Returns a notification saying how many were invited, also written in the chatter."""
        self._check_state(("planned", "invited"), self.env._("Inviting members"))
        for session in self:
            issues = session._get_invitation_issues()
            if issues and not send_anyway:
                raise UserError(
                    self.env._(
                        "The invitations of %(session)s were not sent. %(issues)s Complete the session, or send them "
                        "anyway.",
                        session=session.name,
                        issues=" ".join(issues),
                    )
                )
        self._lock_invitations()
        for session in self:
            session._add_member_representatives()
        to_send = self.attendee_ids.filtered(lambda a: a.state == "invited" and not a.invitation_sent)
        to_send._send_invitations()
        self.filtered(lambda s: s.state == "planned").state = "invited"
        for session in self:
            sent = to_send.filtered(lambda a, s=session: a.session_id == s)
            session.message_post(body=session._invitation_result_message(sent))
        if len(self) == 1:
            message = self._invitation_result_message(to_send)
        else:
            message = self.env._("%(count)s invitation(s) sent.", count=len(to_send))
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success" if to_send else "warning",
                "message": message,
                "sticky": False,
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def _invitation_result_message(self, sent):
        if not sent:
            return self.env._("No new invitation: every eligible representative was already invited.")
        organizations = sent.organization_id
        names = ", ".join(organizations[:10].mapped("name"))
        if len(organizations) > 10:
            names = self.env._("%(names)s and %(count)s more", names=names, count=len(organizations) - 10)
        without_email = sent.filtered(lambda a: not a.email)
        message = self.env._(
            "%(count)s invitation(s) sent to the representatives of %(org_count)s organization(s): %(names)s.",
            count=len(sent) - len(without_email),
            org_count=len(organizations),
            names=names,
        )
        if without_email:
            message += " " + self.env._(
                "Without an e-mail address, not sent: %(people)s.",
                people=", ".join(without_email.partner_id.mapped("name")),
            )
        return message

    def _lock_invitations(self):
        """One invitation round per session at a time, also across workers and machines.

        Two secretariat users inviting the same session at once would both add the members not invited yet, and
        the second insert would fail on the unique (session, person) index with an error shown to the user: Odoo
        does not retry unique violations. Updating the sessions' rows first (a write that changes nothing) makes
        the second request wait for the first one's commit and then fail with a serialization error, which Odoo
        retries: the retry sees the attendees of the first round and invites nobody twice.
        """
        if self.ids:
            self.env.cr.execute(
                SQL("UPDATE hbri_roundtable_session SET write_date = write_date WHERE id IN %s", tuple(self.ids))
            )

    def _add_member_representatives(self):
        self.ensure_one()
        day = self.date_start.date()
        members = self.env["res.partner"].search(
            [
                ("is_company", "=", True),
                *self.env["hbri.sector"]._get_open_partner_domain(),
                (
                    "hbri_membership_ids",
                    "any",
                    [
                        *self.env["hbri.membership"]._get_seated_on_domain(day),
                        ("company_id", "=", self.company_id.id),
                    ],
                ),
            ]
        )
        representatives = self.env["res.partner"].search(
            [
                ("parent_id", "in", members.ids),
                ("hbri_representative_role", "!=", False),
                ("hbri_representative_active", "=", True),
                ("id", "not in", self.attendee_ids.partner_id.ids),
            ]
        )
        self.env["hbri.session.attendee"].create(
            [{"session_id": self.id, "partner_id": rep.id, "role": "member"} for rep in representatives]
        )

    def action_mark_held(self):
        self._check_state(("planned", "invited"), self.env._("Marking as held"))
        self.state = "held"
        return True

    def action_reset_to_planned(self):
        """An administrator's way back: a session marked as held or cancelled by mistake is open again."""
        self._check_state(("held", "cancelled"), self.env._("Resetting"))
        for session in self:
            state = "invited" if session.attendee_ids.filtered("invitation_sent") else "planned"
            session.write({"state": state, "cancel_reason": False})
            session.message_post(body=self.env._("Reset by %(user)s.", user=self.env.user.name))
        return True

    def action_reopen(self):
        """An administrator's way back from a closed session to a held one."""
        self._check_state(("closed",), self.env._("Reopening"))
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

    def action_destroy_notes(self):
        """Retention: delete (not archive) the raw notes and attributions of closed sessions whose summary is
        released; the session keeps the trace "notes destroyed on <date> by <user>, <n> notes"."""
        if not self.env.su and not self.env.user.has_group(MANAGER_GROUP):
            raise UserError(self.env._("Only roundtable administrators destroy off-the-record notes."))
        for session in self:
            if session.state != "closed" or not session.has_released_summary:
                raise UserError(
                    self.env._(
                        "The notes of %(session)s are kept until it is closed and its summary released.",
                        session=session.name,
                    )
                )
        self._destroy_notes()
        return True

    def _destroy_notes(self):
        for session in self:
            # sudo: checked by the caller (administrator, or the daily retention job)
            notes = self.env["hbri.session.note"].sudo().search([("session_id", "=", session.id)])
            count = len(notes)
            notes.attribution_ids.unlink()
            notes.unlink()
            # sudo: the trace fields are written by this action only (refused in write() for everyone else)
            session.sudo().write(
                {
                    "notes_destroyed_date": fields.Datetime.now(),
                    "notes_destroyed_by_id": self.env.uid,
                    "notes_destroyed_count": session.notes_destroyed_count + count,
                }
            )
            session.sudo().message_post(
                body=session.with_context(lang=session._get_mail_lang()).notes_destroyed_trace,
                message_type="notification",
                subtype_xmlid="mail.mt_note",
            )

    @api.model
    def _cron_destroy_notes(self):
        """Daily retention job: off unless the system parameter hbri_partnership.notes_retention_days is a
        positive number of days; then the notes of closed sessions whose summary was released that many days
        ago are destroyed."""
        try:
            days = int(self.env["ir.config_parameter"].sudo().get_param("hbri_partnership.notes_retention_days") or 0)
        except ValueError:
            days = 0
        if days <= 0:
            return
        limit = fields.Datetime.now() - timedelta(days=days)
        summaries = (
            self.env["hbri.session.summary"]
            .sudo()
            .search([("state", "=", "released"), ("date_released", "<=", limit), ("session_id.state", "=", "closed")])
        )
        sessions = summaries.session_id.filtered(
            lambda s: self.env["hbri.session.note"].sudo().search_count([("session_id", "=", s.id)], limit=1)
        )
        sessions.sudo()._destroy_notes()

    # ------------------------------------------------------------ printed documents
    def _get_sign_in_attendees(self):
        """Attendees of the sign-in sheet: the people expected (those who declined aside), by organization, then
        name (people without an organization last).

        Names and organizations are read for all attendees in one query each (prefetch), never one per row.
        """
        self.ensure_one()
        attendees = self.attendee_ids.filtered(lambda a: a.state != "declined")
        attendees.partner_id.mapped("name")
        attendees.organization_id.mapped("name")

        def sort_key(attendee):
            organization = attendee.organization_id
            org_name = organization.name if organization and organization != attendee.partner_id else ""
            return (not org_name, org_name.casefold(), (attendee.partner_id.name or "").casefold(), attendee.id)

        return attendees.sorted(sort_key)

    def action_export_attendance(self):
        """Attendance matrix (XLSX) of these sessions: organizations in rows, sessions in columns."""
        if not self:
            raise UserError(self.env._("Select the sessions whose attendance you want to export."))
        return self.env["hbri.xlsx.export"]._action_download("attendance", self)

    # ------------------------------------------------------------ calendar
    def _get_ics_uid(self):
        """The same UID in every calendar file of the session (e-mail, portal, any day): calendars update the
        entry instead of adding a second one."""
        self.ensure_one()
        # sudo: the database UUID identifies the database in the UID, it is not a secret
        uuid = self.env["ir.config_parameter"].sudo().get_param("database.uuid")
        return f"hbri-session-{self.id}@{uuid}"

    def _get_ics_location(self):
        self.ensure_one()
        parts = []
        if self.venue_partner_id:
            address = self.venue_partner_id._display_address(without_company=False) or ""
            parts += [self.venue_partner_id.name or ""] + address.split("\n")
        if self.online_url:
            parts.append(self.online_url)
        seen = []
        for part in (p.strip(" ,") for p in parts):
            if part and part not in seen:
                seen.append(part)
        return ", ".join(seen)

    def _get_ics_content(self):
        """The session's calendar file (text/calendar, UTF-8 bytes), built here: no calendar.event, no
        attachment, nothing written. Its SEQUENCE is raised when the dates, place or name change."""
        self.ensure_one()
        calendar = vobject.iCalendar()
        calendar.add("prodid").value = "-//HBRI Partnership//Roundtable//EN"
        calendar.add("method").value = "PUBLISH"
        event = calendar.add("vevent")
        event.add("uid").value = self._get_ics_uid()
        event.add("sequence").value = str(self.calendar_sequence or 0)
        event.add("dtstamp").value = fields.Datetime.now().replace(tzinfo=pytz.utc)
        event.add("dtstart").value = self.date_start.replace(tzinfo=pytz.utc)
        event.add("dtend").value = self.date_end.replace(tzinfo=pytz.utc)
        event.add("summary").value = self.name or ""
        location = self._get_ics_location()
        if location:
            event.add("location").value = location
        if self.online_url:
            event.add("url").value = self.online_url
        event.add("class").value = "PRIVATE"
        return calendar.serialize().encode()

    def _get_ics_attachment(self):
        """The calendar file as the session's own attachment (one per session, refreshed when it changed),
        attached to the invitation mails: never an attachment without a record."""
        self.ensure_one()
        content = self._get_ics_content()
        # sudo: the file holds only what members are told (name, dates, place); secretariat users may lack
        # the right to attach files to a session they can invite to
        attachments = self.env["ir.attachment"].sudo()
        attachment = attachments.search(
            [("res_model", "=", self._name), ("res_id", "=", self.id), ("mimetype", "=", "text/calendar")], limit=1
        )
        values = {"name": self._get_ics_filename(), "raw": content, "mimetype": "text/calendar"}
        if not attachment:
            return attachments.create({**values, "res_model": self._name, "res_id": self.id})
        if attachment.raw != content or attachment.name != values["name"]:
            attachment.write(values)
        return attachment

    def _get_ics_filename(self):
        self.ensure_one()
        slug = self.env["ir.http"]._slugify(self.name or "", max_length=60)
        return f"{slug or 'session'}.ics"

    # ------------------------------------------------------------ scheduled actions
    @api.model
    def _cron_session_reminders(self):
        now = fields.Datetime.now()
        # hosts: about 60 days before a planned session without a confirmed host
        sessions = self.search(
            [
                ("state", "=", "planned"),
                ("is_host_confirmed", "=", False),
                ("host_reminder_date", "=", False),
                ("date_start", ">", now),
                ("date_start", "<=", now + timedelta(days=HOST_NOTICE_DAYS)),
            ]
        )
        for session in sessions:
            session.activity_schedule(
                "hbri_partnership.mail_activity_type_hbri_session_host",
                date_deadline=(session.date_start - relativedelta(days=HOST_NOTICE_DAYS // 2)).date(),
                summary=self.env._("Confirm a host for %(session)s", session=session.name),
                user_id=(session.user_id or self.env.ref("base.user_admin")).id,
            )
        sessions.write({"host_reminder_date": fields.Date.context_today(self)})
        # attendees: a reminder e-mail a few days before
        sessions = self.search(
            [
                ("state", "=", "invited"),
                ("reminder_sent", "=", False),
                ("date_start", ">", now),
                ("date_start", "<=", now + timedelta(days=REMINDER_DAYS)),
            ]
        )
        sessions.attendee_ids.filtered(
            lambda a: a.state in ("invited", "accepted") and not a.eligibility_code
        )._send_mail("hbri_partnership.mail_template_hbri_session_reminder")
        sessions.write({"reminder_sent": True})
