# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import http
from odoo.http import request
from odoo.tools.mail import plaintext2html

from odoo.addons.portal.controllers.portal import CustomerPortal

from ..models.hbri_case_study import SECTION_FIELDS


class HbriMemberPortal(CustomerPortal):
    """The member portal of a representative: only their own organization's data.

    Portal users hold no access right on the roundtable's models: every route checks that the records
    belong to the user's partner (attendees) or organization (case studies, memberships) before it
    reads them with sudo(), and renders only fields meant for members.
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

    # ------------------------------------------------------------ ownership
    def _hbri_organization(self):
        """The member organization the logged-in user represents, or an empty recordset."""
        partner = request.env.user.partner_id
        organization = partner.commercial_partner_id
        if not partner.parent_id or organization == partner or not organization.is_company:
            return request.env["res.partner"]
        # sudo: the membership summary of the user's own organization (portal users cannot read memberships)
        if not organization.sudo().hbri_membership_id:
            return request.env["res.partner"]
        return organization

    def _hbri_own_attendee(self, attendee_id):
        """The attendee row if it is the user's own, else an empty recordset."""
        partner = request.env.user.partner_id
        # sudo: checked right below, the row must be the user's own partner's
        attendee = request.env["hbri.session.attendee"].sudo().browse(attendee_id).exists()
        if not attendee or attendee.partner_id != partner or not self._hbri_organization():
            return request.env["hbri.session.attendee"]
        return attendee

    def _hbri_case_study(self, case_study_id, state):
        """The case study if it is in ``state`` and concerns the user's organization, else an empty recordset:
        awaiting ones only for the organizations whose consent they need, published ones for every
        organization they involve."""
        organization = self._hbri_organization()
        # sudo: checked right below, against the user's own organization
        case_study = request.env["hbri.case.study"].sudo().browse(case_study_id).exists()
        if not organization or not case_study or case_study.state != state:
            return request.env["hbri.case.study"]
        concerned = case_study.consenting_partner_ids
        if state == "published":
            concerned |= case_study.partner_ids
        return case_study if organization in concerned else request.env["hbri.case.study"]

    def _hbri_awaiting_case_study(self, case_study_id):
        return self._hbri_case_study(case_study_id, "awaiting")

    def _hbri_published_case_study(self, case_study_id):
        return self._hbri_case_study(case_study_id, "published")

    def _hbri_released_toolkits(self):
        if not self._hbri_organization():
            return request.env["hbri.toolkit"]
        # sudo: released toolkits for members or the public are what every member may download
        return (
            request.env["hbri.toolkit"]
            .sudo()
            .search([("is_released", "=", True), ("audience", "in", ("members", "public"))])
        )

    # ------------------------------------------------------------ home
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "hbri_roundtable_count" in counters:
            values["hbri_roundtable_count"] = 1 if self._hbri_organization() else 0
        return values

    def _hbri_page_values(self, organization):
        partner = request.env.user.partner_id
        # sudo: the user's own attendee rows (partner_id is the user's partner)
        attendees = request.env["hbri.session.attendee"].sudo().search([("partner_id", "=", partner.id)])
        upcoming = attendees.filtered(
            lambda a: a.session_id.state in ("planned", "invited") and a.state in ("invited", "accepted", "declined")
        ).sorted(lambda a: a.session_id.date_start)
        attended = attendees.filtered(lambda a: a.state == "attended")
        # sudo: only released summaries of sessions the user attended, never drafts nor notes
        summaries = (
            request.env["hbri.session.summary"]
            .sudo()
            .search([("session_id", "in", attended.session_id.ids), ("state", "=", "released")])
        )
        # sudo: case studies filtered on this organization below
        case_studies = request.env["hbri.case.study"].sudo().search([("state", "in", ("awaiting", "published"))])
        awaiting = case_studies.filtered(lambda c: c.state == "awaiting" and organization in c.consenting_partner_ids)
        published = case_studies.filtered(
            lambda c: c.state == "published" and organization in (c.partner_ids | c.consenting_partner_ids)
        )
        return {
            "page_name": "hbri_roundtable",
            "organization": organization,
            # sudo: the organization's own current membership
            "membership": organization.sudo().hbri_membership_id,
            "upcoming": upcoming,
            "attended": attended,
            "summaries": {s.session_id.id: s for s in summaries},
            "awaiting": awaiting,
            "published": published,
            "toolkits": self._hbri_released_toolkits(),
        }

    @http.route("/my/roundtable", type="http", auth="user", website=True)
    def hbri_roundtable(self, **kw):
        self._hbri_use_member_lang()
        organization = self._hbri_organization()
        if not organization:
            raise request.not_found()
        values = self._prepare_portal_layout_values()
        values.update(self._hbri_page_values(organization))
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
        attendee = self._hbri_own_attendee(attendee_id)
        if not attendee:
            raise request.not_found()
        error = attendee._rsvp(answer)
        if error:
            return request.redirect("/my/roundtable?message=rsvp_error")
        return request.redirect(f"/my/roundtable?message={answer}")

    @http.route("/my/roundtable/ics/<int:attendee_id>", type="http", auth="user", website=True)
    def hbri_ics(self, attendee_id, **kw):
        self._hbri_use_member_lang()
        attendee = self._hbri_own_attendee(attendee_id)
        if not attendee:
            raise request.not_found()
        event = attendee.session_id._get_calendar_event()
        ics = event._get_ics_file().get(event.id)
        if not ics:
            raise request.not_found()
        return request.make_response(
            ics,
            [
                ("Content-Type", "text/calendar"),
                ("Content-Disposition", 'attachment; filename="session.ics"'),
            ],
        )

    @http.route("/my/roundtable/summary/<int:attendee_id>", type="http", auth="user", website=True)
    def hbri_summary(self, attendee_id, **kw):
        self._hbri_use_member_lang()
        attendee = self._hbri_own_attendee(attendee_id)
        if not attendee or attendee.state != "attended":
            raise request.not_found()
        # sudo: released summary of a session the user attended (checked above)
        summary = (
            request.env["hbri.session.summary"]
            .sudo()
            .search([("session_id", "=", attendee.session_id.id), ("state", "=", "released")], limit=1)
        )
        if not summary:
            raise request.not_found()
        values = self._prepare_portal_layout_values()
        values.update({"page_name": "hbri_summary", "summary": summary, "rt_session": attendee.session_id})
        return request.render("hbri_partnership.portal_my_roundtable_summary", values)

    # ------------------------------------------------------------ case studies
    @http.route("/my/roundtable/case-study/<int:case_study_id>", type="http", auth="user", website=True)
    def hbri_case_study(self, case_study_id, **kw):
        self._hbri_use_member_lang()
        case_study = self._hbri_awaiting_case_study(case_study_id)
        if not case_study:
            raise request.not_found()
        print_values = case_study._get_print_values()
        sections = [
            (case_study._fields[name]._description_string(request.env), print_values.get(name))
            for name in SECTION_FIELDS
            if print_values.get(name)
        ]
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "hbri_case_study",
                "case_study": case_study,
                "print_values": print_values,
                "sections": sections,
            }
        )
        return request.render("hbri_partnership.portal_my_roundtable_case_study", values)

    @http.route(
        "/my/roundtable/case-study/<int:case_study_id>/approve",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def hbri_case_study_approve(self, case_study_id, scope_name=None, **kw):
        self._hbri_use_member_lang()
        case_study = self._hbri_awaiting_case_study(case_study_id)
        if not case_study:
            raise request.not_found()
        organization = self._hbri_organization()
        partner = request.env.user.partner_id
        existing = case_study._current_consents().filtered(lambda c: c.partner_id == organization)
        if not existing:
            # sudo: portal users cannot create consents; the representative of a consenting organization
            # gives it for the current version (checked by _hbri_awaiting_case_study)
            request.env["hbri.consent"].sudo().create(
                {
                    "case_study_id": case_study.id,
                    "partner_id": organization.id,
                    "representative_id": partner.id,
                    "version": case_study.content_version,
                    "scope_publish": True,
                    "scope_name": bool(scope_name),
                }
            )
        return request.redirect("/my/roundtable?message=approved")

    @http.route(
        "/my/roundtable/case-study/<int:case_study_id>/changes",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def hbri_case_study_changes(self, case_study_id, comment="", **kw):
        self._hbri_use_member_lang()
        case_study = self._hbri_awaiting_case_study(case_study_id)
        if not case_study or not comment.strip():
            raise request.not_found()
        # sudo: portal users cannot post on case studies; the message is the representative's own comment
        case_study.message_post(
            body=plaintext2html(comment.strip()),
            author_id=request.env.user.partner_id.id,
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        return request.redirect("/my/roundtable?message=changes")

    @http.route("/my/roundtable/case-study/<int:case_study_id>/pdf", type="http", auth="user", website=True)
    def hbri_case_study_pdf(self, case_study_id, **kw):
        self._hbri_use_member_lang()
        case_study = self._hbri_published_case_study(case_study_id)
        if not case_study:
            raise request.not_found()
        # sudo: the published case study involving the user's organization (checked above), this record only
        pdf, _type = (
            request.env["ir.actions.report"]
            .sudo()
            # a real PDF also under --test-enable (no effect otherwise): the route's test reads it back
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf("hbri_partnership.action_report_hbri_case_study", [case_study.id])
        )
        return request.make_response(
            pdf,
            [
                ("Content-Type", "application/pdf"),
                ("Content-Length", len(pdf)),
                ("Content-Disposition", f'attachment; filename="case-study-{case_study.id}.pdf"'),
            ],
        )

    # ------------------------------------------------------------ toolkits
    @http.route("/my/roundtable/toolkit/<int:toolkit_id>/<int:attachment_id>", type="http", auth="user", website=True)
    def hbri_toolkit_file(self, toolkit_id, attachment_id, **kw):
        self._hbri_use_member_lang()
        toolkit = self._hbri_released_toolkits().filtered(lambda t: t.id == toolkit_id)
        attachment = toolkit.attachment_ids.filtered(lambda a: a.id == attachment_id)
        if not attachment:
            raise request.not_found()
        # sudo: a file of the current version of a released toolkit (checked above)
        stream = request.env["ir.binary"]._get_stream_from(attachment.sudo())
        return stream.get_response(as_attachment=True)
