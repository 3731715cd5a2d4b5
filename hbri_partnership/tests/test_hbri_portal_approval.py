# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re

from odoo import http
from odoo.tests import HttpCase, tagged

from .test_hbri_portal_access import HbriPortalStory

# a 1x1 PNG, as the signature widget sends it (base64, without the data URL prefix)
SIGNATURE = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="


@tagged("post_install", "-at_install", "hbri_partnership")
class TestHbriPortalApproval(HbriPortalStory, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("id_ID")
        cls.url = f"/my/roundtable/case-study/{cls.cs_awaiting.id}"

    def _fingerprint(self, page):
        return re.search(r'name="fingerprint" value="([0-9a-f]+)"', page).group(1)

    def _approve(self, csrf=True, **data):
        if csrf:
            data["csrf_token"] = http.Request.csrf_token(self)
        return self.url_open(f"{self.url}/approve", data=data, allow_redirects=False)

    def test_page_shows_the_print_language(self):
        """An English reader sees the Indonesian text a case study printed in Indonesian will carry."""
        self.env.cr.execute("UPDATE hbri_case_study SET state = 'draft' WHERE id = %s", self.cs_awaiting.ids)
        self.cs_awaiting.invalidate_recordset(["state"])
        self.cs_awaiting.print_language = "id_ID"
        self.cs_awaiting.with_context(lang="en_US").write(
            {"name": "Mothers' clinic partnership", "background": "<p>Background in English.</p>"}
        )
        self.cs_awaiting.with_context(lang="id_ID").write(
            {"name": "Kemitraan klinik ibu", "background": "<p>Latar belakang dalam bahasa Indonesia.</p>"}
        )
        self.env.cr.execute("UPDATE hbri_case_study SET state = 'awaiting' WHERE id = %s", self.cs_awaiting.ids)
        self.cs_awaiting.invalidate_recordset(["state"])
        self.authenticate("hbri_p_primary", "hbri_p_primary")
        page = self.url_open(self.url).text
        self.assertIn("Kemitraan klinik ibu", page)
        self.assertIn("Latar belakang dalam bahasa Indonesia.", page)
        self.assertNotIn("Background in English.", page)
        self.assertNotIn("Mothers&#39; clinic partnership", page)
        # key figures keep their line breaks
        self.assertRegex(page, r'o_hbri_key_figures" style="white-space: pre-line;">1,200 women\n14 clinics')
        # the page itself speaks the reader's language
        self.assertIn("Request changes", page)

    def test_approve_with_signature(self):
        self.authenticate("hbri_p_alternate", "hbri_p_alternate")
        page = self.url_open(self.url).text
        self.assertIn("hbri_partnership.approval_signature_form", page)
        response = self._approve(fingerprint=self._fingerprint(page), scope_name="1", signature=SIGNATURE)
        self.assertEqual(response.status_code, 303, response.text[:500])
        consent = self.cs_awaiting.consent_ids
        self.assertEqual(len(consent), 1)
        self.assertEqual(consent.partner_id, self.org_company)
        self.assertEqual(consent.representative_id, self.alt_company)
        self.assertTrue(consent.scope_name)
        self.assertFalse(consent.scope_quote)
        self.assertTrue(consent.signature)
        # the item leaves "awaiting your approval" at once and says who approved, and when
        page = self.url_open("/my/roundtable").text
        self.assertNotIn("Case studies awaiting your approval", page)
        approved = page.split('id="hbri_approved"')[1]
        self.assertIn("Company awaiting", approved)
        self.assertIn("Approved by Citra Alternate on", approved)
        # for the other approver of the organization too
        self.authenticate("hbri_p_primary", "hbri_p_primary")
        page = self.url_open("/my/roundtable").text
        self.assertNotIn("o_hbri_case_study_open", page)
        self.assertIn("Approved by Citra Alternate on", self.url_open(self.url).text)

    def test_stale_page_refused(self):
        """The text changed (an organization renamed) between reading and approving: nothing is recorded and the
        member is told to read it again."""
        self.authenticate("hbri_p_primary", "hbri_p_primary")
        fingerprint = self._fingerprint(self.url_open(self.url).text)
        self.org_company.name = "PT Uji Coba Baru"
        response = self._approve(fingerprint=fingerprint, signature=SIGNATURE)
        self.assertEqual(response.status_code, 409)
        self.assertIn("o_hbri_approval_error", response.text)
        self.assertFalse(self.cs_awaiting.consent_ids)
        # the refused page carries the current fingerprint: approving it now works
        response = self._approve(fingerprint=self._fingerprint(response.text), signature=SIGNATURE)
        self.assertEqual(response.status_code, 303)
        self.assertEqual(len(self.cs_awaiting.consent_ids), 1)

    def test_unsigned_approval_refused(self):
        self.authenticate("hbri_p_primary", "hbri_p_primary")
        fingerprint = self._fingerprint(self.url_open(self.url).text)
        response = self._approve(fingerprint=fingerprint)
        self.assertEqual(response.status_code, 409)
        self.assertIn("Sign in the signature box", response.text)
        self.assertFalse(self.cs_awaiting.consent_ids)

    def test_post_without_csrf_refused(self):
        self.authenticate("hbri_p_primary", "hbri_p_primary")
        fingerprint = self._fingerprint(self.url_open(self.url).text)
        with self.assertLogs("odoo.http", level="WARNING"):
            response = self._approve(csrf=False, fingerprint=fingerprint, signature=SIGNATURE)
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self.cs_awaiting.consent_ids)
        attendee = self.upcoming_attendees.filtered(lambda a: a.partner_id == self.rep_company)
        with self.assertLogs("odoo.http", level="WARNING"):
            response = self.url_open(f"/my/roundtable/rsvp/{attendee.id}/accept", data={"x": "1"})
        self.assertEqual(response.status_code, 400)
        self.assertEqual(attendee.state, "invited")
