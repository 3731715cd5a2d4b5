# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from contextlib import contextmanager
from datetime import date, datetime
from unittest.mock import patch

from odoo.tests import new_test_user

from odoo.addons.hbri_partnership.tests.common import HbriPartnershipCommon

NOTE_TEXT = "Pak Budi admitted the clinic pilot lost its district funding"


class HbriSurveyCommon(HbriPartnershipCommon):
    """A session with three member representatives (one a portal user), a facilitator and a confidential note."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        cls.survey = cls.env.ref("hbri_partnership_survey.survey_hbri_session_evaluation")
        cls.q_usefulness = cls.env.ref("hbri_partnership_survey.survey_question_hbri_usefulness")
        cls.q_next = cls.env.ref("hbri_partnership_survey.survey_question_hbri_next_topics")
        cls.q_willing = cls.env.ref("hbri_partnership_survey.survey_question_hbri_willingness")
        cls.a_present = cls.env.ref("hbri_partnership_survey.survey_question_answer_hbri_present")
        cls.a_host = cls.env.ref("hbri_partnership_survey.survey_question_answer_hbri_host")
        # the secretariat also manages surveys: it edits the evaluation and reads every answer
        cls.user_secretariat.group_ids += cls.env.ref("survey.group_survey_manager")
        cls.user_facilitator = new_test_user(
            cls.env,
            login="hbri_survey_facilitator",
            groups="base.group_user,hbri_partnership.hbri_partnership_group_facilitator",
        )
        cls._create_membership(cls.org_company, date(2026, 1, 1), state="active")
        cls._create_membership(cls.org_ngo, date(2026, 1, 1), state="active")
        cls.rep_company.email = "ayu@uji.example"
        cls.rep_ngo.email = "bayu@uji.example"
        # the attendees read English (the evaluation speaks the attendee's language), whatever the database was
        # installed with
        cls._offer_languages("en_US")
        (cls.rep_company | cls.rep_ngo).lang = "en_US"
        cls.rep_company_2 = cls.env["res.partner"].create(
            {
                "name": "Citra Representative",
                "parent_id": cls.org_company.id,
                "email": "citra@uji.example",
                "lang": "en_US",
                "hbri_representative_role": "alternate",
            }
        )
        cls.user_portal = new_test_user(
            cls.env, login="ayu_portal", groups="base.group_portal", partner_id=cls.rep_company.id
        )
        cls.rt_session = cls._make_session(datetime(2026, 9, 8, 2))
        cls.note = cls.env(user=cls.user_facilitator)["hbri.session.note"].create(
            {"session_id": cls.rt_session.id, "kind": "qa", "body": f"<p>{NOTE_TEXT}</p>"}
        )

    @classmethod
    def _offer_languages(cls, *codes):
        """Activate these languages and, with Odoo's website installed, serve the websites (and so the survey's
        pages) in them too: a database may have been installed in one language only."""
        langs = cls.env["res.lang"].browse([cls.env["res.lang"]._activate_lang(code).id for code in codes])
        if "website" in cls.env:
            # every website: the one answering the test server's host is not always the "current" one
            for website in cls.env["website"].search([]):
                website.language_ids |= langs
        return langs

    @classmethod
    def _make_session(cls, date_start):
        session = cls.env["hbri.roundtable.session"].create(
            {
                "name": f"Roundtable {date_start:%Y-%m}",
                "language": "en_US",
                "date_start": date_start,
                "date_end": date_start.replace(hour=date_start.hour + 3),
                "facilitator_user_ids": [(6, 0, cls.user_facilitator.ids)],
                "user_id": cls.user_secretariat.id,
            }
        )
        cls.env["hbri.session.attendee"].create(
            [
                {"session_id": session.id, "partner_id": cls.rep_company.id, "role": "member"},
                {"session_id": session.id, "partner_id": cls.rep_ngo.id, "role": "presenter"},
                {"session_id": session.id, "partner_id": cls.rep_company_2.id, "role": "member"},
            ]
        )
        return session

    def _attendee(self, session, partner):
        return session.attendee_ids.filtered(lambda a: a.partner_id == partner)

    def _hold(self, session, absent=()):
        """Hold the session as the secretariat: everyone accepted but the absent ones, attendance marked."""
        for attendee in session.attendee_ids:
            if attendee.partner_id not in absent:
                attendee.action_accept()
        session.with_user(self.user_secretariat).action_mark_held()
        session.with_user(self.user_secretariat).action_mark_accepted_attended()
        # the click queues the evaluations; the scheduled job it wakes sends them
        self._run_evaluation_job()

    @contextmanager
    def _job_commits(self, on_commit=None):
        """The evaluation job's commits, inside a test: each flushes instead (a test may not commit), then calls
        ``on_commit(number)`` (1 for the first commit) when given, which may raise to stop the job there."""
        calls = []

        def commit_progress(model, processed=0, *, remaining=None, deactivate=False):
            model.env.flush_all()
            calls.append((processed, remaining))
            if on_commit:
                on_commit(len(calls))
            return float("inf")

        with patch.object(type(self.env["ir.cron"]), "_commit_progress", commit_progress):
            yield calls

    def _run_evaluation_job(self, batch_size=None):
        """Run the job that sends the queued evaluations, as the scheduler does (as the superuser)."""
        job = self.env.ref("hbri_partnership_survey.ir_cron_hbri_evaluation_send")
        self.assertEqual(job.code, "model._cron_send_evaluations()")
        Evaluation = self.env["hbri.session.evaluation"].sudo()
        with self._job_commits() as calls:
            if batch_size:
                Evaluation._cron_send_evaluations(batch_size=batch_size)
            else:
                Evaluation._cron_send_evaluations()
        return calls

    def _answer(self, evaluation, score=None, topics=None, willing=(), user=None):
        """Answer as Survey's pages do: sudo, as the (possibly logged-in) respondent."""
        user_input = evaluation.user_input_id.with_user(user or self.env.ref("base.public_user")).sudo()
        if score is not None:
            user_input._save_lines(self.q_usefulness, str(score))
        if topics:
            user_input._save_lines(self.q_next, topics)
        if willing:
            user_input._save_lines(self.q_willing, [a.id for a in willing])
        user_input._mark_done()
        return user_input
