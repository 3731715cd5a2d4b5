# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import HbriSurveyCommon

MIN_ANSWERS = "hbri_partnership_survey.evaluation_min_answers"
FIGURES = ("evaluation_usefulness_avg", "evaluation_present_count", "evaluation_host_count")


@freeze_time("2026-09-10 08:00:00")
class TestHbriSurveyMinAnswers(HbriSurveyCommon):
    """With one or two answers, a session's evaluation figures would tell staff what that member answered: below
    the minimum number of answers (3 by default) they are not stored, so that no view, pivot, export or
    dashboard shows them."""

    def _evaluations(self, session):
        return self.env["hbri.session.evaluation"].search([("session_id", "=", session.id)], order="id")

    def _figures(self, session, user):
        [row] = session.with_user(user).read([*FIGURES, "evaluation_answered_count", "evaluation_is_shown"])
        return row

    def test_one_answer_is_hidden_from_staff(self):
        self._hold(self.rt_session)
        self._answer(self._evaluations(self.rt_session)[0], score=5, willing=self.a_present | self.a_host)
        for user in (self.user_staff, self.user_secretariat, self.user_manager):
            with self.subTest(user=user.login):
                row = self._figures(self.rt_session, user)
                self.assertEqual(row["evaluation_answered_count"], 1, "how many answered is not an answer")
                self.assertFalse(row["evaluation_is_shown"])
                self.assertEqual([row[name] for name in FIGURES], [0.0, 0, 0])
        session = self.rt_session.with_user(self.user_staff).with_context(lang="en_US")
        self.assertEqual(
            session.evaluation_hidden_reason,
            "Fewer than 3 answers: the figures stay hidden so that no answer can be told apart.",
        )
        # the pivot and the dashboard read stored values: nothing of the answer there either
        Session = self.env(user=self.user_staff)["hbri.roundtable.session"]
        [(avg, present, host)] = Session._read_group(
            [("id", "=", self.rt_session.id)],
            [],
            ["evaluation_usefulness_avg:avg", "evaluation_present_count:sum", "evaluation_host_count:sum"],
        )
        self.assertEqual((avg, present, host), (0.0, 0, 0))
        self.assertFalse(Session.search([("id", "=", self.rt_session.id), ("evaluation_usefulness_avg", "=", 5)]))

    def test_three_answers_are_shown(self):
        self._hold(self.rt_session)
        first, second, third = self._evaluations(self.rt_session)
        self._answer(first, score=5, willing=self.a_present)
        self._answer(second, score=3, willing=self.a_host)
        row = self._figures(self.rt_session, self.user_staff)
        self.assertFalse(row["evaluation_is_shown"], "two answers are still fewer than three")
        self.assertEqual(row["evaluation_usefulness_avg"], 0.0)
        self._answer(third, score=4, willing=self.a_host)
        row = self._figures(self.rt_session, self.user_staff)
        self.assertTrue(row["evaluation_is_shown"])
        self.assertAlmostEqual(row["evaluation_usefulness_avg"], 4.0)
        self.assertEqual((row["evaluation_present_count"], row["evaluation_host_count"]), (1, 2))
        self.assertFalse(self.rt_session.with_user(self.user_staff).evaluation_hidden_reason)

    def test_minimum_is_a_setting(self):
        self._hold(self.rt_session)
        self._answer(self._evaluations(self.rt_session)[0], score=2)
        self.assertFalse(self.rt_session.evaluation_is_shown)
        # lowered by an administrator: the stored totals follow at once
        self.env["ir.config_parameter"].set_param(MIN_ANSWERS, "1")
        self.assertTrue(self.rt_session.evaluation_is_shown)
        self.assertAlmostEqual(self.rt_session.evaluation_usefulness_avg, 2.0)
        self.env["ir.config_parameter"].set_param(MIN_ANSWERS, "5")
        self.assertFalse(self.rt_session.evaluation_is_shown)
        self.assertEqual(self.rt_session.evaluation_usefulness_avg, 0.0)
        # removed: back to the default of 3
        self.env["ir.config_parameter"].search([("key", "=", MIN_ANSWERS)]).unlink()
        self.assertFalse(self.rt_session.evaluation_is_shown)

    def test_minimum_refuses_bad_values(self):
        param = self.env["ir.config_parameter"].search([("key", "=", MIN_ANSWERS)])
        self.assertEqual(param.value, "3", "shipped with a minimum of 3 answers")
        for value in ("0", "-2", "three", "2.5", ""):
            with self.subTest(value=value), self.assertRaises(ValidationError):
                param.write({"value": value})
        self.assertEqual(param.value, "3")
        # only administrators change it (Odoo's own rights on system parameters)
        with self.assertRaises(AccessError):
            param.with_user(self.user_secretariat).write({"value": "1"})

    def test_staff_cannot_force_figures(self):
        self._hold(self.rt_session)
        self._answer(self._evaluations(self.rt_session)[0], score=5)
        with self.assertRaises(UserError):
            self.rt_session.with_user(self.user_secretariat).write({"evaluation_is_shown": True})
        self.assertFalse(self.rt_session.evaluation_is_shown)

    def test_year_average_leaves_out_hidden_sessions(self):
        """The evaluation pivot and dashboard filter on sessions with enough answers: a hidden session (stored
        as zero) does not pull the year's average down."""
        self._hold(self.rt_session)
        for evaluation, score in zip(self._evaluations(self.rt_session), (5, 4, 3), strict=True):
            self._answer(evaluation, score=score)
        earlier = self._make_session(datetime(2026, 6, 8, 2))
        self._hold(earlier)
        self._answer(self._evaluations(earlier)[0], score=1)
        action = self.env.ref("hbri_partnership_survey.hbri_roundtable_session_action_evaluation")
        self.assertIn("search_default_evaluation_shown", action.context)
        Session = self.env(user=self.user_staff)["hbri.roundtable.session"]
        [(avg,)] = Session._read_group(
            [("id", "in", (self.rt_session | earlier).ids), ("evaluation_is_shown", "=", True)],
            [],
            ["evaluation_usefulness_avg:avg"],
        )
        self.assertAlmostEqual(avg, 4.0)


@tagged("post_install", "-at_install", "hbri_partnership_survey")
class TestHbriSurveyMinAnswersViews(HbriSurveyCommon):
    def test_form_hides_figures(self):
        """The session form's evaluation tab shows the reason instead of the figures."""
        Session = self.env(user=self.user_staff, context={"lang": "en_US"})["hbri.roundtable.session"]
        arch = Session.get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn('name="evaluation_hidden_reason"', arch)
        self.assertIn('invisible="not evaluation_is_shown"', arch)
