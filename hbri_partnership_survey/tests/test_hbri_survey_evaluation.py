# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime

from freezegun import freeze_time

from odoo import SUPERUSER_ID
from odoo.exceptions import AccessError, UserError, ValidationError

from .common import NOTE_TEXT, HbriSurveyCommon


@freeze_time("2026-09-10 08:00:00")
class TestHbriSurveyEvaluation(HbriSurveyCommon):
    def _evaluation_mails(self, template_xmlid="hbri_partnership_survey.mail_template_hbri_evaluation_invitation"):
        template = self.env.ref(template_xmlid)
        subject = template.subject.split("{{")[0].strip()
        evaluations = self.env["hbri.session.evaluation"].search([("session_id", "=", self.rt_session.id)])
        return self.env["mail.mail"].search(
            [("subject", "like", subject), ("model", "=", "hbri.session.evaluation"), ("res_id", "in", evaluations.ids)]
        )

    def test_invitations_after_held(self):
        Evaluation = self.env["hbri.session.evaluation"]
        facilitator = self.env["hbri.session.attendee"].create(
            {"session_id": self.rt_session.id, "partner_id": self.user_facilitator.partner_id.id, "role": "facilitator"}
        )
        self.rt_session.with_user(self.user_secretariat).action_invite_members()
        self.assertFalse(Evaluation.search([("session_id", "=", self.rt_session.id)]), "nothing before it is held")
        # Citra did not come: she is not asked to evaluate
        self._hold(self.rt_session, absent=self.rep_company_2)
        facilitator.action_attended()
        evaluations = Evaluation.search([("session_id", "=", self.rt_session.id)])
        self.assertEqual(evaluations.partner_id, self.rep_company | self.rep_ngo)
        self.assertEqual(self.rt_session.evaluation_invited_count, 2)
        self.assertEqual(evaluations.user_input_id.survey_id, self.survey)
        mails = self._evaluation_mails()
        self.assertEqual(len(mails), 2)
        self.assertEqual(mails.recipient_ids, self.rep_company | self.rep_ngo)
        for evaluation in evaluations:
            mail = mails.filtered(lambda m, e=evaluation: m.res_id == e.id)
            self.assertIn(f"answer_token={evaluation.user_input_id.access_token}", mail.body_html)
            self.assertIn(f"Your evaluation of {self.rt_session.name}", mail.subject)
            # the author is the company: the user who marked the session held cannot read the personal link
            self.assertNotEqual(mail.author_id, self.user_secretariat.partner_id)
        # attendance corrected afterwards: Citra came after all, she is invited once, the others not again
        self._attendee(self.rt_session, self.rep_company_2).action_attended()
        self._attendee(self.rt_session, self.rep_company).action_attended()
        self._run_evaluation_job()
        evaluations = Evaluation.search([("session_id", "=", self.rt_session.id)])
        self.assertEqual(len(evaluations), 3)
        self.assertEqual(len(self._evaluation_mails()), 3)

    def test_no_evaluation_without_survey(self):
        self.rt_session.evaluation_survey_id = False
        self._hold(self.rt_session)
        self.assertFalse(self.env["hbri.session.evaluation"].search([("session_id", "=", self.rt_session.id)]))

    def test_answers_are_anonymous_to_staff(self):
        self._hold(self.rt_session)
        evaluation = self.env["hbri.session.evaluation"].search([("partner_id", "=", self.rep_company.id)])
        # Ayu answers logged in to the portal: Survey would record her as the contact and the author
        self._answer(evaluation, score=4, topics="Financing of clinics", willing=self.a_host, user=self.user_portal)
        for user in (self.user_secretariat, self.user_staff, self.user_facilitator):
            env = self.env(user=user)
            with self.assertRaises(AccessError):
                env["hbri.session.evaluation"].search([])
            with self.assertRaises(AccessError):
                env["hbri.roundtable.session"].browse(self.rt_session.id).evaluation_ids  # noqa: B018
            with self.assertRaises(AccessError):
                env["hbri.session.attendee"].browse(self._attendee(self.rt_session, self.rep_company).id).evaluation_ids  # noqa: B018
        # the secretariat manages surveys and reads every answer, none tells whose it is
        env = self.env(user=self.user_secretariat)
        own = self.env["hbri.session.evaluation"].search([("session_id", "=", self.rt_session.id)])
        inputs = env["survey.user_input"].search([("id", "in", own.user_input_id.ids)])
        self.assertEqual(len(inputs), 3)
        answered = inputs.filtered(lambda i: i.state == "done")
        self.assertEqual(
            answered.user_input_line_ids.filtered("value_text_box").mapped("value_text_box"), ["Financing of clinics"]
        )
        people = self.rep_company | self.user_portal.partner_id
        for user_input in inputs:
            self.assertFalse(user_input.partner_id)
            self.assertFalse(user_input.email)
            self.assertFalse(user_input.nickname)
            self.assertNotIn(user_input.create_uid, self.user_portal | self.user_secretariat)
            self.assertNotIn(user_input.write_uid, self.user_portal)
            self.assertFalse(user_input.message_ids.author_id & people)
            self.assertFalse(user_input.message_ids.partner_ids & people)
        self.assertEqual(answered.write_uid.id, SUPERUSER_ID)
        for line in answered.user_input_line_ids:
            self.assertNotIn(line.create_uid | line.write_uid, self.user_portal)
        for domain in (
            [("partner_id", "=", self.rep_company.id)],
            [("email", "=", self.rep_company.email)],
            [("create_uid", "=", self.user_portal.id)],
            [("write_uid", "=", self.user_portal.id)],
        ):
            self.assertFalse(env["survey.user_input"].search(domain), domain)
        self.assertFalse(env["survey.user_input.line"].search([("write_uid", "=", self.user_portal.id)]))
        # the mails holding each person's link are not the secretariat's to read
        self.assertFalse(env["mail.message"].search([("model", "=", "hbri.session.evaluation")]))

    def test_evaluation_survey_stays_anonymous(self):
        survey = self.survey.with_user(self.user_secretariat)
        with self.assertRaises(ValidationError):
            survey.access_mode = "public"
        with self.assertRaises(ValidationError):
            survey.users_login_required = True

    def test_evaluation_survey_stays_an_evaluation(self):
        other = self.env["survey.survey"].create({"title": "Catering feedback", "access_mode": "public"})
        with self.assertRaises(ValidationError):
            self.rt_session.with_user(self.user_secretariat).evaluation_survey_id = other
        self._hold(self.rt_session)
        with self.assertRaises(UserError):
            self.survey.with_user(self.user_secretariat).hbri_is_evaluation = False
        self.assertTrue(self.survey.hbri_is_evaluation)

    def test_one_reminder_only(self):
        self._hold(self.rt_session)
        evaluations = self.env["hbri.session.evaluation"].search([("session_id", "=", self.rt_session.id)])
        self._answer(evaluations.filtered(lambda e: e.partner_id == self.rep_ngo), score=5)
        Evaluation = self.env["hbri.session.evaluation"]
        Evaluation._cron_send_reminders()
        self.assertFalse(self._evaluation_mails("hbri_partnership_survey.mail_template_hbri_evaluation_reminder"))
        with freeze_time("2026-09-16 08:00:00"):
            Evaluation._cron_send_reminders()
            reminders = self._evaluation_mails("hbri_partnership_survey.mail_template_hbri_evaluation_reminder")
            self.assertEqual(reminders.recipient_ids, self.rep_company | self.rep_company_2)
            self.assertEqual(evaluations.filtered("reminder_sent").partner_id, self.rep_company | self.rep_company_2)
            Evaluation._cron_send_reminders()
            self.rt_session.with_user(self.user_secretariat).action_send_evaluation_reminders()
            self.assertEqual(
                len(self._evaluation_mails("hbri_partnership_survey.mail_template_hbri_evaluation_reminder")), 2
            )

    def test_reminder_button(self):
        self._hold(self.rt_session)
        with self.assertRaises(AccessError):
            self.rt_session.with_user(self.user_staff).action_send_evaluation_reminders()
        self.rt_session.with_user(self.user_secretariat).action_send_evaluation_reminders()
        reminders = self._evaluation_mails("hbri_partnership_survey.mail_template_hbri_evaluation_reminder")
        self.assertEqual(len(reminders), 3)
        self.rt_session.with_user(self.user_secretariat).action_send_evaluation_reminders()
        self.assertEqual(
            len(self._evaluation_mails("hbri_partnership_survey.mail_template_hbri_evaluation_reminder")), 3
        )

    def test_aggregation(self):
        # the arithmetic of the totals, on sessions of two answers and one (shown from one answer here; the
        # minimum of 3 answers is tested in test_hbri_survey_min_answers)
        self.env["ir.config_parameter"].set_param("hbri_partnership_survey.evaluation_min_answers", "1")
        self._hold(self.rt_session)
        by_partner = {
            e.partner_id: e
            for e in self.env["hbri.session.evaluation"].search([("session_id", "=", self.rt_session.id)])
        }
        self._answer(by_partner[self.rep_company], score=5, willing=self.a_present | self.a_host)
        self._answer(by_partner[self.rep_ngo], score=2, willing=self.a_host)
        session = self.rt_session.with_user(self.user_staff)
        self.assertEqual(session.evaluation_invited_count, 3)
        self.assertEqual(session.evaluation_answered_count, 2)
        self.assertAlmostEqual(session.evaluation_usefulness_avg, 3.5)
        self.assertEqual(session.evaluation_present_count, 1)
        self.assertEqual(session.evaluation_host_count, 2)
        # the year: a second session (an earlier one: a session is held only on or after its day), one answer
        later = self._make_session(datetime(2026, 6, 8, 2))
        self._hold(later)
        evaluation = self.env["hbri.session.evaluation"].search([("session_id", "=", later.id)], limit=1)
        self._answer(evaluation, score=4)
        Session = self.env(user=self.user_staff)["hbri.roundtable.session"]
        [(year, answered, invited, avg)] = Session._read_group(
            [("id", "in", (self.rt_session | later).ids)],
            ["date_start:year"],
            ["evaluation_answered_count:sum", "evaluation_invited_count:sum", "evaluation_usefulness_avg:avg"],
        )
        self.assertEqual(year.year, 2026)
        self.assertEqual((answered, invited), (3, 6))
        self.assertAlmostEqual(avg, 3.75)

    def test_totals_are_not_editable(self):
        for field, value in (("evaluation_usefulness_avg", 5.0), ("evaluation_answered_count", 30)):
            with self.assertRaises(UserError):
                self.rt_session.with_user(self.user_secretariat).write({field: value})
        self.assertEqual(self.rt_session.evaluation_usefulness_avg, 0.0)

    def test_no_note_in_evaluation(self):
        self._hold(self.rt_session)
        self.rt_session.with_user(self.user_secretariat).action_send_evaluation_reminders()
        mails = self._evaluation_mails() | self._evaluation_mails(
            "hbri_partnership_survey.mail_template_hbri_evaluation_reminder"
        )
        self.assertEqual(len(mails), 6)
        for mail in mails:
            self.assertNotIn(NOTE_TEXT, mail.body_html)
            self.assertNotIn(NOTE_TEXT, mail.subject)
        survey = self.survey
        texts = [survey.title, str(survey.description), str(survey.description_done)]
        for question in survey.question_and_page_ids:
            texts += [question.title, str(question.description or ""), str(question.question_placeholder or "")]
            texts += question.suggested_answer_ids.mapped("value")
        self.assertFalse([text for text in texts if NOTE_TEXT in (text or "")])

    def test_evaluations_of_a_large_session_in_constant_queries(self):
        people = self.env["res.partner"].create([{"name": f"Peserta {i:03d}"} for i in range(72)])
        counts = []
        for size, day in ((2, 2), (10, 3), (60, 4)):
            session = self.env["hbri.roundtable.session"].create(
                {
                    "kind": "special",
                    "language": "en_US",
                    "is_additional": True,  # three sessions in one quarter, confirmed
                    # past sessions: a session is held only on or after its day
                    "date_start": datetime(2026, 8, day, 2),
                    "date_end": datetime(2026, 8, day, 5),
                }
            )
            attendees = self.env["hbri.session.attendee"].create(
                [{"session_id": session.id, "partner_id": person.id, "role": "guest"} for person in people[:size]]
            )
            attendees.write({"state": "accepted"})
            session.state = "held"
            self.env.flush_all()
            session.with_user(self.user_secretariat).action_mark_accepted_attended()
            self.env.flush_all()
            self.assertEqual(session.evaluation_queued_count, size)
            # the scheduled job invites them, after the click (one batch here)
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            self._run_evaluation_job()
            counts.append(self.env.cr.sql_log_count - before)
            self.assertEqual(session.evaluation_invited_count, size)
        self.assertEqual(counts[1], counts[2], f"queries of the job inviting 2 / 10 / 60 attendees: {counts}")
