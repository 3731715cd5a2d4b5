# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re
from html import unescape
from unittest.mock import patch

from odoo import Command
from odoo.tests import HttpCase, tagged

from odoo.addons.hbri_partnership.tests.common_anonymization import HbriKeptDictionaryMixin
from odoo.addons.hbri_partnership.tests.test_hbri_case_study import HbriCaseStudyCommon


@tagged("post_install", "-at_install", "hbri_partnership_website")
class TestHbriLibraryPageKept(HbriKeptDictionaryMixin, HbriCaseStudyCommon, HttpCase):
    """The library's page of a case study prints its kept row: sections, key facts and the page's metadata, without
    anonymizing or fingerprinting again, in the same queries whatever the library holds; a change shows at once."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the page is read in English, the website's default, whatever the database was installed with (a database
        # may speak Indonesian only: the visitor's page then came in Indonesian and the English labels were missing)
        lang_en = cls.env["res.lang"]._activate_lang("en_US")
        website = cls.env["website"].get_current_website()
        website.language_ids = [Command.link(lang_en.id)]
        website.default_lang_id = lang_en
        cls.env["hbri.case.study"].search([("state", "=", "published")]).write({"active": False})
        cls.theme = cls.env["hbri.session.theme"].create({"name": "Maternal Health"})

    def _published(self, named=False):
        case_study = self._draft(self.presentation.copy())
        case_study.with_context(lang="en_US").write(
            {
                "name": "PT Uji Coba screens mothers in Cibinong",
                "print_language": "en_US",
                "key_figures": "240 mothers screened by PT Uji Coba",
                "theme_ids": [Command.set(self.theme.ids)],
            }
        )
        case_study.action_submit_review()
        case_study.action_request_approval()
        self._consent(case_study, self.org_company, self.rep_company, name=named)
        self._consent(case_study, self.org_ngo, self.rep_ngo, name=named)
        case_study.action_approve()
        case_study.action_publish()
        return case_study

    def _page(self, case_study):
        response = self.url_open(f"/library/case-study/{case_study.id}")
        self.assertEqual(response.status_code, 200)
        return response.text

    def _article(self, html):
        return re.search(r"<article.*</article>", html, re.DOTALL).group(0)

    def _spies(self):
        anonymizer = type(self.env["hbri.anonymizer"])
        case_study = type(self.env["hbri.case.study"])
        return (
            patch.object(anonymizer, "_replace_text", autospec=True, side_effect=anonymizer._replace_text),
            patch.object(anonymizer, "_replace_html", autospec=True, side_effect=anonymizer._replace_html),
            patch.object(
                case_study,
                "_get_consent_fingerprints",
                autospec=True,
                side_effect=case_study._get_consent_fingerprints,
            ),
        )

    def test_page_prints_the_kept_row(self):
        case_study = self._published()
        self._signal_commit()
        first = self._page(case_study)
        text_spy, html_spy, fingerprint_spy = self._spies()
        with text_spy as text, html_spy as markup, fingerprint_spy as fingerprints:
            html = self._page(case_study)
            self.assertFalse(text.called or markup.called, "the page anonymized again what it printed before")
            self.assertFalse(fingerprints.called, "the page computed consent fingerprints")
        self.assertEqual(self._article(html), self._article(first))
        self.assertIn("a member company screens mothers in Cibinong", html)
        self.assertIn("240 mothers screened by a member company", html)
        # the sections print as HTML (kept as the printed Markup), anonymized
        self.assertIn("<p>Mothers saw a midwife late.</p>", html)
        self.assertIn("Weekly visits with", html)
        self.assertNotIn("PT Uji Coba", html)
        self.assertNotIn("Uji Coba", unescape(html))
        # the page's metadata from the kept printed text
        meta = unescape(" ".join(re.findall(r"<meta[^>]+content=\"([^\"]*)\"", html)))
        self.assertIn("a member company screens mothers in Cibinong", meta)
        self.assertIn("Mothers saw a midwife late.", meta)
        self.assertNotIn("Uji Coba", meta)

    def test_named_page_names_who_consented(self):
        case_study = self._published(named=True)
        self._signal_commit()
        self._page(case_study)
        html = self._page(case_study)
        self.assertIn("PT Uji Coba screens mothers in Cibinong", html)
        self.assertIn("Published with the consent of", html)
        self.assertIn("PT Uji Coba", re.search(r"Published with the consent of([^.]*)\.", html).group(1))

    def test_changes_show_at_once(self):
        case_study = self._published()
        self._signal_commit()
        self.assertIn("Maternal Health", self._page(case_study))
        # a theme renamed: nothing the dictionary reads, only the printed stamp tells
        self.theme.name = "Mothers and Newborns"
        self._forget_own_changes()
        self.assertIn("Mothers and Newborns", self._page(case_study))
        # the sector's label of the case study's organization
        self.sector_business.with_user(self.user_manager).anonymous_label = "a member enterprise"
        self._forget_own_changes()
        self.assertIn("a member enterprise screens mothers in Cibinong", self._page(case_study))
        # an organization renamed: its consent no longer covers the text, which prints anonymized at once
        named = self._published(named=True)
        self._signal_commit()
        self.assertIn("PT Uji Coba screens", self._page(named))
        self.org_ngo.name = "Yayasan Nama Baru"
        self._signal_commit()
        html = self._page(named)
        self.assertNotIn("Yayasan Nama Baru", html)
        self.assertIn("Anonymized case study", html)

    def _page_queries(self, case_study):
        self._page(case_study)  # keeps the row, warms the website layout's caches
        before = self.cr.sql_log_count
        self._page(case_study)
        return self.cr.sql_log_count - before

    def test_page_queries_constant(self):
        self._signal_commit()
        case_studies = [self._published(named=index % 2 == 0) for index in range(5)]
        self._signal_commit()
        few = self._page_queries(case_studies[0])
        few_named = self._page_queries(case_studies[1])
        case_studies += [self._published(named=index % 2 == 0) for index in range(45)]
        self._signal_commit()
        many = self._page_queries(case_studies[0])
        many_last = self._page_queries(case_studies[-1])
        self.assertEqual(few_named, few, "a named case study's page reads more than an anonymized one's")
        self.assertEqual(many, few, "the page's queries grow with the number of case studies")
        self.assertEqual(many_last, few)
