# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re
from datetime import date, datetime, timedelta
from html import escape

from odoo.tests import HttpCase, tagged
from odoo.tools import hash_sign

from .common import HbriPartnershipCommon


@tagged("post_install", "-at_install", "hbri_partnership")
class TestHbriRsvpHttp(HbriPartnershipCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._create_membership(cls.org_company, date(2020, 1, 1), state="active")
        start = datetime.now() + timedelta(days=20)
        cls.rt_session = cls.env["hbri.roundtable.session"].create(
            {
                "date_start": start,
                "date_end": start + timedelta(hours=3),
                "state": "invited",
                "agenda": "<p>Public agenda</p>",
                "language": "en_US",
            }
        )
        cls.attendee = cls.env["hbri.session.attendee"].create(
            {"session_id": cls.rt_session.id, "partner_id": cls.rep_company.id, "role": "member"}
        )

    def _get(self, token, answer):
        return self.url_open(f"/hbri/rsvp/{token}/{answer}")

    def _answer(self, token, answer):
        """Open the link, then confirm with the page's form, as the member does."""
        page = self._get(token, answer)
        self.assertEqual(page.status_code, 200, page.text)
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
        self.assertTrue(csrf, "the page asks to confirm with a form")
        return self.url_open(f"/hbri/rsvp/{token}/{answer}", data={"csrf_token": csrf.group(1)})

    def test_accept_then_decline_without_login(self):
        token = self.attendee._get_rsvp_token()
        response = self._answer(token, "accept")
        self.assertEqual(response.status_code, 200)
        self.assertIn("your attendance is confirmed", response.text)
        self.assertIn(self.rt_session.name, response.text)
        self.assertEqual(self.attendee.state, "accepted")
        self.assertTrue(self.attendee.date_answered)
        response = self._answer(token, "decline")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.attendee.state, "declined")

    def test_opening_the_link_records_nothing(self):
        """Mail scanners and link previews open every link of an e-mail: only the confirmation records."""
        token = self.attendee._get_rsvp_token()
        for answer in ("accept", "decline"):
            page = self._get(token, answer)
            self.assertEqual(page.status_code, 200)
            self.assertIn("please confirm", page.text)
            self.assertIn(self.rt_session.name, page.text)
        self.assertEqual(self.attendee.state, "invited")
        self.assertFalse(self.attendee.date_answered)
        # a POST without the page's CSRF token (a forged cross-site form) records nothing either
        with self.assertLogs("odoo.http", "WARNING"):  # Odoo logs the refused form
            response = self.opener.post(f"{self.base_url()}/hbri/rsvp/{token}/accept", data={}, timeout=30)
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self.attendee.state, "invited")

    def test_page_in_the_language_of_the_invitation(self):
        self.env["res.lang"]._activate_lang("id_ID")
        self.env["ir.module.module"]._load_module_terms(["hbri_partnership"], ["id_ID"], overwrite=True)
        self.rt_session.language = "id_ID"
        token = self.attendee._get_rsvp_token()
        page = self._get(token, "accept")
        self.assertIn("mohon konfirmasi bahwa Anda akan hadir", page.text)
        self.assertIn(self.rt_session._format_when("id_ID"), page.text)
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        done = self.url_open(f"/hbri/rsvp/{token}/accept", data={"csrf_token": csrf})
        self.assertEqual(self.attendee.state, "accepted")
        self.assertNotIn("your attendance is confirmed", done.text)
        self.rt_session.language = "en_US"
        self.assertIn("please confirm that you will attend", self._get(token, "accept").text)

    def test_tampered_token(self):
        token = self.attendee._get_rsvp_token()
        tampered = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")
        response = self._get(tampered, "accept")
        self.assertEqual(response.status_code, 404)
        # no attendee: the page speaks the visitor's language (the website's), and says so in its <html lang>
        page_lang = re.search(r'<html[^>]* lang="([A-Za-z@_-]+)"', response.text).group(1).replace("-", "_")
        self.assertIn(page_lang, dict(self.env["res.lang"].get_installed()))
        reader = self.env(context=dict(self.env.context, lang=page_lang))
        self.assertIn(escape(reader._("This link is not valid or has expired.")), response.text)
        # a token signed for another attendee id does not open this one
        forged = hash_sign(self.env(su=True), "another.scope", {"attendee_id": self.attendee.id})
        self.assertEqual(self._get(forged, "accept").status_code, 404)
        self.assertEqual(self._get("garbage", "accept").status_code, 404)
        self.assertEqual(self.attendee.state, "invited")

    def test_expired_token(self):
        expired = hash_sign(
            self.env(su=True),
            "hbri_partnership.rsvp",
            {"attendee_id": self.attendee.id},
            expiration=datetime.now() - timedelta(minutes=1),
        )
        response = self._get(expired, "accept")
        self.assertEqual(response.status_code, 404)
        self.assertEqual(self.attendee.state, "invited")

    def test_reused_after_session_closed(self):
        token = self.attendee._get_rsvp_token()
        # the session took place (held sessions are on or before today)
        start = datetime.now() - timedelta(hours=4)
        self.rt_session.write({"date_start": start, "date_end": start + timedelta(hours=3)})
        self.rt_session.action_mark_held()
        self.rt_session.action_close()
        response = self._get(token, "accept")
        self.assertEqual(response.status_code, 403)
        self.assertIn("session is over", response.text)
        self.assertNotIn("please confirm", response.text)
        self.assertEqual(self.attendee.state, "invited")

    def test_page_shows_public_side_only(self):
        self.env["hbri.session.attendee"].create(
            {"session_id": self.rt_session.id, "partner_id": self.rep_ngo.id, "role": "guest"}
        )
        response = self._get(self.attendee._get_rsvp_token(), "accept")
        self.assertNotIn(self.rep_ngo.name, response.text, "no other attendee is shown")
