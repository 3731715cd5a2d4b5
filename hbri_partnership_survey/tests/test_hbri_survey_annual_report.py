# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import io

from openpyxl import load_workbook

from odoo.tests import HttpCase, tagged
from odoo.tools.translate import code_translations

from odoo.addons.hbri_partnership.tests.test_hbri_annual_report import REPORT, HbriAnnualReportCommon

MIN_ANSWERS = "hbri_partnership_survey.evaluation_min_answers"
FREE_TEXT = "Pak Joko wants to talk about the district budget again"


class HbriSurveyAnnualReportCommon(HbriAnnualReportCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].set_param(MIN_ANSWERS, "2")
        cls.q_usefulness = cls.env.ref("hbri_partnership_survey.survey_question_hbri_usefulness")
        cls.q_next = cls.env.ref("hbri_partnership_survey.survey_question_hbri_next_topics")
        cls.q_willing = cls.env.ref("hbri_partnership_survey.survey_question_hbri_willingness")
        cls.a_present = cls.env.ref("hbri_partnership_survey.survey_question_answer_hbri_present")
        cls.a_host = cls.env.ref("hbri_partnership_survey.survey_question_answer_hbri_host")

    @classmethod
    def _evaluations(cls, prefix, index):
        session = cls.env["hbri.roundtable.session"].search([("name", "=", f"{prefix} Session {index}")])
        # the story marked attendance; the scheduled job invites (its work, here without its commits)
        queued = session.attendee_ids.filtered("evaluation_pending")
        cls.env["hbri.session.evaluation"].sudo()._send_queued(queued)
        evaluations = cls.env["hbri.session.evaluation"].search([("session_id", "=", session.id)], order="id")
        assert len(evaluations) == 2, "each session of the story has two attendees, both invited to evaluate"
        return evaluations

    @classmethod
    def _answer(cls, evaluation, score, willing=(), topics=FREE_TEXT):
        """Answer as Survey's pages do: sudo, as the public user following the invitation's link."""
        user_input = evaluation.user_input_id.with_user(cls.env.ref("base.public_user")).sudo()
        user_input._save_lines(cls.q_usefulness, str(score))
        user_input._save_lines(cls.q_next, topics)
        if willing:
            user_input._save_lines(cls.q_willing, [answer.id for answer in willing])
        user_input._mark_done()


@tagged("post_install", "-at_install", "hbri_partnership_survey")
class TestHbriSurveyAnnualReport(HbriSurveyAnnualReportCommon, HttpCase):
    """The annual report of 2019: Alpha Session 0 has both its answers (4 and 5), Alpha Session 1 one answer
    (1), below the minimum of 2: its figures stay out, of the session's row and of the year's."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._make_year(2019, 2, "Alpha")
        cls._make_year(2018, 1, "Before")
        first, second = cls._evaluations("Alpha", 0)
        cls._answer(first, 4, willing=cls.a_host, topics="The first free text answer")
        cls._answer(second, 5, willing=cls.a_present | cls.a_host)
        cls._answer(cls._evaluations("Alpha", 1)[0], 1)
        cls._answer(cls._evaluations("Before", 0)[0], 2)
        cls._answer(cls._evaluations("Before", 0)[1], 2)

    def test_figures(self):
        evaluations = self._wizard(2019)._get_annual_data()["evaluations"]
        self.assertEqual(
            evaluations["sessions"],
            [
                {
                    "date": evaluations["sessions"][0]["date"],
                    "name": "Alpha Session 0",
                    "invited": 2,
                    "answered": 2,
                    "usefulness": 4.5,
                    "present": 1,
                    "host": 2,
                }
            ],
        )
        # the year: Alpha Session 0 only (Alpha Session 1's single answer of 1 would make it 3.33; 2018's 2 not)
        self.assertEqual(
            {key: evaluations[key] for key in ("invited", "answered", "usefulness", "present", "host", "hidden")},
            {"invited": 2, "answered": 2, "usefulness": 4.5, "present": 1, "host": 2, "hidden": 1},
        )
        numbers = dict(self._wizard(2019)._get_annual_data()["numbers"])
        self.assertEqual(numbers["Session evaluations answered"], 2)
        # a lower minimum shows the second session, and the year counts its answer
        self.env["ir.config_parameter"].set_param(MIN_ANSWERS, "1")
        evaluations = self._wizard(2019)._get_annual_data()["evaluations"]
        self.assertEqual([row["name"] for row in evaluations["sessions"]], ["Alpha Session 0", "Alpha Session 1"])
        self.assertEqual((evaluations["answered"], evaluations["usefulness"], evaluations["hidden"]), (3, 3.33, 0))

    def _pdf_text(self, language):
        pdf = self.render_pdf(REPORT, self._wizard(2019, language=language), user=self.user_secretariat)
        return self.pdf_text(pdf)

    def test_pdf(self):
        text = self._pdf_text("en_US")
        section = text[text.index("Session Evaluations") :]
        # date, session, sent, answers, average, willing to present, willing to host; then the year
        self.assertRegex(section, r"Alpha Session 0 2 2 4\.50 1 2")
        self.assertRegex(section, r"The year 2 2 4\.50 1 2")
        self.assertIn("Only sessions with at least 2 answers are shown, and no answer is quoted", section)
        self.assertIn("1 session(s) with fewer than 2 answers are left out", section)
        self.assertNotIn("Alpha Session 1", section)
        self.assertIn("Session evaluations answered 2", text)
        self._assert_nobody_named(text)

    def test_pdf_indonesian(self):
        self.env["res.lang"]._activate_lang("id_ID")
        self.env["ir.module.module"]._load_module_terms(
            ["hbri_partnership", "hbri_partnership_survey"], ["id_ID"], overwrite=True
        )
        text = self._pdf_text("id_ID")
        # the figures in Indonesian notation (decimal comma), under the report's Indonesian words
        self.assertRegex(text, r"Alpha Session 0 2 2 4,50 1 2")
        self.assertNotIn("4.50", text)
        # the words as the report translates them (each addon's own terms)
        self.assertIn(self._indonesian("hbri_partnership", "Sessions held"), text)
        self.assertIn(self._indonesian("hbri_partnership_survey", "Session evaluations answered"), text)
        self.assertNotIn("Alpha Session 1", text[text.index("Alpha Session 0 2 2") :])
        self._assert_nobody_named(text)

    def _indonesian(self, module, source):
        translated = code_translations.get_python_translations(module, "id_ID").get(source, source)
        self.assertTrue(translated)
        return translated

    def _assert_nobody_named(self, text):
        for secret in (FREE_TEXT, "The first free text answer", "Rep of Alpha", "Rep of Before"):
            self.assertNotIn(secret, text)

    def test_xlsx(self):
        wizard = self._wizard(2019, report_format="xlsx")
        wizard.action_print()
        book = load_workbook(io.BytesIO(base64.b64decode(wizard.file_data)))
        rows = [[cell.value for cell in row] for row in book["Session Evaluations"].iter_rows()]
        self.assertEqual(
            rows[0],
            [
                "Date",
                "Session",
                "Evaluations sent",
                "Answers",
                "Average usefulness (1 to 5)",
                "Willing to present",
                "Willing to host",
            ],
        )
        self.assertEqual(rows[1][1:], ["Alpha Session 0", 2, 2, 4.5, 1, 2])
        self.assertEqual(rows[1][0].date().year, 2019)
        self.assertEqual(rows[2][1:], ["The year", 2, 2, 4.5, 1, 2])
        self.assertNotIn("Alpha Session 1", [row[1] for row in rows])
        self.assertIn("1 session(s) with fewer than 2 answers are left out", rows[4][0])
        numbers = {row[0].value: row[1].value for row in book["Year in Numbers"].iter_rows(min_row=2) if row[0].value}
        self.assertEqual(numbers["Session evaluations answered"], 2)
        everything = " ".join(
            str(cell.value) for sheet in book.worksheets for row in sheet.iter_rows() for cell in row if cell.value
        )
        self._assert_nobody_named(everything)


@tagged("post_install", "-at_install", "hbri_partnership_survey")
class TestHbriSurveyAnnualReportQueries(HbriSurveyAnnualReportCommon):
    def _queries(self, year):
        wizard = self._wizard(year)
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        data = wizard._get_annual_data()
        self.env["ir.actions.report"].with_user(self.user_secretariat)._render_qweb_html(REPORT, wizard.ids)
        wizard._render_xlsx()
        return self.env.cr.sql_log_count - before, data["evaluations"]

    def test_constant_queries(self):
        """One session of answered evaluations, then four: the report's queries do not grow."""
        self._make_year(2016, 1, "Small")
        self._make_year(2017, 4, "Large")
        for prefix, size in (("Small", 1), ("Large", 4)):
            for index in range(size):
                for evaluation in self._evaluations(prefix, index):
                    self._answer(evaluation, 3 + index % 3, willing=self.a_host)
        self._queries(2016)  # warm the caches (views, translations)
        self._queries(2017)
        (small, small_data), (large, large_data) = self._queries(2016), self._queries(2017)
        self.assertEqual(len(small_data["sessions"]), 1)
        self.assertEqual(len(large_data["sessions"]), 4)
        self.assertEqual(large_data["answered"], 8)
        self.assertEqual(small, large, "the evaluation section's queries grow with the size of the year")
