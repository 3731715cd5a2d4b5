# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Round 15: what still went through when the confidential models were attacked as each role.

Each test is a path that went through on the code before this round (read without a trace in the access log,
a workflow field written directly, a record moved out of its scope) and is refused now, with nothing written.
"""

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user
from odoo.tools import mute_logger

from ..models.hbri_workflow_mixin import workflow_write
from .test_hbri_case_study import NOTE_SECRET, HbriCaseStudyCommon
from .test_hbri_notes_integrity import HbriNotesIntegrityCommon


class TestHbriAccessLogPaths(HbriNotesIntegrityCommon):
    """Every read that returns the notes' text is logged, not only the form's."""

    def _logs(self, model="hbri.session.note", res_id=None):
        self.env.invalidate_all()  # the log is written in SQL
        return (
            self.env["hbri.confidential.access.log"]
            .sudo()
            .search([("res_model", "=", model), ("res_id", "=", res_id or self.note.id)])
        )

    def test_search_read_logged(self):
        Note = self.env["hbri.session.note"].with_user(self.user_facilitator)
        rows = Note.search_read([("id", "=", self.note.id)], ["kind"])
        self.assertEqual(rows[0]["kind"], "discussion")
        self.assertFalse(self._logs(), "reading without the notes' text is not logged")
        rows = Note.search_read([("id", "=", self.note.id)], ["body"])
        self.assertIn("NOTE-BODY-1", rows[0]["body"])
        log = self._logs()
        self.assertEqual((log.user_id, log.session_id, log.count), (self.user_facilitator, self.rt_session, 1))
        Note.web_search_read([("id", "=", self.note.id)], {"body": {}})
        self.assertEqual(self._logs().count, 2)

    def test_export_logged(self):
        self.user_facilitator.write({"group_ids": [(4, self.env.ref("base.group_allow_export").id)]})
        note = self.note.with_user(self.user_facilitator)
        self.assertEqual(note.export_data(["kind"])["datas"], [["Discussion"]])
        self.assertFalse(self._logs())
        self.assertIn("NOTE-BODY-1", note.export_data(["body"])["datas"][0][0])
        self.assertEqual(self._logs().user_id, self.user_facilitator)
        # the notes exported from their session (a path through a readable model) count too
        session = self.rt_session.with_user(self.user_facilitator)
        self.assertIn("NOTE-BODY-1", str(session.export_data(["name", "note_ids/body"])["datas"]))
        self.assertEqual(self._logs().count, 2)

    def test_grouped_reads_refused(self):
        for role in ("facilitator", "manager"):
            Note = self.env["hbri.session.note"].with_user(self.users[role])
            for groupby, aggregates in ((["session_id"], ["body:array_agg"]), (["body"], ["__count"])):
                with self.subTest(role=role, groupby=groupby), self.assertRaisesText(AccessError, "off-the-record"):
                    Note.formatted_read_group([("id", "=", self.note.id)], groupby, aggregates)
            with self.subTest(role=role, path="grouping sets"), self.assertRaisesText(AccessError, "off-the-record"):
                Note.formatted_read_grouping_sets([("id", "=", self.note.id)], [["session_id"], []], ["body:array_agg"])
        # grouping by anything else still works, and reads no text
        groups = (
            self.env["hbri.session.note"]
            .with_user(self.user_facilitator)
            .formatted_read_group([("id", "=", self.note.id)], ["kind"], ["__count"])
        )
        self.assertEqual(groups[0]["__count"], 1)
        self.assertFalse(self._logs())


class TestHbriAttendeeWritePaths(HbriNotesIntegrityCommon):
    """What the system records about an invitation is not written by hand; a registration is not moved."""

    SYSTEM_VALUES = {
        "eligibility_code": "sector",
        "invitation_sent": True,
        "date_answered": fields.Datetime.from_string("2020-01-01 00:00:00"),
    }

    def test_system_fields_refused(self):
        Attendee = self.env["hbri.session.attendee"]
        for role in ("secretariat", "manager"):
            attendee = self.attendee.with_user(self.users[role])
            for name, value in self.SYSTEM_VALUES.items():
                with self.subTest(role=role, field=name):
                    with self.assertRaisesText(UserError, "recorded by the system"):
                        attendee.write({name: value})
                    with self.assertRaisesText(UserError, "recorded by the system"):
                        Attendee.with_user(self.users[role]).create(
                            {"session_id": self.rt_session.id, "partner_id": self.rep_ngo.id, name: value}
                        )
                    with self.assertRaisesText(UserError, "recorded by the system"):
                        Attendee.with_user(self.users[role]).with_context(**{f"default_{name}": value}).create(
                            {"session_id": self.rt_session.id, "partner_id": self.rep_ngo.id}
                        )
                    with mute_logger("odoo.models", "odoo.sql_db"):
                        result = attendee.load(["id", name], [[str(self.attendee.id), str(value)]])
                    self.assertFalse(result["ids"], result)
        self.assertEqual(
            (self.attendee.eligibility_code, self.attendee.invitation_sent, self.attendee.date_answered),
            (False, False, False),
        )
        self.assertFalse(Attendee.search([("partner_id", "=", self.rep_ngo.id)]))

    def test_actions_still_record(self):
        attendee = self.attendee.with_user(self.user_secretariat)
        attendee.action_accept()
        self.assertEqual(self.attendee.state, "accepted")
        self.assertTrue(self.attendee.date_answered)
        self.assertFalse(self.attendee._rsvp("decline"))
        self.assertEqual(self.attendee.state, "declined")

    def test_registration_not_moved(self):
        for role in ("secretariat", "manager"):
            with self.subTest(role=role), self.assertRaisesText(UserError, "session cannot change"):
                self.attendee.with_user(self.users[role]).write({"session_id": self.other_session.id})
        self.attendee.with_user(self.user_secretariat).write({"session_id": self.rt_session.id, "role": "member"})
        self.assertEqual(self.attendee.session_id, self.rt_session)


class TestHbriSessionCompanyKept(HbriNotesIntegrityCommon):
    """A session's company decides who reads its notes and summary: it does not move once they exist."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_b = cls.env["res.company"].create({"name": "Forum B"})
        companies = cls.env.company | cls.company_b
        for user in (cls.user_secretariat, cls.user_manager):
            user.write({"company_ids": [(4, cls.company_b.id)]})
        cls.both = {"allowed_company_ids": companies.ids}

    def test_session_with_notes_stays(self):
        for role in ("secretariat", "manager"):
            session = self.rt_session.with_user(self.users[role]).with_context(**self.both)
            with self.subTest(role=role), self.assertRaisesText(UserError, "stays in that company"):
                session.write({"company_id": self.company_b.id})
        self.env.invalidate_all()
        self.assertEqual(self.rt_session.company_id, self.env.company)
        self.assertEqual(self.note.company_id, self.env.company)
        self.assertEqual(self.attendee.company_id, self.env.company)

    def test_empty_session_moves(self):
        empty = self.env["hbri.roundtable.session"].create(
            {"date_start": fields.Datetime.from_string("2027-03-09 02:00:00"), "date_end": "2027-03-09 05:00:00"}
        )
        empty.with_user(self.user_secretariat).with_context(**self.both).write({"company_id": self.company_b.id})
        self.assertEqual(empty.company_id, self.company_b)


class TestHbriAnonymizationMarkAccess(HbriCaseStudyCommon):
    """A hit marked harmless is text of the case study: read by those who read the case study only."""

    def test_marks_follow_the_case_study(self):
        facilitator_other = new_test_user(
            self.env, login="hbri_r15_fac_other", groups="hbri_partnership.hbri_partnership_group_facilitator"
        )
        case_study = self._draft()
        self.env["hbri.case.study.import.notes"].with_user(self.user_facilitator).create(
            {"case_study_id": case_study.id, "note_ids": [(6, 0, self.note.ids)], "section": "lessons", "confirm": True}
        ).action_import()
        self.assertTrue(case_study.includes_notes)
        other_company = self.env["res.company"].create({"name": "Forum B"})
        other_case_study = self.env["hbri.case.study"].create({"name": "Elsewhere", "company_id": other_company.id})
        Mark = self.env["hbri.case.study.anonymization.mark"]
        values = {"matched_text": NOTE_SECRET, "match_key": NOTE_SECRET.lower(), "user_id": self.env.uid}
        mark = Mark.create({**values, "case_study_id": case_study.id, "date": fields.Datetime.now()})
        elsewhere = Mark.create({**values, "case_study_id": other_case_study.id, "date": fields.Datetime.now()})
        for user in (self.user_secretariat, facilitator_other):
            with self.subTest(user=user.login):
                self.assertFalse(Mark.with_user(user).search([("id", "in", (mark | elsewhere).ids)]))
                with self.assertRaises(AccessError):
                    mark.with_user(user).read(["matched_text"])
        for user in (self.user_facilitator, self.user_manager):
            with self.subTest(user=user.login):
                self.assertEqual(Mark.with_user(user).search([("id", "in", (mark | elsewhere).ids)]), mark)
        # once the members approved it, the draft's notes are released: the secretariat reads its marks again
        with workflow_write():
            case_study.write({"includes_notes": False})
        self.assertEqual(Mark.with_user(self.user_secretariat).search([("id", "=", mark.id)]), mark)
