# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

import pytz
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, format_datetime

from odoo.addons.base.models.res_partner import _tz_get

from .hbri_lang import hbri_default_lang, hbri_lang_get

HOST_NOTICE_DAYS = 60
REMINDER_DAYS = 3


class HbriRoundtableSession(models.Model):
    _name = "hbri.roundtable.session"
    _description = "Roundtable Session"
    _inherit = ["mail.thread", "mail.activity.mixin", "hbri.state.mixin"]
    _order = "date_start desc, id desc"

    def _default_facilitator_user_ids(self):
        return (
            self.env.user if self.env.user.has_group("hbri_partnership.hbri_partnership_group_facilitator") else False
        )

    name = fields.Char(compute="_compute_name", store=True, readonly=False, tracking=True)
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
        domain=[("share", "=", False)],
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
    calendar_event_id = fields.Many2one("calendar.event", copy=False, readonly=True, ondelete="set null")
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

    # ------------------------------------------------------------ computes
    @api.depends("kind", "date_start", "tz")
    def _compute_name(self):
        for session in self:
            if session.date_start and (
                not session.name or session._origin.name == session._generated_name(session._origin)
            ):
                session.name = session._generated_name(session)

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

    @api.depends("attendee_ids.state", "attendee_ids.eligibility_issue")
    def _compute_attendee_counts(self):
        data = self.env["hbri.session.attendee"]._read_group(
            [("session_id", "in", self.ids)], ["session_id", "state"], ["__count", "eligibility_issue:count"]
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

    def action_view_toolkits(self):
        return self._action_related("hbri_partnership.hbri_toolkit_action", "origin_session_id")

    # ------------------------------------------------------------ constraints
    @api.constrains("host_partner_id", "date_start", "state")
    def _check_host_partner_id(self):
        for session in self.filtered(lambda s: s.host_partner_id and s.state != "cancelled"):
            issue = session.host_partner_id._hbri_member_issue(session.date_start.date())
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

    # ------------------------------------------------------------ CRUD
    def write(self, vals):
        res = super().write(vals)
        if {"date_start", "date_end", "name", "venue_partner_id", "online_url"} & set(vals):
            self.filtered("calendar_event_id")._sync_calendar_event()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_invited(self):
        if self.filtered(lambda s: s.state not in ("planned", "cancelled")):
            raise UserError(self.env._("Sessions whose invitations were sent are kept: cancel or archive them."))

    # ------------------------------------------------------------ actions

    def action_confirm_host(self):
        """The host agreed: record the hosting as the member's contribution."""
        self._check_state(("planned", "invited"), self.env._("Confirming the host"))
        for session in self:
            if not session.host_partner_id:
                raise UserError(self.env._("Choose the host of %(session)s first.", session=session.name))
            membership = session.host_partner_id._hbri_membership_on(session.date_start.date())
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
        proposal = self.env["hbri.session.planner"]._propose_hosts(self, exclude=self.declined_host_ids)
        self.host_partner_id = proposal.get(self.id, False)
        return True

    def action_invite_members(self):
        """Add the active representatives of every eligible active member and e-mail each an invitation."""
        self._check_state(("planned", "invited"), self.env._("Inviting members"))
        self._lock_invitations()
        for session in self:
            session._add_member_representatives()
        self.attendee_ids.filtered(lambda a: a.state == "invited" and not a.invitation_sent)._send_invitations()
        self.filtered(lambda s: s.state == "planned").state = "invited"
        return True

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
                ("hbri_sector_id.roundtable_eligible", "=", True),
                ("hbri_membership_ids", "any", self.env["hbri.membership"]._get_in_force_on_domain(day)),
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

    # ------------------------------------------------------------ printed documents
    def _get_sign_in_attendees(self):
        """Attendees of the sign-in sheet: by organization, then name (people without an organization last).

        Names and organizations are read for all attendees in one query each (prefetch), never one per row.
        """
        self.ensure_one()
        attendees = self.attendee_ids
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
    def _get_calendar_event(self):
        """The session's calendar.event (created on demand), used for the .ics attached to invitations."""
        self.ensure_one()
        if not self.calendar_event_id:
            self.calendar_event_id = (
                self.env["calendar.event"]
                .sudo()
                .with_context(  # no calendar mails of its own
                    no_mail_to_attendees=True, mail_create_nolog=True, mail_notrack=True
                )
                .create(self._prepare_calendar_event_values())
            )
        return self.calendar_event_id

    def _prepare_calendar_event_values(self):
        self.ensure_one()
        location = self.venue_partner_id._display_address(without_company=False) if self.venue_partner_id else ""
        if self.online_url:
            location = f"{location} {self.online_url}".strip()
        return {
            "name": self.name,
            "start": self.date_start,
            "stop": self.date_end,
            "location": location.replace("\n", ", "),
            "privacy": "private",
            "partner_ids": [],
            "user_id": self.user_id.id or self.env.uid,
            "res_model_id": self.env["ir.model"]._get_id(self._name),
            "res_id": self.id,
        }

    def _sync_calendar_event(self):
        for session in self:
            values = session._prepare_calendar_event_values()
            del values["partner_ids"]
            session.calendar_event_id.sudo().with_context(no_mail_to_attendees=True).write(values)

    def _get_ics_attachment(self):
        self.ensure_one()
        event = self._get_calendar_event()
        ics = event.sudo()._get_ics_file()[event.id]
        return (
            self.env["ir.attachment"]
            .sudo()
            .create(  # attachment of the mails, not of the session
                {
                    "name": "invitation.ics",
                    "mimetype": "text/calendar",
                    "raw": ics,
                    "res_model": "mail.message",
                    "res_id": 0,
                }
            )
        )

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
            lambda a: a.state in ("invited", "accepted") and not a.eligibility_issue
        )._send_mail("hbri_partnership.mail_template_hbri_session_reminder")
        sessions.write({"reminder_sent": True})
