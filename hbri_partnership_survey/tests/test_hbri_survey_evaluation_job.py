# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import HbriSurveyCommon

MUTED = ("odoo.sql_db", "odoo.models", "odoo.addons.base.models.ir_rule", "odoo.addons.base.models.ir_model")


class JobCrashed(Exception):
    """The job's process stops between two batches."""


@freeze_time("2026-09-10 08:00:00")
class TestHbriSurveyEvaluationJob(HbriSurveyCommon):
    """Marking attendance only queues the evaluations: the scheduled job creates the anonymous answers and
    e-mails them, once per attendee, whatever happens between the click and the job."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.job = cls.env.ref("hbri_partnership_survey.ir_cron_hbri_evaluation_send")
        cls.people = cls.env["res.partner"].create(
            [{"name": f"Peserta {i:03d}", "email": f"peserta{i}@uji.example", "lang": "en_US"} for i in range(50)]
        )

    def _held_session(self, size, day):
        """A session held (on day ``day`` of August) whose ``size`` guests accepted."""
        session = self.env["hbri.roundtable.session"].create(
            {
                "kind": "special",
                "language": "en_US",
                "is_additional": True,  # several sessions in one quarter, confirmed
                "date_start": datetime(2026, 8, day, 2),
                "date_end": datetime(2026, 8, day, 5),
            }
        )
        attendees = self.env["hbri.session.attendee"].create(
            [{"session_id": session.id, "partner_id": person.id, "role": "guest"} for person in self.people[:size]]
        )
        attendees.action_accept()
        session.with_user(self.user_secretariat).action_mark_held()
        return session, attendees

    def _mark(self, session):
        """The secretariat's click, with chatter tracking on as in the web client."""
        session.with_user(self.user_secretariat).with_context(
            tracking_disable=False, mail_notrack=False
        ).action_mark_accepted_attended()
        self.env.flush_all()

    def _evaluations(self, session):
        return self.env["hbri.session.evaluation"].search([("session_id", "=", session.id)])

    def _mails(self, session):
        return self.env["mail.mail"].search(
            [("model", "=", "hbri.session.evaluation"), ("res_id", "in", self._evaluations(session).ids)]
        )

    def _triggers(self):
        return self.env["ir.cron.trigger"].search([("cron_id", "=", self.job.id)])

    def test_click_queues_the_job_sends_once(self):
        session, attendees = self._held_session(50, 3)
        answers_before = self.env["survey.user_input"].search_count([])
        mails_before = self.env["mail.mail"].search_count([])
        triggers_before = self._triggers()
        self._mark(session)
        self.assertEqual(set(attendees.mapped("state")), {"attended"})
        # the click: no answer created, no e-mail rendered nor queued
        self.assertEqual(self.env["survey.user_input"].search_count([]), answers_before, "no answer in the click")
        self.assertEqual(self.env["mail.mail"].search_count([]), mails_before, "no e-mail in the click")
        self.assertFalse(self._evaluations(session))
        # what the secretariat reads: 50 queued, none sent yet; and the job is woken now
        self.assertEqual(session.evaluation_queued_count, 50)
        self.assertEqual(session.evaluation_invited_count, 0)
        self.assertEqual(len(self._triggers() - triggers_before), 1, "one wake-up of the job per click")
        self.assertLessEqual((self._triggers() - triggers_before).call_at, datetime(2026, 9, 10, 8))

        self._run_evaluation_job()
        evaluations = self._evaluations(session)
        self.assertEqual(evaluations.partner_id, self.people)
        self.assertEqual(len(evaluations.user_input_id), 50)
        self.assertEqual(self._mails(session).recipient_ids, self.people)
        self.assertEqual(len(self._mails(session)), 50)
        session.invalidate_recordset()
        self.assertEqual(session.evaluation_queued_count, 0)
        self.assertEqual(session.evaluation_invited_count, 50)

        # the job run again (the hourly run, another click's wake-up): nothing more
        self._run_evaluation_job()
        self.assertEqual(len(self._evaluations(session)), 50)
        self.assertEqual(len(self._mails(session)), 50)
        # the secretariat clicks again: everyone was invited, nothing is queued
        self._mark(session)
        attendees.action_attended()
        self.assertEqual(session.evaluation_queued_count, 0)

    def test_batches_and_a_crash_between_them(self):
        """Each batch is committed with its invitations: a crash loses the batch under way only, and the next
        run invites those left, nobody twice."""
        session, _attendees = self._held_session(50, 4)
        self._mark(session)
        self.env.cr.execute("SAVEPOINT hbri_job_commit")

        def on_commit(number):
            # commits: 1 before the first batch, then one after each batch; the third never comes
            if number == 3:
                raise JobCrashed()
            # what the commit made durable
            self.env.cr.execute("SAVEPOINT hbri_job_commit")

        # not assertRaises: Odoo's rolls back to before the job, the crash only loses the batch under way
        crashed = False
        with self._job_commits(on_commit):
            try:
                self.env["hbri.session.evaluation"].sudo()._cron_send_evaluations(batch_size=20)
            except JobCrashed:
                crashed = True
        self.assertTrue(crashed)
        # the process died: the transaction of the second batch is lost
        self.env.cr.execute("ROLLBACK TO SAVEPOINT hbri_job_commit")
        self.env.invalidate_all()
        self.assertEqual(len(self._evaluations(session)), 20)
        self.assertEqual(len(self._mails(session)), 20)
        self.assertEqual(session.evaluation_queued_count, 30)

        calls = self._run_evaluation_job(batch_size=20)
        # the progress the scheduler reads: 30 to do, then 20, 10 done
        self.assertEqual(calls, [(0, 30), (20, 10), (10, 0)])
        self.assertEqual(len(self._evaluations(session)), 50)
        mails = self._mails(session)
        self.assertEqual(len(mails), 50)
        self.assertEqual(mails.recipient_ids, self.people[:50], "each attendee e-mailed once")
        self.assertEqual(session.evaluation_queued_count, 0)

    def test_unmarked_before_the_job(self):
        self._hold_without_job()
        ayu, bayu = self._attendee(self.rt_session, self.rep_company), self._attendee(self.rt_session, self.rep_ngo)
        self.assertEqual(self.rt_session.evaluation_queued_count, 3)
        # Ayu was marked by mistake: corrected before the job ran
        ayu.with_user(self.user_secretariat).action_absent()
        self.assertEqual(self.rt_session.evaluation_queued_count, 2)
        self._run_evaluation_job()
        self.assertEqual(self._evaluations(self.rt_session).partner_id, self.rep_ngo | self.rep_company_2)
        # she came after all: invited by the next run, once
        ayu.with_user(self.user_secretariat).action_attended()
        self.assertEqual(self.rt_session.evaluation_queued_count, 1)
        self._run_evaluation_job()
        self.assertEqual(len(self._mails(self.rt_session)), 3)
        # unmarked and marked again after her invitation: nothing queued, nothing sent again
        for attendee in (ayu, bayu):
            attendee.with_user(self.user_secretariat).action_absent()
            attendee.with_user(self.user_secretariat).action_attended()
        self.assertEqual(self.rt_session.evaluation_queued_count, 0)
        self._run_evaluation_job()
        self.assertEqual(len(self._evaluations(self.rt_session)), 3)
        self.assertEqual(len(self._mails(self.rt_session)), 3)

    def test_session_reset_or_cancelled_before_the_job(self):
        self._hold_without_job()
        # marked as held by mistake: an administrator resets it, then it is cancelled
        self.rt_session.with_user(self.user_manager).action_reset_to_planned()
        self.assertEqual(self.rt_session.evaluation_queued_count, 0)
        self._run_evaluation_job()
        self.assertFalse(self._evaluations(self.rt_session))
        self.env["hbri.session.cancel"].with_user(self.user_secretariat).create(
            {"session_id": self.rt_session.id, "reason": "Postponed"}
        ).action_cancel()
        self.assertEqual(self.rt_session.state, "cancelled")
        self._run_evaluation_job()
        self.assertFalse(self._evaluations(self.rt_session))
        self.assertFalse(self._mails(self.rt_session))

    def test_session_held_again_after_a_reset(self):
        self._hold_without_job()
        self.rt_session.with_user(self.user_manager).action_reset_to_planned()
        self.rt_session.with_user(self.user_secretariat).action_mark_held()
        # those still marked as attended are owed the evaluation again
        self.assertEqual(self.rt_session.evaluation_queued_count, 3)
        self._run_evaluation_job()
        self.assertEqual(len(self._mails(self.rt_session)), 3)

    def test_job_checks_again_what_was_queued(self):
        """A marker left on an attendee no longer owed the evaluation (the session reset, the survey removed, the
        attendee a facilitator now) sends nothing: the job decides on what is true when it runs."""
        self._hold_without_job()
        queued = self.rt_session.attendee_ids
        # the session's state changed without a write of the ORM (as after an interruption): its queue stays
        self.env.cr.execute("UPDATE hbri_roundtable_session SET state = 'planned' WHERE id = %s", [self.rt_session.id])
        self.env.invalidate_all()
        other, _attendees = self._held_session(2, 5)
        self._mark(other)
        # the evaluation survey archived after the click
        other.sudo().evaluation_survey_id.active = False
        queued |= other.attendee_ids
        self.assertEqual(queued.mapped("evaluation_pending"), [True] * 5)
        self._run_evaluation_job()
        self.assertFalse(self._evaluations(self.rt_session) | self._evaluations(other))
        self.assertEqual(queued.mapped("evaluation_pending"), [False] * 5, "the queue is emptied")

    def test_attended_before_the_update_not_queued(self):
        """A database updated from 19.0.1.1.0 (which invited in the click): the new column is empty on the rows
        that existed, so nobody marked before the update is queued nor invited by the job, even one who was not
        invited then."""
        self._hold_without_job()
        self._run_evaluation_job()
        ayu = self._attendee(self.rt_session, self.rep_company)
        # Ayu's invitation lost before the update (as when her answer was deleted), her row as the update left it
        self._evaluations(self.rt_session).filtered(lambda e: e.partner_id == self.rep_company).unlink()
        self.env.cr.execute(
            "UPDATE hbri_session_attendee SET evaluation_pending = NULL WHERE session_id = %s", [self.rt_session.id]
        )
        self.env.invalidate_all()
        self.assertEqual(self.rt_session.evaluation_queued_count, 0)
        mails = len(self._mails(self.rt_session))
        self._run_evaluation_job()
        self.assertEqual(len(self._mails(self.rt_session)), mails, "nothing sent by the update")
        self.assertFalse(self._evaluations(self.rt_session).filtered(lambda e: e.attendee_id == ayu))

    def _hold_without_job(self):
        for attendee in self.rt_session.attendee_ids:
            attendee.action_accept()
        self.rt_session.with_user(self.user_secretariat).action_mark_held()
        self._mark(self.rt_session)

    def test_click_queries_independent_of_size(self):
        """The click costs as many queries for 5 attendees as for 50 (before: an answer and an e-mail each)."""
        counts = {}
        for size, day in ((1, 6), (5, 7), (50, 8)):
            session, _attendees = self._held_session(size, day)
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            self._mark(session)
            counts[size] = self.env.cr.sql_log_count - before
            self.assertEqual(session.evaluation_queued_count, size)
        self.assertEqual(counts[5], counts[50], f"queries to mark 1 / 5 / 50 attendees: {counts}")


@freeze_time("2026-09-10 08:00:00")
@tagged("post_install", "-at_install", "hbri_partnership_survey")
class TestHbriSurveyEvaluationPendingField(HbriSurveyCommon):
    """The queue marker is the system's: no role sets or clears it through create, write, copy, import or a
    default_ key."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_portal_other = new_test_user(cls.env, login="bayu_portal", groups="base.group_portal")
        cls.roles = {
            "administrator": cls.user_manager,
            "secretariat": cls.user_secretariat,
            "facilitator": cls.user_facilitator,
            "staff": cls.user_staff,
            "internal user without group": cls.user_internal,
            "portal representative": cls.user_portal,
            "other portal user": cls.user_portal_other,
        }
        cls.guest = cls.env["res.partner"].create({"name": "Gita Guest", "parent_id": cls.org_company.id})
        cls.attendee = cls.rt_session.attendee_ids.filtered(lambda a: a.partner_id == cls.rep_company)

    def _state(self):
        self.env.invalidate_all()
        Attendee = self.env["hbri.session.attendee"].sudo()
        return Attendee.search_count([]), Attendee.search_count([("evaluation_pending", "=", True)])

    def _assert_refused(self, call, label):
        before = self._state()
        with self.subTest(label), self.assertRaises(UserError) as caught, mute_logger(*MUTED):
            call()
        if not isinstance(caught.exception, AccessError):
            self.assertIn("Evaluation Queued cannot be set directly", str(caught.exception))
        self.assertEqual(self._state(), before, f"{label}: nothing written")

    def test_every_role_every_path_refused(self):
        new_values = {"session_id": self.rt_session.id, "partner_id": self.guest.id, "role": "guest"}
        for role, user in self.roles.items():
            Attendee = self.env["hbri.session.attendee"].with_user(user)
            attendee = self.attendee.with_user(user)
            for value in (True, False):
                self._assert_refused(
                    lambda A=Attendee, v=value: A.create(dict(new_values, evaluation_pending=v)), f"{role} create"
                )
                self._assert_refused(
                    lambda A=Attendee, v=value: A.with_context(default_evaluation_pending=v).create(dict(new_values)),
                    f"{role} default_ key",
                )
                self._assert_refused(lambda a=attendee, v=value: a.write({"evaluation_pending": v}), f"{role} write")
                self._assert_refused(
                    lambda a=attendee, v=value: a.copy({"evaluation_pending": v, "partner_id": self.guest.id}),
                    f"{role} copy",
                )
                before = self._state()
                try:
                    with mute_logger(*MUTED):
                        result = Attendee.load(
                            [".id", "evaluation_pending"], [[str(self.attendee.id), str(int(value))]]
                        )
                except AccessError:
                    result = {"ids": False}
                self.assertFalse(result["ids"], f"{role} load: {result}")
                self.assertEqual(self._state(), before, f"{role} load: nothing imported")

    def test_copy_starts_unqueued(self):
        self._hold_without_job_for_copy()
        self.assertTrue(self.attendee.evaluation_pending)
        copy = self.attendee.with_user(self.user_secretariat).copy(
            {"partner_id": self.guest.id, "role": "guest", "state": "absent"}
        )
        self.assertFalse(copy.evaluation_pending)

    def _hold_without_job_for_copy(self):
        for attendee in self.rt_session.attendee_ids:
            attendee.action_accept()
        self.rt_session.with_user(self.user_secretariat).action_mark_held()
        self.rt_session.with_user(self.user_secretariat).action_mark_accepted_attended()
