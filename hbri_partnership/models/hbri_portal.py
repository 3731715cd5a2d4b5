# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What the member portal may read, in one place.

Portal users (base.group_portal) read the roundtable's models under the record rules of
security/hbri_portal_security.xml. The rules call the search-only fields below, so whether the logged-in person is
an active representative of a member in force is decided by SQL at every read (never from a cached user value).
Every field of these models that is not meant for members is restricted here to internal users: a portal user
calling ``read``/``search_read`` over RPC gets only what the portal pages print.
"""

from odoo import api, fields, models
from odoo.fields import Domain
from odoo.tools import SQL

# who may read the portal: every active representative; who may approve: the primary and the alternate
PORTAL_ROLES = ("primary", "alternate", "observer")
APPROVING_ROLES = ("primary", "alternate")
STAFF = "base.group_user"


class HbriPortalReaderMixin(models.AbstractModel):
    """A search-only field telling whether the current user may read a record on the portal."""

    _name = "hbri.portal.reader.mixin"
    _description = "Readable on the Member Portal"

    hbri_portal_readable = fields.Boolean(
        string="Readable on the Portal",
        compute="_compute_hbri_portal_readable",
        search="_search_hbri_portal_readable",
        groups=STAFF,
    )

    @api.model
    def _hbri_portal_organization(self, roles=PORTAL_ROLES):
        """The member organization the current user represents, or an empty recordset.

        Only an active representative (of one of ``roles``) of an organization whose membership is in force
        (active) counts; prospects, suspended, lapsed and ended members' contacts get nothing.
        """
        # env.user is the superuser's view of the current user: its own partner and organization
        person = self.env.user.partner_id
        organization = person.parent_id.commercial_partner_id
        if (
            person.is_company
            or not organization.is_company
            or not person.hbri_representative_active
            or person.hbri_representative_role not in roles
            or not organization.hbri_is_member
        ):
            return self.env["res.partner"]
        return self.env["res.partner"].browse(organization.id)

    # the value is the current user's: cached per user, so that an access check of another user in the same
    # transaction (Odoo's _check_access filters the records by the rule in Python, through this compute) does
    # not get the first user's answer
    @api.depends_context("uid")
    def _compute_hbri_portal_readable(self):
        readable = self.sudo().filtered_domain(self._get_hbri_portal_domain())
        for record in self:
            record.hbri_portal_readable = record in readable

    def _search_hbri_portal_readable(self, operator, value):
        if operator not in ("in", "=") or not isinstance(value, (bool, list, tuple, set, frozenset)):
            return NotImplemented
        wanted = value if isinstance(value, bool) else True in value
        domain = self._get_hbri_portal_domain()
        return domain if wanted else ~domain

    def _get_hbri_portal_domain(self):
        """The records the current user reads on the member portal."""
        raise NotImplementedError


class HbriCaseStudy(models.Model):
    _name = "hbri.case.study"
    _inherit = ["hbri.case.study", "portal.mixin", "hbri.portal.reader.mixin"]

    # what the portal reads of a case study: its state and language. The content is read through the print
    # values (anonymized like the PDF), never from the raw fields, which name everyone.
    name = fields.Char(groups=STAFF)
    session_id = fields.Many2one(groups=STAFF)
    presentation_ids = fields.Many2many(groups=STAFF)
    partner_ids = fields.Many2many(groups=STAFF)
    consenting_partner_ids = fields.Many2many(groups=STAFF)
    partnership_id = fields.Many2one(groups=STAFF)
    theme_ids = fields.Many2many(groups=STAFF)
    period = fields.Char(groups=STAFF)
    key_figures = fields.Text(groups=STAFF)
    background = fields.Html(groups=STAFF)
    formation = fields.Html(groups=STAFF)
    implementation = fields.Html(groups=STAFF)
    results = fields.Html(groups=STAFF)
    challenges = fields.Html(groups=STAFF)
    lessons = fields.Html(groups=STAFF)
    next_steps = fields.Html(groups=STAFF)
    author_ids = fields.Many2many(groups=STAFF)
    technical_assistance_ids = fields.One2many(groups=STAFF)
    has_all_consents = fields.Boolean(groups=STAFF)
    attribution_mode = fields.Selection(groups=STAFF)
    includes_notes = fields.Boolean(groups=STAFF)
    published_by_id = fields.Many2one(groups=STAFF)
    access_token = fields.Char(groups=STAFF)
    # the anonymization's preview and residual hits show the raw names it replaces: the secretariat's check
    anonymized_preview = fields.Html(groups=STAFF)
    anonymization_hits_html = fields.Html(groups=STAFF)
    anonymization_hit_count = fields.Integer(groups=STAFF)
    # computed from the activities, which only internal users read
    activity_exception_decoration = fields.Selection(groups=STAFF)
    activity_exception_icon = fields.Char(groups=STAFF)
    activity_type_icon = fields.Char(groups=STAFF)

    @api.depends_context("uid")
    def _compute_display_name(self):
        if not self.env.user.share:
            return super()._compute_display_name()
        # portal and public users (also where a link is read as superuser): the title as it prints, anonymized
        # like the PDF, never the raw title that names everyone
        printed = self.sudo()._get_print_values_batch()
        for case_study in self:
            case_study.display_name = printed.get(case_study.id, {}).get("name") or ""

    def _mail_get_partner_fields(self, introspect_fields=False):
        # the organizations involved are no "customer" of the case study: notifications give nobody a token link,
        # the portal page opens by the record rules only
        return []

    def _compute_access_url(self):
        for case_study in self:
            case_study.access_url = f"/my/roundtable/case-study/{case_study.id}"

    def _get_hbri_portal_domain(self):
        """Published case studies involving the organization (among the organizations involved, or presenting one
        of the presentations); for the primary and alternate representatives also those awaiting the
        organization's consent: it presents one of the presentations or, without a presentation, is among the
        organizations involved (``consenting_partner_ids``, which is not stored)."""
        Reader = self.env["hbri.portal.reader.mixin"]
        organization = Reader._hbri_portal_organization()
        if not organization:
            return Domain.FALSE
        states = ("published", "awaiting") if Reader._hbri_portal_organization(APPROVING_ROLES) else ("published",)
        # One subquery on the relation tables of presentation_ids, presenting_partner_ids and partner_ids: the
        # same rows as the domain on those fields ("partner_ids in", "presentation_ids.presenting_partner_ids
        # in", "presentation_ids = False"), which PostgreSQL planned as five EXISTS at every portal read of a
        # case study, in about four times the time. The relation tables' foreign keys stand for the joins to
        # hbri_presentation and res_partner; the fields' domain (is_company) holds as the organization is one
        # (_hbri_portal_organization). An organization involved without presenting reads the case study only
        # when it is published or has no presentation (then it is the one that consents).
        involving = SQL(
            """
            SELECT study.case_study_id
              FROM hbri_case_study_presentation_rel study
              JOIN hbri_presentation_partner_rel presenter ON presenter.presentation_id = study.presentation_id
             WHERE presenter.partner_id = %(organization)s
             UNION ALL
            SELECT involved.case_study_id
              FROM hbri_case_study_partner_rel involved
              JOIN hbri_case_study case_study ON case_study.id = involved.case_study_id
             WHERE involved.partner_id = %(organization)s
               AND (case_study.state = 'published'
                    OR NOT EXISTS (SELECT FROM hbri_case_study_presentation_rel own
                                    WHERE own.case_study_id = involved.case_study_id))
            """,
            organization=organization.id,
            # pending writes of these fields reach the database before the subquery reads their tables
            to_flush=[
                *(self._fields[name] for name in ("presentation_ids", "partner_ids", "state")),
                self.env["hbri.presentation"]._fields["presenting_partner_ids"],
            ],
        )
        return Domain("state", "in", states) & Domain("id", "any!", involving)


class HbriConsent(models.Model):
    _name = "hbri.consent"
    _inherit = ["hbri.consent", "hbri.portal.reader.mixin"]

    recorded_by_id = fields.Many2one(groups=STAFF)
    comment = fields.Text(groups=STAFF)
    is_current = fields.Boolean(groups=STAFF)
    evidence_file = fields.Binary(groups=STAFF)
    evidence_filename = fields.Char(groups=STAFF)

    def _get_hbri_portal_domain(self):
        organization = self.env["hbri.portal.reader.mixin"]._hbri_portal_organization()
        if not organization:
            return Domain.FALSE
        return Domain("partner_id", "=", organization.id)


class HbriRoundtableSession(models.Model):
    _name = "hbri.roundtable.session"
    _inherit = ["hbri.roundtable.session", "hbri.portal.reader.mixin"]

    # printed on the portal's session card: related and computed as superuser, the portal cannot read the
    # host's and venue's contacts themselves
    host_name = fields.Char(related="host_partner_id.name", string="Host Organization")
    venue_address = fields.Char(compute="_compute_venue_address", compute_sudo=True)

    user_id = fields.Many2one(groups=STAFF)
    host_partner_id = fields.Many2one(groups=STAFF)
    venue_partner_id = fields.Many2one(groups=STAFF)
    is_host_confirmed = fields.Boolean(groups=STAFF)
    declined_host_ids = fields.Many2many(groups=STAFF)
    host_reminder_date = fields.Date(groups=STAFF)
    facilitator_partner_id = fields.Many2one(groups=STAFF)
    facilitator_user_ids = fields.Many2many(groups=STAFF)
    theme_ids = fields.Many2many(groups=STAFF)
    cancel_reason = fields.Text(groups=STAFF)
    attendee_ids = fields.One2many(groups=STAFF)
    contribution_ids = fields.One2many(groups=STAFF)
    invited_count = fields.Integer(groups=STAFF)
    accepted_count = fields.Integer(groups=STAFF)
    attended_count = fields.Integer(groups=STAFF)
    ineligible_count = fields.Integer(groups=STAFF)
    presentation_ids = fields.One2many(groups=STAFF)
    summary_ids = fields.One2many(groups=STAFF)
    is_facilitator = fields.Boolean(groups=STAFF)
    presentation_count = fields.Integer(groups=STAFF)
    partnership_count = fields.Integer(groups=STAFF)
    toolkit_count = fields.Integer(groups=STAFF)
    reminder_sent = fields.Boolean(groups=STAFF)
    calendar_sequence = fields.Integer(groups=STAFF)
    notes_destroyed_date = fields.Datetime(groups=STAFF)
    notes_destroyed_by_id = fields.Many2one(groups=STAFF)
    notes_destroyed_count = fields.Integer(groups=STAFF)
    notes_destroyed_trace = fields.Char(groups=STAFF)
    document_ids = fields.Many2many(groups=STAFF)
    activity_exception_decoration = fields.Selection(groups=STAFF)
    activity_exception_icon = fields.Char(groups=STAFF)
    activity_type_icon = fields.Char(groups=STAFF)

    @api.depends("venue_partner_id")
    def _compute_venue_address(self):
        for session in self:
            venue = session.venue_partner_id
            address = venue._display_address(without_company=True) if venue else ""
            parts = [venue.name or "", *address.splitlines()] if venue else []
            session.venue_address = ", ".join(dict.fromkeys(p.strip() for p in parts if p.strip()))

    def _get_hbri_portal_domain(self):
        return Domain("attendee_ids", "any", self.env["hbri.session.attendee"]._get_hbri_portal_domain())


class HbriSessionAttendee(models.Model):
    _name = "hbri.session.attendee"
    _inherit = ["hbri.session.attendee", "hbri.portal.reader.mixin"]

    sector_id = fields.Many2one(groups=STAFF)
    invitation_sent = fields.Boolean(groups=STAFF)
    eligibility_code = fields.Selection(groups=STAFF)
    eligibility_issue = fields.Char(groups=STAFF)

    def _get_hbri_portal_domain(self):
        organization = self.env["hbri.portal.reader.mixin"]._hbri_portal_organization()
        if not organization:
            return Domain.FALSE
        return Domain("partner_id", "=", self.env.user.partner_id.id)


class HbriSessionSummary(models.Model):
    _name = "hbri.session.summary"
    _inherit = ["hbri.session.summary", "hbri.portal.reader.mixin"]

    released_by_id = fields.Many2one(groups=STAFF)

    def _get_hbri_portal_domain(self):
        return Domain("state", "=", "released") & Domain(
            "session_id", "any", self.env["hbri.roundtable.session"]._get_hbri_portal_domain()
        )


class HbriToolkit(models.Model):
    _name = "hbri.toolkit"
    _inherit = ["hbri.toolkit", "hbri.portal.reader.mixin"]

    origin_session_id = fields.Many2one(groups=STAFF)
    version_ids = fields.One2many(groups=STAFF)
    attachment_ids = fields.Many2many(groups=STAFF)
    released_by_id = fields.Many2one(groups=STAFF)

    def _get_hbri_portal_domain(self):
        if not self.env["hbri.portal.reader.mixin"]._hbri_portal_organization():
            return Domain.FALSE
        return Domain("is_released", "=", True) & Domain("audience", "in", ("members", "public"))
