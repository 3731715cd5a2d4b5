# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase, tagged

from .common import NOTE_TEXT, HbriSurveyCommon


@tagged("post_install", "-at_install", "hbri_partnership_survey")
class TestHbriSurveyPages(HbriSurveyCommon, HttpCase):
    def test_evaluation_pages(self):
        # Ayu reads English (common): her evaluation opens in English (other languages: test_hbri_survey_lang)
        self._hold(self.rt_session)
        evaluation = self.env["hbri.session.evaluation"].search([("partner_id", "=", self.rep_company.id)])
        url = evaluation.user_input_id.get_start_url()
        token = evaluation.user_input_id.access_token
        # the e-mail's link, opened without logging in
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        self.assertIn(f'data-answer-token="{token}"', response.text)
        self.assertIn("Roundtable Session Evaluation", response.text)
        self.assertNotIn(NOTE_TEXT, response.text)
        # logged in to the portal: the answer names nobody, Survey must not refuse it as someone else's
        self.authenticate("ayu_portal", "ayu_portal")
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        self.assertIn(f'data-answer-token="{token}"', response.text)
        self.assertNotIn(NOTE_TEXT, response.text)
        # the questions themselves, as the survey's page renders them
        response = self.url_open(f"/survey/print/{self.survey.access_token}?answer_token={token}")
        self.assertIn("How useful was this session", response.text)
        self.assertNotIn(NOTE_TEXT, response.text)
        # the portal page links to the evaluation until it is answered
        page = self.url_open("/my/roundtable")
        self.assertEqual(page.status_code, 200)
        self.assertIn(f"answer_token={token}", page.text)
        self.assertNotIn(NOTE_TEXT, page.text)
        self._answer(evaluation, score=3, user=self.user_portal)
        page = self.url_open("/my/roundtable")
        self.assertNotIn(token, page.text)
        self.assertEqual(evaluation.user_input_id.partner_id, self.env["res.partner"])
