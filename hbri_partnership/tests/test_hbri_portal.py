# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import re
from datetime import date, datetime, timedelta

from odoo import http
from odoo.tests import HttpCase, new_test_user, tagged

from ..models.hbri_workflow_mixin import workflow_write
from .common import HbriPartnershipCommon
from .test_hbri_portal_approval import SIGNATURE

OTHER_SECRETS = ("Yayasan Uji", "Bayu Representative", "NGO-ONLY", "UNRELEASED-KIT")


@tagged("post_install", "-at_install", "hbri_partnership")
class TestHbriPortal(HbriPartnershipCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for org in (cls.org_company, cls.org_ngo):
            cls._create_membership(org, date(2020, 1, 1), state="active")
        # the pages and the tour are read in English (the representatives' language)
        cls.portal_company = new_test_user(
            cls.env, login="hbri_portal_a", groups="base.group_portal", partner_id=cls.rep_company.id, lang="en_US"
        )
        cls.portal_ngo = new_test_user(
            cls.env, login="hbri_portal_b", groups="base.group_portal", partner_id=cls.rep_ngo.id, lang="en_US"
        )
        Session = cls.env["hbri.roundtable.session"]
        Attendee = cls.env["hbri.session.attendee"]
        start = datetime.now() + timedelta(days=20)
        cls.upcoming = Session.create(
            {
                "name": "Upcoming Roundtable",
                "date_start": start,
                "date_end": start + timedelta(hours=3),
                "state": "invited",
                "agenda": "<p>Public agenda</p>",
            }
        )
        cls.att_company = Attendee.create({"session_id": cls.upcoming.id, "partner_id": cls.rep_company.id})
        cls.att_ngo = Attendee.create({"session_id": cls.upcoming.id, "partner_id": cls.rep_ngo.id})
        cls.alpha, cls.beta = Session.create(
            [
                {
                    "name": name,
                    "date_start": start + timedelta(days=days),
                    "date_end": start + timedelta(days=days, hours=2),
                    "is_additional": True,  # the days after Upcoming Roundtable: its quarter, confirmed
                }
                for name, days in (("Alpha Roundtable", 1), ("Beta Roundtable", 2))
            ]
        )
        cls.att_alpha = Attendee.create({"session_id": cls.alpha.id, "partner_id": cls.rep_company.id})
        cls.att_beta = Attendee.create({"session_id": cls.beta.id, "partner_id": cls.rep_company.id})
        past = datetime(2025, 3, 4, 2, 0)
        cls.past = Session.create(
            {"name": "Past Roundtable", "date_start": past, "date_end": past + timedelta(hours=3)}
        )
        cls.past_company = Attendee.create({"session_id": cls.past.id, "partner_id": cls.rep_company.id})
        cls.past_ngo = Attendee.create({"session_id": cls.past.id, "partner_id": cls.rep_ngo.id})
        cls.past.state = "held"
        (cls.past_company | cls.past_ngo).write({"state": "attended"})
        cls.summary = cls.env["hbri.session.summary"].create(
            {"session_id": cls.past.id, "body": "<p>RELEASED-SUMMARY text</p>"}
        )
        cls.summary.write({"state": "released"})

        CaseStudy = cls.env["hbri.case.study"]
        cls.cs_company = CaseStudy.create(
            {"name": "Company Case", "partner_ids": [(6, 0, cls.org_company.ids)], "background": "<p>BG-OWN</p>"}
        )
        cls.cs_ngo = CaseStudy.create(
            {"name": "NGO-ONLY case", "partner_ids": [(6, 0, cls.org_ngo.ids)], "background": "<p>NGO-ONLY bg</p>"}
        )
        with workflow_write():  # test setup: the workflow itself is tested in test_hbri_case_study_integrity
            (cls.cs_company | cls.cs_ngo).write({"state": "awaiting"})
        cls.pub_company = CaseStudy.create(
            {"name": "Published Company Case", "partner_ids": [(6, 0, cls.org_company.ids)]}
        )
        cls.pub_ngo = CaseStudy.create({"name": "NGO-ONLY published", "partner_ids": [(6, 0, cls.org_ngo.ids)]})
        with workflow_write():
            (cls.pub_company | cls.pub_ngo).write({"state": "published"})

        Toolkit = cls.env["hbri.toolkit"]
        cls.kit = Toolkit.create({"name": "Released Kit"})
        cls.kit_file = cls._toolkit_file(cls.kit, "kit.txt", b"KIT-CONTENT")
        cls.kit.action_release()
        cls.kit_hidden = Toolkit.create({"name": "UNRELEASED-KIT"})
        cls.hidden_file = cls._toolkit_file(cls.kit_hidden, "hidden.txt", b"UNRELEASED-KIT content")

    @classmethod
    def _toolkit_file(cls, toolkit, name, content):
        attachment = cls.env["ir.attachment"].create({"name": name, "datas": base64.b64encode(content)})
        cls.env["hbri.toolkit.version"].create(
            {"toolkit_id": toolkit.id, "version": "1.0", "attachment_ids": [(6, 0, attachment.ids)]}
        )
        return attachment

    def _post(self, url, **data):
        return self.url_open(url, data={"csrf_token": http.Request.csrf_token(self), **data}, allow_redirects=False)

    def assertRefused(self, response):
        self.assertIn(response.status_code, (403, 404), response.url)
        for secret in OTHER_SECRETS:
            self.assertNotIn(secret, response.text)

    def test_public_user_redirected_to_login(self):
        response = self.url_open("/my/roundtable", allow_redirects=False)
        # when the visitor's language is not the default one, a language prefix comes first (/en/my/roundtable)
        for _hop in range(2):
            if "/web/login" in response.headers.get("Location", ""):
                break
            response = self.url_open(response.headers["Location"], allow_redirects=False)
        self.assertIn(response.status_code, (302, 303))
        self.assertIn("/web/login", response.headers["Location"])

    def test_page_shows_own_organization_only(self):
        self.authenticate("hbri_portal_a", "hbri_portal_a")
        response = self.url_open("/my/roundtable")
        self.assertEqual(response.status_code, 200)
        for text in ("PT Uji Coba", "Upcoming Roundtable", "Public agenda", "Past Roundtable", "Company Case"):
            self.assertIn(text, response.text)
        self.assertIn("WIB", response.text)
        self.assertIn(f"/my/roundtable/toolkit/{self.kit.id}/{self.kit_file.id}", response.text)
        for secret in OTHER_SECRETS:
            self.assertNotIn(secret, response.text)
        self.assertIn("/my/roundtable", self.url_open("/my").text)

    def test_other_organization_ids_refused(self):
        self.authenticate("hbri_portal_a", "hbri_portal_a")
        for url in (
            f"/my/roundtable/ics/{self.att_ngo.id}",
            f"/my/roundtable/summary/{self.past_ngo.id}",
            f"/my/roundtable/case-study/{self.cs_ngo.id}",
            f"/my/roundtable/case-study/{self.pub_ngo.id}/pdf",
            f"/my/roundtable/case-study/{self.cs_company.id}/pdf",  # not published
            f"/my/roundtable/toolkit/{self.kit_hidden.id}/{self.hidden_file.id}",
            f"/my/roundtable/toolkit/{self.kit.id}/{self.hidden_file.id}",
            "/my/roundtable/ics/999999",
        ):
            with self.subTest(url=url):
                self.assertRefused(self.url_open(url))
        self.assertRefused(self._post(f"/my/roundtable/rsvp/{self.att_ngo.id}/accept"))
        self.assertRefused(self._post(f"/my/roundtable/case-study/{self.cs_ngo.id}/approve", scope_name="1"))
        self.assertRefused(self._post(f"/my/roundtable/case-study/{self.cs_ngo.id}/changes", comment="x"))
        self.assertEqual(self.att_ngo.state, "invited")
        self.assertFalse(self.cs_ngo.consent_ids)

    def test_not_a_representative_refused(self):
        new_test_user(self.env, login="hbri_portal_nobody", groups="base.group_portal")
        self.authenticate("hbri_portal_nobody", "hbri_portal_nobody")
        self.assertRefused(self.url_open("/my/roundtable"))
        self.assertRefused(self.url_open(f"/my/roundtable/ics/{self.att_company.id}"))

    def test_own_ids_work(self):
        self.authenticate("hbri_portal_a", "hbri_portal_a")
        response = self._post(f"/my/roundtable/rsvp/{self.att_company.id}/accept")
        self.assertIn(response.status_code, (302, 303))
        self.assertEqual(self.att_company.state, "accepted")
        self._post(f"/my/roundtable/rsvp/{self.att_company.id}/decline")
        self.assertEqual(self.att_company.state, "declined")

        response = self.url_open(f"/my/roundtable/ics/{self.att_company.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn(b"BEGIN:VCALENDAR", response.content)

        response = self.url_open(f"/my/roundtable/summary/{self.past_company.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("RELEASED-SUMMARY", response.text)

        response = self.url_open(f"/my/roundtable/case-study/{self.cs_company.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("BG-OWN", response.text)

        response = self.url_open(f"/my/roundtable/toolkit/{self.kit.id}/{self.kit_file.id}")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, b"KIT-CONTENT")

    def _fingerprint(self, case_study):
        page = self.url_open(f"/my/roundtable/case-study/{case_study.id}").text
        return re.search(r'name="fingerprint" value="([0-9a-f]+)"', page).group(1)

    def test_approve_creates_consent(self):
        self.cs_company.background = "<p>BG-OWN v2</p>"
        with workflow_write():
            self.cs_company.write({"state": "awaiting"})
        version = self.cs_company.content_version
        self.authenticate("hbri_portal_a", "hbri_portal_a")
        response = self._post(
            f"/my/roundtable/case-study/{self.cs_company.id}/approve",
            fingerprint=self._fingerprint(self.cs_company),
            scope_name="1",
            signature=SIGNATURE,
        )
        self.assertIn(response.status_code, (302, 303))
        consent = self.cs_company.consent_ids
        self.assertEqual(len(consent), 1)
        self.assertEqual(consent.partner_id, self.org_company)
        self.assertEqual(consent.representative_id, self.rep_company)
        self.assertEqual(consent.version, version)
        self.assertTrue(consent.scope_publish)
        self.assertTrue(consent.scope_name)

    def test_request_changes_posts_message(self):
        self.authenticate("hbri_portal_a", "hbri_portal_a")
        self._post(
            f"/my/roundtable/case-study/{self.cs_company.id}/changes",
            fingerprint=self._fingerprint(self.cs_company),
            comment="Please fix the figures",
        )
        message = self.cs_company.message_ids.filtered(lambda m: "Please fix the figures" in (m.body or ""))
        self.assertEqual(message.author_id, self.rep_company)
        self.assertEqual(self.cs_company.consent_ids.decision, "changes")
        self.assertFalse(self.cs_company.consent_ids.scope_publish)
        # the request leaves the list of what awaits the member, and says who asked
        page = self.url_open("/my/roundtable").text
        self.assertNotIn("o_hbri_case_study_open", page)
        self.assertIn(f"Changes requested by {self.rep_company.name} on", page)

    def test_published_case_study_pdf(self):
        self.authenticate("hbri_portal_a", "hbri_portal_a")
        response = self.url_open(f"/my/roundtable/case-study/{self.pub_company.id}/pdf", timeout=60)
        self.assertEqual(response.status_code, 200)
        self.assertIn("Published Company Case", self.pdf_text(response.content))


@tagged("post_install", "-at_install", "hbri_partnership")
class TestHbriGrantPortal(HbriPartnershipCommon):
    def test_grant_portal_access_opens_odoo_wizard(self):
        self.rep_company.email = "ayu@example.com"
        action = self.rep_company.with_user(self.user_secretariat).action_hbri_grant_portal()
        self.assertEqual(action["res_model"], "portal.wizard")
        wizard = self.env["portal.wizard"].browse(action["res_id"])
        self.assertEqual(wizard.partner_ids, self.rep_company)
        wizard.user_ids.action_grant_access()
        self.assertTrue(self.rep_company.user_ids.filtered(lambda u: u._is_portal()))
