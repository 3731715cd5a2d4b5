# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.fields import Domain
from odoo.http import content_disposition, request
from odoo.tools import format_date

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

from ..models.hbri_case_study import SECTION_FIELDS

UPCOMING_SESSION_STATES = ("planned", "invited")
PAST_SESSION_STATES = ("held", "closed")
ANSWERABLE_STATES = ("invited", "accepted", "declined")
# past sessions a page of the member portal lists, newest first: three years of quarterly sessions
PAST_PAGE_SIZE = 12


class HbriMemberPortal(CustomerPortal):
    """The member portal of a representative.

    Portal users read the roundtable's models as themselves: the record rules of security/hbri_portal_security.xml
    decide what they see (their own invitations, released summaries, case studies of their organization,
    released toolkits, and only while they are an active representative of a member in force). Routes open a
    record with Odoo's ``_document_check_access``; ``sudo()`` is used only after it, where a comment says why.
    """

    # ------------------------------------------------------------ language
    def _hbri_use_member_lang(self):
        """The member portal speaks the representative's language when it is installed, whatever languages the
        website offers or the language its public pages were last browsed in (website's cookie and URL)."""
        lang = request.env["res.lang"]._get_code(request.env.user.lang)
        if lang and lang != request.env.lang:
            request.update_context(lang=lang)
            if hasattr(request, "lang"):
                request.lang = request.env["res.lang"]._get_data(code=lang)

    # ------------------------------------------------------------ access
    def _hbri_organization(self, roles=None):
        """The member organization the user represents (active representative, membership in force), or an
        empty recordset."""
        Reader = request.env["hbri.portal.reader.mixin"]
        return Reader._hbri_portal_organization(roles) if roles else Reader._hbri_portal_organization()

    def _hbri_document(self, model_name, record_id):
        """The record as superuser once the record rules let the user read it, else a 404."""
        try:
            return self._document_check_access(model_name, record_id)
        except (AccessError, MissingError):
            raise request.not_found() from None

    def _hbri_own_attendee(self, attendee_id):
        """The user's own attendee row (record rules), as superuser for the session's calendar file."""
        return self._hbri_document("hbri.session.attendee", attendee_id)

    def _hbri_format_date(self, value):
        """A date in the reader's language, written the way the session dates are ('8 September 2026')."""
        if not value:
            return ""
        return format_date(request.env, value, lang_code=request.env.lang, date_format="d MMMM y")

    # ------------------------------------------------------------ home
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "hbri_roundtable_count" in counters:
            values["hbri_roundtable_count"] = 1 if self._hbri_organization() else 0
        return values

    def _hbri_case_study_printed(self, case_studies):
        """{id: printed values}: the title as the PDF prints it (print language, anonymized when it is) and the
        consent fingerprint of the content, kept per content version (hbri.case.study.printed): the anonymizer
        and the fingerprint run only for a case study whose content or dictionary changed since the last page."""
        # sudo: the printed values of records the user may read (record rules searched them); only the title,
        # as the PDF prints it, and the fingerprint are used
        return case_studies.sudo()._get_printed_list_values()

    def _hbri_page_values(self, organization, page=1):
        env = request.env
        Attendee = env["hbri.session.attendee"]
        # record rules: the user's own invitations. The upcoming ones are all shown; the past ones a page at a
        # time, newest first (a founding member's representative has been invited to every session for years):
        # counted, and only the shown page read.
        # The session's state only sorts the user's own invitations, which the attendee rule selects: "any!"
        # filters on it without planning the session's own rule again in every query, a rule that holds for
        # every session of these rows (a session's portal rule is "one of its attendees is the user's own", and
        # an invitation's company is its session's). The rows read are exactly those of "session_id.state".
        upcoming = Attendee.search_fetch(
            Domain("session_id", "any!", Domain("state", "in", UPCOMING_SESSION_STATES))
            & Domain("state", "in", ANSWERABLE_STATES),
            ["state", "session_id"],
            order="id",  # sorted below, by answer and date
        )
        past_domain = Domain("session_id", "any!", Domain("state", "in", PAST_SESSION_STATES))
        total = Attendee.search_count(past_domain)
        pager = portal_pager(url="/my/roundtable", total=total, page=page, step=PAST_PAGE_SIZE)
        past = Attendee.search_fetch(
            past_domain,
            ["state", "session_id"],
            order="session_date desc, id desc",
            offset=pager["offset"],
            limit=PAST_PAGE_SIZE,
        )
        # sudo: the sessions of the user's own invitations, which the record rules searched above (a session's
        # rule is that one of its attendees is the user's own): one read of what the cards and rows print and of the
        # host and venue their computes read, not a rule-checked read and then the computes' own read. A past
        # session's row names its day, host and the answer (its venue, online link and agenda are gone by, its
        # summary tells what was said): the venue only for the coming ones.
        sessions = (upcoming | past).session_id.sudo()
        fields = ["name", "state", "date_start", "date_end", "tz", "language", "agenda", "online_url"]
        sessions.fetch([*fields, "host_partner_id", "venue_partner_id"])
        sessions.host_partner_id.fetch(["name"])  # the host's name only, not the whole partner
        upcoming.session_id.sudo().mapped("venue_address")
        upcoming = upcoming.sorted(lambda a: (a.state != "invited", a.session_id.date_start, a.id))
        # record rules: released summaries of the user's sessions
        summaries = env["hbri.session.summary"].search_fetch(
            [("session_id", "in", past.session_id.ids)], ["session_id"], order="id"
        )
        # record rules: awaiting the organization's approval (primary and alternate only), published involving it
        case_studies = env["hbri.case.study"].search_fetch([("state", "in", ("awaiting", "published"))], ["state"])
        awaiting = case_studies.filtered(lambda c: c.state == "awaiting")
        published = case_studies.filtered(lambda c: c.state == "published")
        printed = self._hbri_case_study_printed(case_studies)
        # record rules: the organization's own answers; an answer counts while it was given for the exact text
        # that prints now (its fingerprint), as the approval page and the PDF decide; the latest one is shown
        consents = env["hbri.consent"].search([("case_study_id", "in", awaiting.ids)])
        consents.fetch(["case_study_id", "fingerprint", "representative_id", "date", "decision"])
        current_consent = {
            c.case_study_id.id: c
            for c in consents.sorted(lambda c: (c.date, c.id))
            if c.fingerprint and c.fingerprint == printed[c.case_study_id.id]["fingerprint"]
        }
        # sudo: the organization's own current membership (portal users read no membership)
        membership = organization.sudo().hbri_membership_id
        membership.fetch(["state", "date_start", "date_end", "guideline_id"])
        membership.guideline_id.fetch(["name", "version"])
        # sudo: the files of the current version of the toolkits the user may read (record rules searched them)
        toolkits = env["hbri.toolkit"].search([])
        toolkit_files = {t.id: [(a.id, a.name) for a in t.sudo().attachment_ids] for t in toolkits}
        return {
            "page_name": "hbri_roundtable",
            "organization": organization,
            "membership": membership,
            "upcoming": upcoming,
            "past": past,
            "pager": pager,
            # the answers' labels in the reader's language, looked up once for all the cards
            "state_labels": dict(Attendee._fields["state"]._description_selection(env)),
            "summaries": {s.session_id.id: s for s in summaries},
            "to_approve": awaiting.filtered(lambda c: c.id not in current_consent),
            "approved": awaiting.filtered(lambda c: c.id in current_consent),
            "consents": current_consent,
            "published": published,
            "titles": {case_study_id: values["name"] for case_study_id, values in printed.items()},
            "toolkits": toolkits,
            "toolkit_files": toolkit_files,
            "format_day": self._hbri_format_date,
        }

    @http.route(["/my/roundtable", "/my/roundtable/page/<int:page>"], type="http", auth="user", website=True)
    def hbri_roundtable(self, page=1, **kw):
        self._hbri_use_member_lang()
        organization = self._hbri_organization()
        if not organization:
            raise request.not_found()
        values = self._prepare_portal_layout_values()
        values.update(self._hbri_page_values(organization, page=page))
        values["message"] = kw.get("message")
        return request.render("hbri_partnership.portal_my_roundtable", values)

    # ------------------------------------------------------------ sessions
    @http.route(
        "/my/roundtable/rsvp/<int:attendee_id>/<any(accept,decline):answer>",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def hbri_rsvp(self, attendee_id, answer, **kw):
        self._hbri_use_member_lang()
        attendee_sudo = self._hbri_own_attendee(attendee_id)
        # sudo (the record from _document_check_access): portal users write no attendee row; _rsvp records
        # the answer after checking the session and the person's eligibility
        error = attendee_sudo._rsvp(answer)
        if error:
            return request.redirect("/my/roundtable?message=rsvp_error")
        return request.redirect(f"/my/roundtable?message={answer}")

    @http.route("/my/roundtable/ics/<int:attendee_id>", type="http", auth="user", website=True)
    def hbri_ics(self, attendee_id, **kw):
        self._hbri_use_member_lang()
        attendee = self._hbri_own_attendee(attendee_id)
        if not attendee:
            raise request.not_found()
        # built in memory from the session (no calendar.event, no attachment): a GET writes nothing
        session = attendee.session_id
        return request.make_response(
            session._get_ics_content(),
            [
                ("Content-Type", "text/calendar; charset=utf-8"),
                ("Content-Disposition", content_disposition(session._get_ics_filename())),
            ],
        )

    @http.route("/my/roundtable/summary/<int:attendee_id>", type="http", auth="user", website=True)
    def hbri_summary(self, attendee_id, **kw):
        self._hbri_use_member_lang()
        attendee = self._hbri_own_attendee(attendee_id).with_env(request.env)
        # record rules: the released summary of a session the user was invited to
        summary = request.env["hbri.session.summary"].search([("session_id", "=", attendee.session_id.id)], limit=1)
        if not summary:
            raise request.not_found()
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "hbri_summary",
                "summary": summary,
                "rt_session": attendee.session_id,
            }
        )
        return request.render("hbri_partnership.portal_my_roundtable_summary", values)

    # ------------------------------------------------------------ case studies
    def _hbri_approval_values(self, case_study_sudo, error=None):
        """What the approval page shows: the case study as it prints, in its print language."""
        print_lang = case_study_sudo._get_print_lang()
        print_values = case_study_sudo._get_print_values_batch()[case_study_sudo.id]
        print_env = request.env(context=dict(request.env.context, lang=print_lang))
        sections = [
            (case_study_sudo._fields[name]._description_string(print_env), print_values.get(name))
            for name in SECTION_FIELDS
            if print_values.get(name)
        ]
        organization = self._hbri_organization()
        consent = case_study_sudo._current_consents().filtered(lambda c: c.partner_id == organization)[:1]
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "hbri_case_study",
                "case_study": case_study_sudo.with_env(request.env),
                "print_values": print_values,
                "print_lang": print_lang,
                "sections": sections,
                "key_figures_label": case_study_sudo._fields["key_figures"]._description_string(print_env),
                "fingerprint": case_study_sudo._get_consent_fingerprint(),
                "consent": consent,
                "format_day": self._hbri_format_date,
                "error": error,
                "user_name": request.env.user.partner_id.name,
            }
        )
        return values

    @http.route("/my/roundtable/case-study/<int:case_study_id>", type="http", auth="user", website=True)
    def hbri_case_study(self, case_study_id, **kw):
        self._hbri_use_member_lang()
        # sudo (the record from _document_check_access): the page prints the case study as its PDF does
        case_study_sudo = self._hbri_document("hbri.case.study", case_study_id)
        if case_study_sudo.state != "awaiting":
            raise request.not_found()
        return request.render(
            "hbri_partnership.portal_my_roundtable_case_study", self._hbri_approval_values(case_study_sudo)
        )

    @http.route(
        "/my/roundtable/case-study/<int:case_study_id>/approve",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def hbri_case_study_approve(
        self, case_study_id, fingerprint="", scope_name=None, scope_quote=None, signature=None, **kw
    ):
        self._hbri_use_member_lang()
        case_study_sudo = self._hbri_document("hbri.case.study", case_study_id)
        case_study = case_study_sudo.with_env(request.env)
        error = None
        if not signature:
            error = request.env._("Sign in the signature box before approving: your signature goes with the consent.")
        else:
            try:
                with request.env.cr.savepoint():
                    # the model checks who approves (an active primary or alternate representative of an
                    # organization that must consent), the state and that the text shown is still the current one
                    case_study._hbri_member_approve(
                        fingerprint,
                        scope_name=bool(scope_name),
                        scope_quote=bool(scope_quote),
                        signature=signature,
                    )
            except (UserError, ValidationError, AccessError) as exc:
                request.env.invalidate_all()
                error = exc.args[0] if exc.args else str(exc)
        if error:
            return request.render(
                "hbri_partnership.portal_my_roundtable_case_study",
                self._hbri_approval_values(case_study_sudo, error=error),
                status=409,
            )
        return request.redirect("/my/roundtable?message=approved")

    @http.route(
        "/my/roundtable/case-study/<int:case_study_id>/changes",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def hbri_case_study_changes(self, case_study_id, fingerprint="", comment="", **kw):
        self._hbri_use_member_lang()
        case_study_sudo = self._hbri_document("hbri.case.study", case_study_id)
        try:
            with request.env.cr.savepoint():
                # the model checks who answers, the state and the fingerprint, and records the request
                case_study_sudo.with_env(request.env)._hbri_member_decline(fingerprint, comment)
        except (UserError, ValidationError, AccessError) as exc:
            request.env.invalidate_all()
            return request.render(
                "hbri_partnership.portal_my_roundtable_case_study",
                self._hbri_approval_values(case_study_sudo, error=exc.args[0] if exc.args else str(exc)),
                status=409,
            )
        return request.redirect("/my/roundtable?message=changes")

    @http.route("/my/roundtable/case-study/<int:case_study_id>/pdf", type="http", auth="user", website=True)
    def hbri_case_study_pdf(self, case_study_id, **kw):
        self._hbri_use_member_lang()
        case_study_sudo = self._hbri_document("hbri.case.study", case_study_id)
        if case_study_sudo.state != "published":
            raise request.not_found()
        # sudo: the report reads what it prints (organizations, consents) of this one published case study, which
        # the record rules let the user read
        pdf, _type = (
            request.env["ir.actions.report"]
            .sudo()
            # a real PDF also under --test-enable (no effect otherwise): the route's test reads it back
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf("hbri_partnership.action_report_hbri_case_study", [case_study_sudo.id])
        )
        return request.make_response(
            pdf,
            [
                ("Content-Type", "application/pdf"),
                ("Content-Length", len(pdf)),
                ("Content-Disposition", f'attachment; filename="case-study-{case_study_sudo.id}.pdf"'),
            ],
        )

    # ------------------------------------------------------------ toolkits
    @http.route("/my/roundtable/toolkit/<int:toolkit_id>/<int:attachment_id>", type="http", auth="user", website=True)
    def hbri_toolkit_file(self, toolkit_id, attachment_id, **kw):
        self._hbri_use_member_lang()
        toolkit_sudo = self._hbri_document("hbri.toolkit", toolkit_id)
        # sudo (the record from _document_check_access): a file of the toolkit's current version only
        attachment = toolkit_sudo.attachment_ids.filtered(lambda a: a.id == attachment_id)
        if not attachment:
            raise request.not_found()
        stream = request.env["ir.binary"]._get_stream_from(attachment)
        return stream.get_response(as_attachment=True)
