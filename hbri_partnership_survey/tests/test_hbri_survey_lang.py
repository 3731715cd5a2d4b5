# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re
from html import unescape

from odoo.tests import HttpCase, tagged

from .common import HbriSurveyCommon

TITLE = {"en_US": "Roundtable Session Evaluation", "id_ID": "Evaluasi Sesi Roundtable"}
BUTTON = {"en_US": "Evaluate the session", "id_ID": "Evaluasi sesi ini"}


@tagged("post_install", "-at_install", "hbri_partnership_survey")
class TestHbriSurveyLanguage(HbriSurveyCommon, HttpCase):
    """The evaluation opens in the attendee's language, whatever the website's default language is."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lang_en, cls.lang_id = cls._offer_languages("en_US", "id_ID")
        cls.env["ir.module.module"]._load_module_terms(
            ["survey", "hbri_partnership", "hbri_partnership_survey"], ["id_ID"], overwrite=True
        )
        # Ayu reads Indonesian, Bayu English; the session itself is held in English
        cls.rep_company.lang = "id_ID"
        cls.rep_ngo.lang = "en_US"

    def _set_default_lang(self, lang):
        """The language a page opens in when its URL names none."""
        self.env["ir.default"].set("res.partner", "lang", lang.code)
        if "website" in self.env:
            self.env["website"].search([]).default_lang_id = lang

    def _open(self, url):
        """Open a link as a new visitor would (no language cookie), following Survey's redirections."""
        self.opener.cookies.clear()
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200, url)
        page_lang = re.search(r'<html[^>]* lang="([A-Za-z@_-]+)"', response.text).group(1).replace("-", "_")
        return response, page_lang

    def _assert_lands_in(self, evaluation, lang_code):
        url = evaluation._get_survey_url()
        response, page_lang = self._open(url)
        self.assertEqual(page_lang, lang_code, url)
        text = unescape(response.text)
        self.assertIn(TITLE[lang_code], text)
        other = "en_US" if lang_code == "id_ID" else "id_ID"
        self.assertNotIn(TITLE[other], text)
        self.assertIn(f'data-answer-token="{evaluation.user_input_id.access_token}"', response.text)

    def test_email_link_in_the_attendees_language(self):
        self._set_default_lang(self.lang_en)
        self._hold(self.rt_session, absent=self.rep_company_2)
        evaluations = self.env["hbri.session.evaluation"].search([("session_id", "=", self.rt_session.id)])
        ayu = evaluations.filtered(lambda e: e.partner_id == self.rep_company)
        bayu = evaluations.filtered(lambda e: e.partner_id == self.rep_ngo)
        self.assertFalse(self.survey.lang_ids, "the evaluation is offered in every installed language")
        self.assertEqual(ayu._get_lang(), "id_ID")
        self.assertEqual(bayu._get_lang(), "en_US")
        # the e-mail is written in the attendee's language and its link carries that language
        mails = self.env["mail.mail"].search(
            [("model", "=", "hbri.session.evaluation"), ("res_id", "in", evaluations.ids)]
        )
        for evaluation, lang_code in ((ayu, "id_ID"), (bayu, "en_US")):
            mail = mails.filtered(lambda m, e=evaluation: m.res_id == e.id)
            self.assertEqual(len(mail), 1)
            self.assertIn(BUTTON[lang_code], mail.body_html)
            self.assertIn(evaluation._get_survey_url(), unescape(mail.body_html))
        # the website speaks English by default: Ayu still lands on the Indonesian survey, Bayu on the English one
        self._assert_lands_in(ayu, "id_ID")
        self._assert_lands_in(bayu, "en_US")
        # the website speaks Indonesian by default: Bayu still lands on the English survey
        self._set_default_lang(self.lang_id)
        self._assert_lands_in(bayu, "en_US")
        self._assert_lands_in(ayu, "id_ID")
        # a survey offered in English only: Ayu's link opens it in English (the session's language), not in a
        # language Survey would refuse
        self.survey.lang_ids = self.lang_en
        self.assertEqual(ayu._get_lang(), "en_US")
        self._assert_lands_in(ayu, "en_US")

    def test_portal_link_in_the_attendees_language(self):
        self._set_default_lang(self.lang_en)
        self._hold(self.rt_session, absent=self.rep_company_2)
        ayu = self.env["hbri.session.evaluation"].search(
            [("session_id", "=", self.rt_session.id), ("partner_id", "=", self.rep_company.id)]
        )
        self.authenticate("ayu_portal", "ayu_portal")
        page = self.url_open("/my/roundtable")
        self.assertEqual(page.status_code, 200)
        links = [
            unescape(href)
            for href in re.findall(r'href="([^"]+)"', page.text)
            if f"answer_token={ayu.user_input_id.access_token}" in unescape(href)
        ]
        self.assertEqual(len(links), 1, "the portal page links to Ayu's evaluation once")
        self.assertIn("/id/survey/start/", links[0])
        response = self.url_open(links[0])
        self.assertEqual(response.status_code, 200)
        self.assertIn('lang="id-ID"', response.text)
        self.assertIn(TITLE["id_ID"], unescape(response.text))
