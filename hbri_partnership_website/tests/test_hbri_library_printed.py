# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from unittest.mock import patch

from odoo.tests import HttpCase, tagged

from odoo.addons.hbri_partnership.tests.common_anonymization import HbriKeptDictionaryMixin
from odoo.addons.hbri_partnership.tests.test_hbri_case_study import HbriCaseStudyCommon


@tagged("post_install", "-at_install", "hbri_partnership_website")
class TestHbriLibraryPrinted(HbriKeptDictionaryMixin, HbriCaseStudyCommon, HttpCase):
    """The library's list prints the kept printed values: a visitor's request anonymizes nothing that was
    printed before, and a rename shows at once."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["hbri.case.study"].search([("state", "=", "published")]).write({"active": False})

    def _published_anonymized(self, name):
        case_study = self._draft(self.presentation.copy())
        case_study.with_context(lang="en_US").write({"name": name, "print_language": "en_US"})
        case_study.action_submit_review()
        case_study.action_request_approval()
        self._consent(case_study, self.org_company, self.rep_company, name=False)
        self._consent(case_study, self.org_ngo, self.rep_ngo, name=False)
        case_study.action_approve()
        case_study.action_publish()
        return case_study

    def test_list_reads_kept_values_and_shows_a_rename_at_once(self):
        self._published_anonymized("PT Uji Coba screens mothers with Mitra Baru")
        self._signal_commit()
        html = self.url_open("/library").text
        self.assertIn("a member company screens mothers with Mitra Baru", html)
        anonymizer = type(self.env["hbri.anonymizer"])
        with (
            patch.object(anonymizer, "_replace_text", autospec=True, side_effect=anonymizer._replace_text) as text,
            patch.object(anonymizer, "_replace_html", autospec=True, side_effect=anonymizer._replace_html) as markup,
        ):
            html = self.url_open("/library").text
            self.assertFalse(text.called or markup.called, "the list anonymized again what it printed before")
            # the search reads the kept printed text too: a raw name finds nothing, the printed label does
            self.assertNotIn("screens mothers", self.url_open("/library?search=Uji+Coba").text)
            self.assertIn("screens mothers", self.url_open("/library?search=member+company").text)
            self.assertFalse(text.called or markup.called)
        self.assertIn("a member company screens mothers with Mitra Baru", html)
        # an organization of the roundtable takes the name the title mentions: anonymized at once
        other = self.env["res.partner"].create(
            {"name": "Yayasan Lain", "is_company": True, "hbri_sector_id": self.sector_ngo.id}
        )
        self._signal_commit()
        self.url_open("/library")
        other.name = "Mitra Baru"
        html = self.url_open("/library").text
        self.assertNotIn("Mitra Baru", html)
        self._signal_commit()
        html = self.url_open("/library").text
        self.assertNotIn("Mitra Baru", html)
        self.assertIn("a member company screens mothers with", html)
