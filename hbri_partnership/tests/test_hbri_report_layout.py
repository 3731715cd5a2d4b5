# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The company's Document Layout (Settings > Document Layout) prints on every PDF of the addon.

Real PDFs from the wkhtmltopdf of the machine (Debian's, with unpatched Qt, ignores header and footer files),
read back with pdftotext: the name, address and footer of the company of each document must be in the text.
"""

from datetime import datetime

from odoo import Command
from odoo.tests import HttpCase, tagged

from .common import pdf_to_text
from .test_hbri_annual_report import HbriAnnualReportCommon
from .test_hbri_case_study import HbriCaseStudyCommon
from .test_hbri_session_documents import INVITATION, SIGN_IN, SUMMARY, HbriSessionDocumentsCommon

CASE_STUDY = "hbri_partnership.action_report_hbri_case_study"
ANNUAL = "hbri_partnership.action_report_hbri_annual_report"
FOOTER_A = "Footer-A-Sekretariat-7f3c"
FOOTER_B = "Footer-B-Sekretariat-2d9e"


def _flat(pdf):
    return " ".join(pdf_to_text(pdf).split())


class HbriLayoutCompanies:
    """Company A (the records' company) and company B, each with an address, a footer and its own layout."""

    @classmethod
    def _setup_companies(cls):
        cls.company_a = cls.env.company
        cls.company_a.write(
            {
                "name": "Forum Layout A",
                "street": "Jl. Layout Satu 11",
                "city": "Jakarta Selatan",
                "report_footer": f"<p>{FOOTER_A}</p>",
                "external_report_layout_id": cls.env.ref("web.external_layout_standard").id,
            }
        )
        cls.company_b = cls.env["res.company"].create(
            {
                "name": "Forum Layout B",
                "street": "Jl. Layout Dua 22",
                "city": "Surabaya",
                "report_footer": f"<p>{FOOTER_B}</p>",
                "external_report_layout_id": cls.env.ref("web.external_layout_boxed").id,
            }
        )

    def assertCompanyA(self, text):
        for expected in ("Forum Layout A", "Jl. Layout Satu 11", "Jakarta Selatan", FOOTER_A):
            self.assertIn(expected, text)
        for other in ("Forum Layout B", "Jl. Layout Dua 22", FOOTER_B):
            self.assertNotIn(other, text)


@tagged("post_install", "-at_install", "hbri_partnership")
class TestHbriCaseStudyLayout(HbriLayoutCompanies, HbriCaseStudyCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_companies()

    def test_case_study_prints_its_company_layout(self):
        case_study = self._approved(print_language="en_US")
        text = _flat(self.render_pdf(CASE_STUDY, case_study))
        self.assertCompanyA(text)
        # what the case study prints is all there, around the layout
        self.assertIn("Mobile clinic by PT Uji Coba and Yayasan Uji", text)
        self.assertIn("Key Facts", text)
        self.assertIn("Published with the consent of", text)
        self.assertLess(text.index("Jl. Layout Satu 11"), text.index("Key Facts"), "the header opens the document")
        self.assertLess(text.index("Published with the consent of"), text.rindex(FOOTER_A), "the footer closes it")
        self.assertNotIn("Page", text.split("Published with the consent of")[-1], "no empty page numbers")

    def test_case_study_company_not_the_printing_users(self):
        """The secretariat working in company B prints company A's case study: company A's layout prints."""
        case_study = self._approved(print_language="en_US")
        self.user_secretariat.write({"company_ids": [Command.link(self.company_b.id)], "company_id": self.company_b.id})
        text = _flat(self.render_pdf(CASE_STUDY, case_study, user=self.user_secretariat))
        self.assertCompanyA(text)

    def test_several_case_studies_each_framed(self):
        first = self._approved(print_language="en_US")
        second = self._approved(
            presentation=self._second_presentation(), name="Second case study about clinics", print_language="en_US"
        )
        text = _flat(self.render_pdf(CASE_STUDY, first | second))
        self.assertEqual(text.count("Jl. Layout Satu 11"), 2, "each case study opens with the company's header")
        self.assertEqual(text.count(FOOTER_A), 2, "each case study closes with the company's footer")
        self.assertIn("Mobile clinic by PT Uji Coba and Yayasan Uji", text)
        self.assertIn("Second case study about clinics", text)


@tagged("post_install", "-at_install", "hbri_partnership")
class TestHbriSessionDocumentsLayout(HbriLayoutCompanies, HbriSessionDocumentsCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_companies()
        cls.session_b = cls.env["hbri.roundtable.session"].create(
            {
                "language": "en_US",
                "date_start": datetime(2026, 11, 10, 2, 0),
                "date_end": datetime(2026, 11, 10, 5, 0),
                "company_id": cls.company_b.id,
            }
        )

    def test_each_document_prints_the_company_layout(self):
        for report, records in (
            (INVITATION, self.rt_session),
            (SIGN_IN, self.rt_session),
            (SUMMARY, self.released_summary),
        ):
            with self.subTest(report=report):
                text = _flat(self.render_pdf(report, records, self.user_staff))
                self.assertCompanyA(text)
                self.assertNoSecret(text)

    def test_second_company_session_prints_its_own_layout(self):
        text = _flat(self.render_pdf(SIGN_IN, self.session_b, self.env.user))
        for expected in ("Forum Layout B", "Jl. Layout Dua 22", "Surabaya", FOOTER_B):
            self.assertIn(expected, text)
        self.assertNotIn("Forum Layout A", text)
        self.assertNotIn(FOOTER_A, text)

    def test_two_companies_in_one_pdf(self):
        """Sessions of both companies print together, in one run of Debian's wkhtmltopdf, each in its layout."""
        text = _flat(self.render_pdf(INVITATION, self.rt_session | self.session_b, self.env.user))
        self.assertEqual(text.count(FOOTER_A), 1)
        self.assertEqual(text.count(FOOTER_B), 1)
        self.assertLess(text.index("Jl. Layout Satu 11"), text.index(FOOTER_A))
        self.assertLess(text.index(FOOTER_A), text.index("Jl. Layout Dua 22"))
        self.assertLess(text.index("Jl. Layout Dua 22"), text.index(FOOTER_B))
        self.assertIn("Roundtable 2026-Q3", text)


@tagged("post_install", "-at_install", "hbri_partnership")
class TestHbriAnnualReportLayout(HbriAnnualReportCommon, HttpCase):
    def test_annual_report_prints_the_company_address_and_footer(self):
        self.company.write({"street": "Jl. Tahunan 33", "city": "Bandung", "report_footer": f"<p>{FOOTER_A}</p>"})
        wizard = (
            self.env["hbri.annual.report"]
            .with_user(self.user_secretariat)
            .create({"year": 2019, "report_format": "pdf", "language": "en_US", "company_id": self.company.id})
        )
        text = _flat(self.render_pdf(ANNUAL, wizard, user=self.user_secretariat))
        for expected in ("Forum Tahunan", "Jl. Tahunan 33", "Bandung", FOOTER_A, "Annual Report 2019"):
            self.assertIn(expected, text)
