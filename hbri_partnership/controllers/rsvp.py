# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import http
from odoo.http import request


class HbriRsvpController(http.Controller):
    @http.route(
        "/hbri/rsvp/<string:token>/<any(accept,decline):answer>",
        type="http",
        auth="public",
        methods=["GET", "POST"],
        website=True,
        sitemap=False,
    )
    def hbri_rsvp(self, token, answer, **kwargs):
        """Accept or decline an invitation from the link of its e-mail, without logging in.

        The signed token names one attendee and expires when the session ends; the page shows only the
        session's public side (name, time, venue) and the answer. Opening the link (GET) records nothing: mail
        security scanners and link previews open every link of an e-mail by themselves, and would otherwise
        accept or decline on the member's behalf. The page asks the member to confirm, and the answer is
        recorded by the form's POST (with Odoo's CSRF token).
        """
        attendee = request.env["hbri.session.attendee"]._get_from_rsvp_token(token)
        if not attendee:
            return request.render(
                "hbri_partnership.rsvp_page",
                {"error": request.env._("This link is not valid or has expired."), "attendee": attendee},
                status=404,
            )
        # sudo: the signed token is the credential; the template prints public fields only
        # The page speaks the language of the invitation e-mail it was opened from.
        request.update_context(lang=attendee.sudo().session_id._get_mail_lang())
        attendee = attendee.with_env(request.env).sudo()
        confirmed = request.httprequest.method == "POST"
        error = attendee._rsvp(answer) if confirmed else attendee._rsvp_refusal()
        values = {
            "attendee": attendee,
            "session": attendee.session_id,
            "answer": answer,
            "error": error,
            "confirm": not confirmed and not error,
            "action": f"/hbri/rsvp/{token}/{answer}",
        }
        return request.render("hbri_partnership.rsvp_page", values, status=403 if error else 200)
