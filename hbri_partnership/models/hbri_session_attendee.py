# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import hash_sign, verify_hash_signed
from odoo.tools.translate import LazyTranslate

from .hbri_membership import SEAT_ISSUES
from .hbri_workflow_mixin import workflow_write

RSVP_SCOPE = "hbri_partnership.rsvp"
MEMBER_ROLES = ("member", "presenter")
# who counts in attendance statistics: the organizations' own people, not the secretariat nor facilitators
ATTENDANCE_ROLES = ("member", "presenter", "guest")
HELD_STATES = ("held", "closed")
_lt = LazyTranslate(__name__)
# recorded by the system only: refused on create, write, copy and import, and as default_* context keys, outside
# the module's own actions
ACTION_FIELDS = {
    "eligibility_code": _lt("it is recorded by the system from the organization's sector and memberships"),
    "invitation_sent": _lt("it is recorded by the system when Invite Members sends the invitation"),
    "date_answered": _lt(
        "it is recorded by the system with the member's answer (RSVP link, portal, or the buttons Accept and Decline)"
    ),
}


def _notes():
    """The notes' refusal helper. Imported when used: its module defines models that inherit mixins loaded after
    this one (models/__init__.py's order)."""
    from . import hbri_session_note

    return hbri_session_note


class HbriSessionAttendee(models.Model):
    _name = "hbri.session.attendee"
    _description = "Roundtable Session Attendee"
    _order = "session_date desc, session_id desc, organization_id, partner_id, id"
    _inherit = ["hbri.workflow.mixin"]
    _rec_name = "partner_id"
    _check_company_auto = True
    _hbri_action_fields = ACTION_FIELDS

    session_id = fields.Many2one(
        "hbri.roundtable.session", required=True, index=True, ondelete="cascade", check_company=True
    )
    session_date = fields.Datetime(related="session_id.date_start", string="Session Date", store=True)
    session_state = fields.Selection(related="session_id.state", string="Session Status")
    company_id = fields.Many2one(related="session_id.company_id", store=True, index=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Person",
        required=True,
        index=True,
        ondelete="restrict",
        domain=[("is_company", "=", False)],
    )
    organization_id = fields.Many2one("res.partner", compute="_compute_organization_id", store=True, index=True)
    sector_id = fields.Many2one(related="organization_id.hbri_sector_id", string="Sector")
    email = fields.Char(related="partner_id.email")
    role = fields.Selection(
        [
            ("member", "Member Representative"),
            ("presenter", "Presenter"),
            ("facilitator", "Facilitator"),
            ("secretariat", "Secretariat"),
            ("guest", "Invited Guest"),
        ],
        required=True,
        default="member",
    )
    state = fields.Selection(
        [
            ("invited", "Invited"),
            ("accepted", "Accepted"),
            ("declined", "Declined"),
            ("attended", "Attended"),
            ("absent", "Absent"),
        ],
        default="invited",
        required=True,
        index=True,
    )
    date_answered = fields.Datetime(string="Answered on", readonly=True, copy=False)
    invitation_sent = fields.Boolean(readonly=True, copy=False)
    eligibility_code = fields.Selection(
        SEAT_ISSUES,
        string="Eligibility Issue Kind",
        compute="_compute_eligibility_code",
        store=True,
        help="Set when a change of the organization (sector, membership) made this registration ineligible: "
        "the secretariat follows it up.",
    )
    eligibility_issue = fields.Char(
        compute="_compute_eligibility_issue",
        search="_search_eligibility_issue",
        help="Why this person may no longer attend, in the reader's language.",
    )

    _person_once = models.UniqueIndex("(session_id, partner_id)", "A person is registered only once per session.")

    @api.depends("partner_id.commercial_partner_id")
    def _compute_organization_id(self):
        for attendee in self:
            attendee.organization_id = attendee.partner_id.commercial_partner_id

    @api.depends(
        "role",
        "session_id.date_start",
        "session_id.company_id",
        "organization_id.hbri_sector_id.roundtable_eligible",
        "organization_id.hbri_membership_ids.state",
        "organization_id.hbri_membership_ids.date_start",
        "organization_id.hbri_membership_ids.date_end",
        "organization_id.hbri_membership_ids.company_id",
        "session_id.state",
    )
    def _compute_eligibility_code(self):
        for attendee in self:
            # a session that took place keeps its history: only coming sessions are followed up
            if attendee.session_id.state in ("held", "closed"):
                attendee.eligibility_code = False
            else:
                attendee.eligibility_code = attendee._get_eligibility_code()

    @api.depends("eligibility_code", "organization_id.name", "organization_id.hbri_sector_id.name")
    @api.depends_context("lang")
    def _compute_eligibility_issue(self):
        for attendee in self:
            attendee.eligibility_issue = attendee._get_eligibility_message(attendee.eligibility_code)

    def _search_eligibility_issue(self, operator, value):
        # the sentence is told in the reader's language: only "has an issue or not" can be searched
        if operator not in ("in", "not in") or set(value) - {False, ""}:
            return NotImplemented
        return [("eligibility_code", "=" if operator == "in" else "!=", False)]

    def _get_eligibility_code(self):
        """Why this person may not attend this session, as a code of SEAT_ISSUES, or False."""
        self.ensure_one()
        if self.organization_id.hbri_sector_id._is_closed_to_roundtable():
            return "sector"  # not even as a guest
        if self.role in MEMBER_ROLES and self.session_id.date_start:
            return self.env["hbri.membership"]._get_seat_issue(
                self.organization_id, self.session_id.date_start.date(), self.session_id.company_id
            )
        return False

    def _get_eligibility_message(self, code):
        """The sentence telling ``code`` for this attendee, in the reader's language, or False."""
        self.ensure_one()
        if not code:
            return False
        day = self.session_id.date_start.date() if self.session_id.date_start else fields.Date.context_today(self)
        return self.env["hbri.membership"]._get_seat_issue_message(
            code, self.organization_id, day, self.session_id.company_id
        )

    # ------------------------------------------------------------ CRUD
    def write(self, vals):
        self._hbri_check_action_fields_write(vals)
        # the registration scopes who reads the session's released summary on the portal: it is not moved
        _notes()._refuse_changes(
            self,
            vals,
            ("session_id", "company_id"),
            message=self.env._(
                "An attendee's session cannot change: register the person on the other session instead."
            ),
        )
        return super().write(vals)

    # ------------------------------------------------------------ constraints
    @api.constrains("partner_id", "session_id", "role")
    def _check_eligibility(self):
        for attendee in self:
            if attendee.partner_id.is_company:
                raise ValidationError(
                    self.env._(
                        "%(name)s is an organization: register the people who attend.", name=attendee.partner_id.name
                    )
                )
            issue = attendee._get_eligibility_message(attendee._get_eligibility_code())
            if issue:
                raise ValidationError(
                    self.env._(
                        "%(person)s cannot attend %(session)s. %(issue)s",
                        person=attendee.partner_id.name,
                        session=attendee.session_id.name,
                        issue=issue,
                    )
                )

    @api.constrains("state", "session_id")
    def _check_attendance_after_start(self):
        now = fields.Datetime.now()
        for attendee in self.filtered(lambda a: a.state in ("attended", "absent")):
            session = attendee.session_id
            if session.date_start and session.date_start > now:
                raise ValidationError(
                    self.env._(
                        "Attendance of %(person)s cannot be recorded yet: %(session)s has not started (%(when)s).",
                        person=attendee.partner_id.name,
                        session=session.name,
                        when=session.date_display,
                    )
                )

    # ------------------------------------------------------------ attendance statistics: the one definition
    @api.model
    def _get_attendance_by_organization(self, domain):
        """{organization: {session: attended}} over the held sessions of the registrations matching ``domain``,
        counting the organizations' own people (ATTENDANCE_ROLES): an organization attended a session when at
        least one of its people did. One query."""
        rows = self._read_group(
            [
                *domain,
                ("organization_id", "!=", False),
                ("role", "in", ATTENDANCE_ROLES),
                ("session_id.state", "in", HELD_STATES),
            ],
            ["organization_id", "session_id", "state"],
            ["__count"],
        )
        attendance = {}
        for organization, session, state, _count in rows:
            sessions = attendance.setdefault(organization, {})
            sessions[session] = sessions.get(session, False) or state == "attended"
        return attendance

    @api.model
    def _get_attendance_rate(self, attended_by_session):
        """The attendance rate: the share of the held sessions an organization was registered for that at least
        one of its people attended (0.0 without any), from {session: attended}."""
        if not attended_by_session:
            return 0.0
        return sum(bool(attended) for attended in attended_by_session.values()) / len(attended_by_session)

    @api.model
    def _get_attendance_stats(self, domain):
        """{organization id: (sessions invited, sessions attended, rate over the last 12 months, missed the last
        two)} over the held sessions of the registrations matching ``domain``, in a fixed number of queries."""
        since = fields.Datetime.now() - relativedelta(months=12)
        stats = {}
        for organization, sessions in self._get_attendance_by_organization(domain).items():
            ordered = sorted(sessions, key=lambda s: s.date_start, reverse=True)
            rate = self._get_attendance_rate({s: sessions[s] for s in ordered if s.date_start >= since})
            follow_up = len(ordered) >= 2 and not sessions[ordered[0]] and not sessions[ordered[1]]
            stats[organization.id] = (len(ordered), sum(sessions.values()), rate, follow_up)
        return stats

    @api.model
    def _get_follow_up_organization_ids(self):
        """Ids of the organizations whose people missed the last two held sessions they were registered for (the
        contacts' "Missed Two Sessions in a Row" filter)."""
        stats = self._get_attendance_stats([("organization_id", "!=", False)])
        return [org_id for org_id, values in stats.items() if values[3]]

    # ------------------------------------------------------------ RSVP
    def _get_rsvp_token(self):
        """A signed token naming this attendee, valid until the session ends."""
        self.ensure_one()
        return hash_sign(self.env(su=True), RSVP_SCOPE, {"attendee_id": self.id}, expiration=self.session_id.date_end)

    @api.model
    def _get_from_rsvp_token(self, token):
        """The attendee a token was made for, or an empty recordset (tampered, expired, unknown)."""
        try:
            payload = verify_hash_signed(self.env(su=True), RSVP_SCOPE, token)
        except (ValueError, UnicodeDecodeError, TypeError):
            payload = None
        if not payload or not isinstance(payload, dict):
            return self.browse()
        return self.browse(payload.get("attendee_id")).exists()

    def _get_rsvp_url(self, answer):
        self.ensure_one()
        base = self.session_id.get_base_url()
        return f"{base}/hbri/rsvp/{self._get_rsvp_token()}/{answer}"

    def _rsvp_refusal(self):
        """Why this invitation can no longer be answered (an error message for the member), or False."""
        self.ensure_one()
        if self.session_id.state not in ("planned", "invited"):
            return self.env._("This session is over: answers can no longer be changed.")
        if self.eligibility_issue:
            return self.eligibility_issue
        if self.state not in ("invited", "accepted", "declined"):
            return self.env._("Your attendance has already been recorded.")
        return False

    def _rsvp(self, answer):
        """Record an answer given through an RSVP link or the portal; returns an error message or False."""
        refusal = self._rsvp_refusal()
        if refusal:
            return refusal
        with workflow_write():
            self.write(
                {"state": "accepted" if answer == "accept" else "declined", "date_answered": fields.Datetime.now()}
            )
        return False

    # ------------------------------------------------------------ mails
    def _send_invitations(self):
        self._send_mail("hbri_partnership.mail_template_hbri_session_invitation", with_ics=True)
        with workflow_write():
            self.write({"invitation_sent": True})

    def _send_mail(self, template_xmlid, with_ics=False):
        if not self:
            return
        template = self.env.ref(template_xmlid)
        for session, attendees in self.grouped("session_id").items():
            attendees = attendees.filtered("email")
            email_values = {}
            if with_ics:
                # the same file as the portal's (same UID), one attachment of the session for all the mails
                email_values["attachment_ids"] = [session._get_ics_attachment().id]
            template.send_mail_batch(
                attendees.ids, email_values=email_values, email_layout_xmlid="mail.mail_notification_light"
            )

    # ------------------------------------------------------------ actions
    def action_accept(self):
        with workflow_write():
            self.write({"state": "accepted", "date_answered": fields.Datetime.now()})

    def action_decline(self):
        with workflow_write():
            self.write({"state": "declined", "date_answered": fields.Datetime.now()})

    def action_attended(self):
        self.write({"state": "attended"})

    def action_absent(self):
        self.write({"state": "absent"})
