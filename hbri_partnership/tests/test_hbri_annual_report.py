# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import io
import shutil
import subprocess
import tempfile
from datetime import date, datetime
from pathlib import Path

from openpyxl import load_workbook
from PIL import Image

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged

from ..models.hbri_workflow_mixin import workflow_write
from .common import HbriPartnershipCommon

NOTE_SECRET = "CATATAN-RAHASIA-ANNUAL-77"
SUMMARY_SECRET = "RINGKASAN-RAHASIA-ANNUAL-88"
DRAFT_TITLE = "Draft-only title with PT Uji Coba"
REPORT = "hbri_partnership.action_report_hbri_annual_report"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class HbriAnnualReportCommon(HbriPartnershipCommon):
    """The year 2019 of a forum of its own company: demo data and other tests' records stay out of it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env["res.company"].create({"name": "Forum Tahunan"})
        for user in (cls.user_secretariat, cls.user_manager, cls.user_staff):
            user.write({"company_ids": [Command.link(cls.company.id)], "company_id": cls.company.id})
        cls.env = cls.env(context=dict(cls.env.context, allowed_company_ids=[cls.company.id], lang="en_US"))
        cls.theme = cls.env["hbri.session.theme"].create({"name": "Annual Maternal Health"})
        cls.company_guideline = cls.env["hbri.guideline"].create(
            {"name": "Annual Guidelines", "version": "A-1", "company_id": cls.company.id}
        )
        cls.company_guideline.action_make_current()

    @classmethod
    def _member_org(cls, name, sector, date_start, date_end=None, state="active"):
        org = cls.env["res.partner"].create({"name": name, "is_company": True, "hbri_sector_id": sector.id})
        cls.env["res.partner"].create(
            {"name": f"Rep of {name}", "parent_id": org.id, "hbri_representative_role": "primary"}
        )
        cls._create_membership(
            org,
            date_start,
            date_end=date_end,
            state=state,
            company_id=cls.company.id,
            guideline_id=cls.company_guideline.id,
        )
        return org

    @classmethod
    def _make_year(cls, year, size, prefix):
        """``size`` of everything in ``year``: sessions, members, partnerships, case studies, toolkits, assistance."""
        env = cls.env
        orgs = env["res.partner"]
        for index in range(size):
            orgs |= cls._member_org(f"{prefix} Company {index}", cls.sector_business, date(year, 2, 1))
            orgs |= cls._member_org(f"{prefix} Foundation {index}", cls.sector_ngo, date(year, 2, 1))
            cls._member_org(
                f"{prefix} Leaver {index}", cls.sector_business, date(year - 2, 1, 1), date(year, 6, 30), state="ended"
            )
        sessions = env["hbri.roundtable.session"].create(
            [
                {
                    "name": f"{prefix} Session {index}",
                    "date_start": datetime(year, 3 + (index % 4) * 3, 10, 2),
                    "date_end": datetime(year, 3 + (index % 4) * 3, 10, 5),
                    "host_partner_id": orgs[2 * index].id,
                    "theme_ids": [Command.set(cls.theme.ids)],
                }
                for index in range(size)
            ]
        )
        for session, org in zip(sessions, orgs[::2], strict=True):
            env["hbri.session.attendee"].create(
                [{"session_id": session.id, "partner_id": person.id} for person in (org | orgs[1]).child_ids]
            )
            env["hbri.session.note"].create({"session_id": session.id, "kind": "qa", "body": f"<p>{NOTE_SECRET}</p>"})
            env["hbri.session.summary"].create({"session_id": session.id, "body": f"<p>{SUMMARY_SECRET}</p>"})
        sessions.action_mark_held()
        sessions.attendee_ids.write({"state": "attended"})
        partnerships = env["hbri.partnership"].create(
            [
                {
                    "name": f"{prefix} Partnership {index}",
                    "date_start": date(year, 5, 1),
                    "member_ids": [Command.create({"partner_id": org.id}) for org in orgs[2 * index : 2 * index + 2]],
                    "indicator_ids": [
                        Command.create({"name": "Women screened", "target": 600, "actual": 412}),
                        Command.create({"name": "Clinics", "target": 4, "actual": 3}),
                    ],
                }
                for index in range(size)
            ]
        )
        for index, partnership in enumerate(partnerships):
            pair = orgs[2 * index : 2 * index + 2]
            case_study = env["hbri.case.study"].create(
                {
                    "name": f"{prefix} clinic of {pair[0].name}",
                    "partner_ids": [Command.set(pair.ids)],
                    "partnership_id": partnership.id,
                    "print_language": "en_US",
                    # the sections a case study cannot go to review without
                    "formation": "<p>The clinic and the foundation met at a roundtable session.</p>",
                    "implementation": "<p>Weekly screening visits in the district.</p>",
                    "results": "<p>Screening reached more women each quarter.</p>",
                }
            )
            case_study.action_submit_review()
            case_study.action_request_approval()
            named = index % 2 == 1
            env["hbri.consent"].create(
                [
                    {
                        "case_study_id": case_study.id,
                        "partner_id": org.id,
                        "representative_id": org.child_ids[0].id,
                        "scope_name": named,
                        # recorded in the back office from the signed form (it takes the current version)
                        "evidence_file": base64.b64encode(b"%PDF-1.4 signed form"),
                        "evidence_filename": "signed.pdf",
                    }
                    for org in pair
                ]
            )
            case_study.action_approve()
            case_study.action_publish()
            with workflow_write():  # test setup: published in the year it reports on
                case_study.date_published = date(year, 9, 1)
        env["hbri.case.study"].create({"name": DRAFT_TITLE, "partner_ids": [Command.set(orgs[:1].ids)]})
        for index in range(size):
            attachment = env["ir.attachment"].create({"name": f"{prefix}-guide-{index}.txt", "raw": b"guide"})
            toolkit = env["hbri.toolkit"].create(
                {
                    "name": f"{prefix} Toolkit {index}",
                    "audience": "public",
                    "version_ids": [
                        Command.create({"version": "1.0", "attachment_ids": [Command.set(attachment.ids)]})
                    ],
                }
            )
            toolkit.action_release()
            toolkit.date_released = date(year, 10, 1)
        env["hbri.technical.assistance"].create(
            [
                {
                    "name": f"{prefix} assistance {index}",
                    "partner_id": orgs[index].id,
                    "kind": "case_study",
                    "hours": 7.5,
                    "state": "done",
                    "date_due": date(year, 4, 1),
                }
                for index in range(size)
            ]
            + [
                {
                    "name": f"{prefix} unfinished assistance",
                    "partner_id": orgs[0].id,
                    "hours": 100,
                    "state": "todo",
                    "date_due": date(year, 4, 1),
                }
            ]
        )
        return orgs

    def _wizard(self, year, report_format="pdf", language="en_US", user=None):
        return (
            self.env["hbri.annual.report"]
            .with_user(user or self.user_secretariat)
            .create({"year": year, "report_format": report_format, "language": language, "company_id": self.company.id})
        )


@tagged("post_install", "-at_install", "hbri_partnership")
class TestHbriAnnualReport(HbriAnnualReportCommon, HttpCase):
    """HttpCase: wkhtmltopdf loads the report's stylesheets from the test server, which must be serving."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.orgs = cls._make_year(2019, 2, "Alpha")
        cls._make_year(2018, 1, "Before")  # another year: none of it counts in 2019

    def _pdf(self, wizard):
        action = wizard.action_print()
        self.assertEqual(action["report_name"], "hbri_partnership.report_hbri_annual_report")
        return self.render_pdf(REPORT, wizard, user=self.user_secretariat)

    def test_figures(self):
        data = self._wizard(2019)._get_annual_data()
        numbers = dict(data["numbers"])
        self.assertEqual(numbers["Sessions held"], 2)
        self.assertEqual(numbers["Attendances"], 4)  # two representatives at each session
        # the four that joined, and the two that joined in 2018 and stayed
        self.assertEqual(numbers["Member organizations at the end of the year"], 6)
        self.assertEqual(numbers["Members joined"], 4)
        self.assertEqual(numbers["Members left"], 2)
        self.assertEqual(numbers["Partnerships formed"], 2)
        self.assertEqual(numbers["Case studies published"], 2)
        self.assertEqual(numbers["Toolkits released"], 2)
        self.assertEqual(numbers["Hours of technical assistance"], 15.0)  # the unfinished 100 hours do not count
        self.assertEqual(dict(data["members_by_sector"]), {"Business": 3, "NGO": 3})
        self.assertEqual([count for _label, count in data["attendance_by_quarter"]], [2, 2, 0, 0])

    def test_pdf_numbers_and_nothing_confidential(self):
        pdf = self._pdf(self._wizard(2019))
        text = self.pdf_text(pdf)
        self.assertIn("Annual Report 2019", text)
        self.assertIn("Sessions held 2", text)
        self.assertIn("Attendances 4", text)
        self.assertIn("Member organizations at the end of the year 6", text)
        self.assertIn("Members joined 4", text)
        self.assertIn("Members left 2", text)
        self.assertIn("Partnerships formed 2", text)
        self.assertIn("Case studies published 2", text)
        self.assertIn("Toolkits released 2", text)
        self.assertIn("Hours of technical assistance 15", text)
        self.assertIn("Alpha Session 0", text)
        self.assertIn("Alpha Company 0", text)  # a host, and a member that joined
        self.assertIn("Alpha Leaver 1", text)
        self.assertIn("Women screened", text)
        self.assertIn("Alpha Toolkit 1", text)
        # the named case study by its title, the anonymized one without its organization's name
        self.assertIn("Alpha clinic of Alpha Company 1", text)
        self.assertIn("Alpha clinic of a member company", text)
        self.assertNotIn("Alpha clinic of Alpha Company 0", text)
        for secret in (NOTE_SECRET, SUMMARY_SECRET, DRAFT_TITLE, "Before Session", "Before Toolkit"):
            self.assertNotIn(secret, text)
        # the company's document layout prints: its name is in the header or footer
        self.assertIn("Forum Tahunan", text)

    def test_pdf_charts_are_drawn(self):
        """The SVG charts are rendered by wkhtmltopdf: the chart area of the page is not blank."""
        wizard = self._wizard(2019)
        html = self.env["ir.actions.report"].with_user(self.user_secretariat)._render_qweb_html(REPORT, wizard.ids)[0]
        html = html.decode()
        self.assertEqual(html.count("<svg"), 2)
        self.assertRegex(html, r'<rect x="200" y="\d+" width="[\d.]+"')  # bars of the sectors' chart
        pdf = self._pdf(wizard)
        pdftoppm = shutil.which("pdftoppm")
        self.assertTrue(pdftoppm, "pdftoppm (poppler-utils) is required to check the charts")
        with tempfile.TemporaryDirectory() as folder:
            subprocess.run(
                [pdftoppm, "-png", "-r", "60", "-f", "1", "-l", "1", "-", f"{folder}/page"],
                input=pdf,
                check=True,
                timeout=120,
            )
            png = min(Path(folder).glob("*.png")).read_bytes()
        colors = self._png_colors(png)
        # the bars' colours (#2f6f8f, #e07a3f) are on the first page
        self.assertIn((0x2F, 0x6F, 0x8F), colors)
        self.assertIn((0xE0, 0x7A, 0x3F), colors)

    def _png_colors(self, png):
        image = Image.open(io.BytesIO(png)).convert("RGB")
        return set(image.getdata())

    def test_indonesian(self):
        """The report's language translates what the data has in Indonesian (sector names, here)."""
        self.env["res.lang"]._activate_lang("id_ID")
        self.env["ir.module.module"]._load_module_terms(["hbri_partnership"], ["id_ID"], overwrite=True)
        data = self._wizard(2019, language="id_ID")._get_annual_data()
        self.assertEqual(dict(data["members_by_sector"]), {"Perusahaan": 3, "LSM": 3})
        data = self._wizard(2019, language="en_US")._get_annual_data()
        self.assertEqual(dict(data["members_by_sector"]), {"Business": 3, "NGO": 3})

    def test_xlsx(self):
        wizard = self._wizard(2019, report_format="xlsx")
        action = wizard.action_print()
        self.assertEqual(action["type"], "ir.actions.act_url")
        self.assertIn(f"/web/content/hbri.annual.report/{wizard.id}/file_data/", action["url"])
        book = load_workbook(io.BytesIO(base64.b64decode(wizard.file_data)))
        numbers = {row[0].value: row[1].value for row in book["Year in Numbers"].iter_rows(min_row=2) if row[0].value}
        self.assertEqual(numbers["Sessions held"], 2)
        self.assertEqual(numbers["Members left"], 2)
        self.assertEqual(numbers["Hours of technical assistance"], 15)
        sessions = [[cell.value for cell in row] for row in book["Sessions"].iter_rows(min_row=2)]
        self.assertEqual([row[1] for row in sessions], ["Alpha Session 0", "Alpha Session 1"])
        self.assertEqual([row[5] for row in sessions], [2, 2])
        titles = [row[0].value for row in book["Case Studies"].iter_rows(min_row=2)]
        self.assertEqual(sorted(titles), ["Alpha clinic of Alpha Company 1", "Alpha clinic of a member company"])
        indicators = [[cell.value for cell in row] for row in book["Partnerships"].iter_rows(min_row=2)]
        self.assertIn(
            ["Alpha Partnership 0", "Women screened", 600, 412], [[r[0], r[4], r[6], r[7]] for r in indicators]
        )
        everything = " ".join(
            str(cell.value) for sheet in book.worksheets for row in sheet.iter_rows() for cell in row if cell.value
        )
        for secret in (NOTE_SECRET, SUMMARY_SECRET, DRAFT_TITLE, "Before Session"):
            self.assertNotIn(secret, everything)
        self.assertNotIn("clinic of Alpha Company 0", everything)
        # the file is served to its creator only
        self.authenticate(self.user_secretariat.login, self.user_secretariat.login)
        response = self.url_open(action["url"])
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, base64.b64decode(wizard.file_data))
        other = new_test_user(
            self.env,
            login="hbri_annual_other",
            groups="base.group_user,hbri_partnership.hbri_partnership_group_secretariat",
            company_ids=[Command.set(self.company.ids)],
            company_id=self.company.id,
        )
        self.authenticate(other.login, other.login)
        response = self.url_open(action["url"])
        self.assertNotEqual(response.status_code, 200)
        self.assertNotEqual(response.headers.get("Content-Type"), XLSX)

    def test_who_may_print(self):
        with self.assertRaises(AccessError):
            self._wizard(2019, user=self.user_staff)
        wizard = self._wizard(2019)
        with self.assertRaises(AccessError):
            wizard.with_user(self.user_staff)._get_annual_data()
        with self.assertRaises(AccessError):
            self.render_pdf(REPORT, wizard, user=self.user_staff)
        manager_wizard = self._wizard(2019, user=self.user_manager)
        self.assertEqual(dict(manager_wizard._get_annual_data()["numbers"])["Sessions held"], 2)

    def test_bad_year(self):
        with self.assertRaises(UserError):
            self._wizard(19)


@tagged("post_install", "-at_install", "hbri_partnership")
class TestHbriAnnualReportQueries(HbriAnnualReportCommon):
    def _queries(self, year):
        wizard = self._wizard(year)
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        wizard._get_annual_data()
        self.env["ir.actions.report"].with_user(self.user_secretariat)._render_qweb_html(REPORT, wizard.ids)
        wizard._render_xlsx()
        return self.env.cr.sql_log_count - before

    def test_constant_queries(self):
        self._make_year(2016, 1, "Small")
        self._make_year(2017, 4, "Large")
        self._queries(2016)  # warm the caches (views, translations)
        self._queries(2017)
        small, large = self._queries(2016), self._queries(2017)
        self.assertEqual(small, large, "the annual report's queries grow with the size of the year")
