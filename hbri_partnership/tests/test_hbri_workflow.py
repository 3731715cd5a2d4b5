# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The secretariat's year without silent mistakes: what cannot be undone asks first or is refused, and an
administrator has a way back."""

from datetime import date, datetime

import psycopg2
from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form
from odoo.tools import mute_logger

from ..models.hbri_workflow_mixin import workflow_write
from .common import HbriPartnershipCommon


@freeze_time("2026-09-08 06:00:00")  # 13:00 in Jakarta, the day of the session below
class TestHbriSessionWorkflow(HbriPartnershipCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        cls._create_membership(cls.org_company, date(2026, 1, 1), state="active")
        cls.rep_company.email = "ayu@uji.example"
        Session = cls.env["hbri.roundtable.session"]
        cls.today_session = Session.create(
            {"date_start": datetime(2026, 9, 8, 2), "date_end": datetime(2026, 9, 8, 5), "language": "en_US"}
        )
        cls.future_session = Session.create(
            {"date_start": datetime(2027, 1, 12, 2), "date_end": datetime(2027, 1, 12, 5), "language": "en_US"}
        )

    def test_held_in_the_future_refused(self):
        session = self.future_session.with_user(self.user_secretariat)
        with self.assertRaisesText(ValidationError, "is marked as held on or after its day"):
            session.action_mark_held()
        self.assertEqual(self.future_session.state, "planned")
        # the state machine is the model's: a direct write is refused (only the buttons move the state)...
        with self.assertRaisesText(UserError, "State cannot be set directly: use the status buttons"):
            session.write({"state": "held"})
        # ... and the date rule holds for the module's own writes too
        with workflow_write(), self.assertRaisesText(ValidationError, "is marked as held on or after its day"):
            session.write({"state": "held"})
        # and a held session cannot be moved into the future
        self.today_session.action_mark_held()
        with self.assertRaisesText(ValidationError, "is marked as held on or after its day"):
            self.today_session.write({"date_start": datetime(2027, 1, 12, 2), "date_end": datetime(2027, 1, 12, 5)})

    def test_reset_by_administrator_only(self):
        self.today_session.with_user(self.user_secretariat).action_mark_held()
        self.assertEqual(self.today_session.state, "held")
        for state in ("planned", "invited"):
            with self.assertRaisesText(UserError, "State cannot be set directly"):
                self.today_session.with_user(self.user_secretariat).write({"state": state})
        # going back is an administrator's, whatever path of the module's own writes the state
        for call in (
            lambda s: s.action_reset_to_planned(),
            lambda s: s.write({"state": "planned"}),
            lambda s: s.write({"state": "invited"}),
        ):
            with workflow_write(), self.assertRaisesText(UserError, "Only a Roundtable administrator"):
                call(self.today_session.with_user(self.user_secretariat))
        self.assertEqual(self.today_session.state, "held")
        self.today_session.with_user(self.user_manager).action_reset_to_planned()
        self.assertEqual(self.today_session.state, "planned", "no invitation went out: back to planned")
        # closed, then reopened by an administrator only
        self.today_session.action_mark_held()
        self.today_session.action_close()
        with self.assertRaisesText(UserError, "Only a Roundtable administrator"):
            self.today_session.with_user(self.user_secretariat).action_reopen()
        self.today_session.with_user(self.user_manager).action_reopen()
        self.assertEqual(self.today_session.state, "held")

    def test_cancelled_restored_by_administrator_only(self):
        wizard = (
            self.env["hbri.session.cancel"]
            .with_user(self.user_secretariat)
            .create({"session_id": self.future_session.id, "reason": "Venue flooded"})
        )
        wizard.action_cancel()
        self.assertEqual(self.future_session.state, "cancelled")
        with self.assertRaisesText(UserError, "State cannot be set directly"):
            self.future_session.with_user(self.user_secretariat).write({"state": "planned"})
        with workflow_write(), self.assertRaisesText(UserError, "Only a Roundtable administrator"):
            self.future_session.with_user(self.user_secretariat).write({"state": "planned"})
        self.future_session.with_user(self.user_manager).action_reset_to_planned()
        self.assertEqual(self.future_session.state, "planned")
        self.assertFalse(self.future_session.cancel_reason)

    def test_delete_held_says_why(self):
        self.today_session.action_mark_held()
        with self.assertRaisesText(UserError, "it took place"):
            self.today_session.with_user(self.user_secretariat).unlink()

    def test_form_has_archive(self):
        arch = self.env["hbri.roundtable.session"].get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn('name="active"', arch, "Archive is in the form's action menu only when active is in the view")
        for button in ("action_mark_held", "action_close", "action_reset_to_planned", "action_reopen"):
            self.assertRegex(arch, rf'name="{button}"[^>]*confirm="', f"{button} asks first")

    def test_attendance_before_the_start_refused(self):
        attendee = self.env["hbri.session.attendee"].create(
            {"session_id": self.future_session.id, "partner_id": self.rep_company.id}
        )
        for state in ("attended", "absent"):
            with self.assertRaisesText(ValidationError, "has not started"):
                attendee.with_user(self.user_secretariat).write({"state": state})
        with self.assertRaisesText(ValidationError, "has not started"):
            attendee.action_attended()
        self.assertEqual(attendee.state, "invited")
        # once the session started, attendance is recorded
        ongoing = self.env["hbri.session.attendee"].create(
            {"session_id": self.today_session.id, "partner_id": self.rep_company.id}
        )
        ongoing.action_attended()
        self.assertEqual(ongoing.state, "attended")

    def test_counts_leave_staff_out(self):
        staff = self.env["res.partner"].create({"name": "Sari Staff"})
        Attendee = self.env["hbri.session.attendee"]
        Attendee.create({"session_id": self.today_session.id, "partner_id": self.rep_company.id, "state": "accepted"})
        Attendee.create(
            {"session_id": self.today_session.id, "partner_id": staff.id, "role": "secretariat", "state": "accepted"}
        )
        self.assertEqual(self.today_session.invited_count, 1)
        self.assertEqual(self.today_session.accepted_count, 1)

    def test_kanban_columns_in_workflow_order(self):
        groups = (
            self.env["hbri.roundtable.session"]
            .with_context(read_group_expand=True)
            .formatted_read_group(
                [("id", "in", (self.today_session | self.future_session).ids)], ["state"], ["__count"]
            )
        )
        self.assertEqual([g["state"] for g in groups][:4], ["planned", "invited", "held", "closed"])


@freeze_time("2026-08-01")
class TestHbriSessionInvitePrechecks(HbriPartnershipCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        cls._create_membership(cls.org_company, date(2026, 1, 1), state="active")
        cls.rep_company.email = "ayu@uji.example"
        cls.session = cls.env["hbri.roundtable.session"].create(
            {
                "date_start": datetime(2026, 9, 8, 2),
                "date_end": datetime(2026, 9, 8, 5),
                "language": "en_US",
                "host_partner_id": cls.org_company.id,
            }
        )

    def _mails(self):
        return self.env["mail.mail"].search([("recipient_ids", "in", self.rep_company.ids)])

    def test_incomplete_invitation_asks_first(self):
        session = self.session.with_user(self.user_secretariat)
        action = session.action_invite_members()
        self.assertEqual(action["res_model"], "hbri.session.invite", "the button opens the send-anyway question")
        self.assertFalse(self.session.attendee_ids, "nothing sent before the user chose")
        self.assertEqual(self.session.state, "planned")
        with self.assertRaisesText(UserError, "neither a venue nor an online link"):
            session._invite_members()
        with self.assertRaisesText(UserError, "has not confirmed hosting"):
            session._invite_members()
        wizard = self.env["hbri.session.invite"].with_user(self.user_secretariat).create({"session_id": session.id})
        self.assertIn("neither a venue nor an online link", wizard.issues)
        result = wizard.action_send_anyway()
        self.assertEqual(self.session.state, "invited")
        self.assertEqual(len(self._mails()), 1)
        self.assertIn("1 invitation(s) sent", result["params"]["message"])
        self.assertIn("PT Uji Coba", result["params"]["message"])
        self.assertIn("1 invitation(s) sent", self.session.message_ids[0].body)

    def test_complete_invitation_sends_and_says_how_many(self):
        self.session.write({"online_url": "https://meet.example.com/hbri"})
        self.session.action_confirm_host()
        result = self.session.with_user(self.user_secretariat).action_invite_members()
        self.assertEqual(result["tag"], "display_notification")
        self.assertIn(
            "1 invitation(s) sent to the representatives of 1 organization(s): PT Uji Coba", result["params"]["message"]
        )
        self.assertEqual(len(self._mails()), 1)
        # a second round invites nobody twice, and says so
        result = self.session.action_invite_members()
        self.assertIn("No new invitation", result["params"]["message"])
        self.assertEqual(len(self._mails()), 1)


@freeze_time("2026-11-29")
class TestHbriPlannerDuplicates(HbriPartnershipCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        Session = cls.env["hbri.roundtable.session"]
        Session.search([]).active = False  # the story's sessions only (archived ones do not fill a quarter)
        cls.q1 = Session.create({"date_start": datetime(2027, 2, 9, 2), "date_end": datetime(2027, 2, 9, 5)})

    def _form(self):
        return Form(self.env["hbri.session.planner"].with_user(self.user_secretariat))

    def test_default_quarter_is_the_first_free_one(self):
        form = self._form()
        self.assertEqual(form.date_from, date(2027, 4, 1), "2027-Q1 already has a session")
        self.q1.with_user(self.user_secretariat).unlink()
        self.assertEqual(self._form().date_from, date(2027, 1, 1))

    def test_duplicates_previewed_and_skipped(self):
        form = self._form()
        form.date_from = date(2027, 1, 1)
        form.quarter_count = 2
        self.assertEqual(form.duplicate_count, 1)
        self.assertIn("already has Roundtable 2027-Q1: skipped", form.preview)
        action = form.save().action_plan()
        sessions = self.env["hbri.roundtable.session"].search(action["domain"])
        self.assertEqual(sessions.mapped("name"), ["Roundtable 2027-Q2"])
        self.assertEqual(
            self.env["hbri.roundtable.session"].search_count([("quarter", "=", "2027-Q1")]), 1, "no duplicate"
        )

    def test_only_duplicates_refused_unless_confirmed(self):
        form = self._form()
        form.date_from = date(2027, 1, 1)
        form.quarter_count = 1
        wizard = form.save()
        with self.assertRaisesText(UserError, "nothing was planned"):
            wizard.action_plan()
        wizard.include_duplicates = True
        self.assertIn("an additional session", wizard.preview)
        action = wizard.action_plan()
        self.assertEqual(len(self.env["hbri.roundtable.session"].search(action["domain"])), 1)
        self.assertEqual(self.env["hbri.roundtable.session"].search_count([("quarter", "=", "2027-Q1")]), 2)

    def test_session_form_warns_of_a_second_session(self):
        form = Form(self.env["hbri.roundtable.session"].with_user(self.user_secretariat))
        form.name = "Sesi tambahan"
        with self.assertLogs("odoo.tests.form", level="WARNING") as logs:
            form.date_start = datetime(2027, 3, 2, 2)
        self.assertIn("already has Roundtable 2027-Q1", logs.output[0])
        self.assertEqual(form.name, "Sesi tambahan", "a name typed before the date is kept")
        self.assertEqual(form.date_end, datetime(2027, 3, 2, 5), "three hours by default")

    def test_end_before_start_keeps_the_start(self):
        form = Form(self.env["hbri.roundtable.session"].with_user(self.user_secretariat))
        form.date_start = datetime(2027, 5, 11, 2)
        self.assertEqual(form.name, "Roundtable 2027-Q2")
        with self.assertLogs("odoo.tests.form", level="WARNING") as logs:
            form.date_end = datetime(2027, 5, 11, 1)
        self.assertIn("The end is before the start", logs.output[0])
        self.assertEqual(form.date_start, datetime(2027, 5, 11, 2), "the start is never cleared")
        with self.assertRaises(psycopg2.errors.CheckViolation), mute_logger("odoo.sql_db"):
            form.save()
