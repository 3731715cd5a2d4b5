# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What nobody can do to notes, attributions, summaries and facilitators, whatever the path.

Each protected field is attacked by every role (staff, secretariat, facilitator of the session, facilitator of
another session, administrator) through create, write, copy, import (``load``) and context keys; each attempt
must be refused and leave nothing behind.
"""

from datetime import date, datetime, timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user
from odoo.tools import SQL, mute_logger

from .common import HbriPartnershipCommon

ROLES = ("staff", "secretariat", "facilitator", "facilitator_other", "manager")


class HbriNotesIntegrityCommon(HbriPartnershipCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        cls.user_facilitator = new_test_user(
            cls.env,
            login="hbri_fac_integrity",
            name="Fajar Facilitator",
            groups="base.group_user,hbri_partnership.hbri_partnership_group_facilitator",
        )
        cls.user_facilitator_other = new_test_user(
            cls.env,
            login="hbri_fac_other_integrity",
            name="Other Facilitator",
            groups="base.group_user,hbri_partnership.hbri_partnership_group_facilitator",
        )
        cls.users = {
            "staff": cls.user_staff,
            "secretariat": cls.user_secretariat,
            "facilitator": cls.user_facilitator,
            "facilitator_other": cls.user_facilitator_other,
            "manager": cls.user_manager,
        }
        cls._create_membership(cls.org_company, date(2026, 1, 1), state="active")
        Session = cls.env["hbri.roundtable.session"]
        cls.rt_session = Session.create(
            {
                "date_start": datetime(2026, 9, 8, 2),
                "date_end": datetime(2026, 9, 8, 5),
                "facilitator_user_ids": [(6, 0, cls.user_facilitator.ids)],
            }
        )
        cls.other_session = Session.create(
            {
                "date_start": datetime(2026, 12, 8, 2),
                "date_end": datetime(2026, 12, 8, 5),
                "facilitator_user_ids": [(6, 0, cls.user_facilitator_other.ids)],
            }
        )
        cls.attendee = cls.env["hbri.session.attendee"].create(
            {"session_id": cls.rt_session.id, "partner_id": cls.rep_company.id, "role": "member"}
        )
        cls.note = (
            cls.env["hbri.session.note"]
            .with_user(cls.user_facilitator)
            .create({"session_id": cls.rt_session.id, "body": "<p>NOTE-BODY-1</p>", "is_attributed": True})
            .with_env(cls.env)
        )
        cls.attribution = cls.env["hbri.session.note.attribution"].create(
            {"note_id": cls.note.id, "partner_id": cls.rep_company.id, "statement": "QUOTE-1"}
        )
        # external ids, so that an import updates these records (the path of an exported then edited file)
        cls.env["ir.model.data"].create(
            [
                {"module": "__import__", "name": "hbri_note_1", "model": cls.note._name, "res_id": cls.note.id},
                {
                    "module": "__import__",
                    "name": "hbri_attribution_1",
                    "model": cls.attribution._name,
                    "res_id": cls.attribution.id,
                },
            ]
        )

    def as_user(self, role, model):
        return self.env[model].with_user(self.users[role])

    def assertLoadRefused(self, model, field_names, rows):
        try:
            result = model.load(field_names, rows)
        except AccessError:
            return  # no access to the model at all: refused before reading the rows
        self.assertFalse(result["ids"], result)
        self.assertTrue([m for m in result["messages"] if m["type"] == "error"], result)

    def _sql_count(self, table, column, value):
        self.env.flush_all()
        self.env.cr.execute(
            SQL("SELECT count(*) FROM %s WHERE %s = %s", SQL.identifier(table), SQL.identifier(column), value)
        )
        return self.env.cr.fetchone()[0]


class TestHbriNoteWritePaths(HbriNotesIntegrityCommon):
    def test_author_written_by_creation_only(self):
        self.assertEqual(self.note.author_id, self.user_facilitator)
        for role in ROLES:
            with self.subTest(role=role):
                notes = self.as_user(role, "hbri.session.note")
                with self.assertRaises(UserError):
                    notes.create({"session_id": self.rt_session.id, "author_id": self.user_staff.id})
                with self.assertRaises(UserError):
                    notes.with_context(default_author_id=self.user_staff.id).create({"session_id": self.rt_session.id})
                with self.assertRaises(UserError):
                    notes.browse(self.note.id).write({"author_id": self.user_staff.id})
                with mute_logger("odoo.models", "odoo.sql_db"):
                    self.assertLoadRefused(
                        notes, ["id", "author_id/.id"], [["__import__.hbri_note_1", str(self.user_staff.id)]]
                    )
        self.assertEqual(self.note.author_id, self.user_facilitator)
        self.assertEqual(self.env["hbri.session.note"].search_count([("session_id", "=", self.rt_session.id)]), 1)

    def test_session_immutable(self):
        for role in ROLES:
            with self.subTest(role=role):
                note = self.as_user(role, "hbri.session.note").browse(self.note.id)
                with self.assertRaises(UserError):
                    note.write({"session_id": self.other_session.id})
                with self.assertRaises(UserError):
                    note.write({"company_id": self.env["res.company"].create({"name": "Other Forum"}).id})
                with mute_logger("odoo.models", "odoo.sql_db"):
                    self.assertLoadRefused(
                        note, ["id", "session_id/.id"], [["__import__.hbri_note_1", str(self.other_session.id)]]
                    )
        self.assertEqual(self.note.session_id, self.rt_session)
        self.assertEqual(self.rt_session.company_id, self.env.company)

    def test_facilitator_edits_own_notes(self):
        note = self.as_user("facilitator", "hbri.session.note").browse(self.note.id)
        note.write({"body": "<p>NOTE-BODY-2</p>", "session_id": self.rt_session.id})
        self.assertIn("NOTE-BODY-2", self.note.body)

    def test_copy_refused(self):
        for role in ROLES:
            with self.subTest(role=role):
                note = self.as_user(role, "hbri.session.note").browse(self.note.id)
                with self.assertRaises(UserError):
                    note.copy({"session_id": self.other_session.id})
                attribution = self.as_user(role, "hbri.session.note.attribution").browse(self.attribution.id)
                with self.assertRaises(UserError):
                    attribution.copy()
        mine = [("session_id", "in", (self.rt_session | self.other_session).ids)]
        self.assertEqual(self.env["hbri.session.note"].search_count(mine), 1)
        self.assertEqual(self.env["hbri.session.note.attribution"].search_count(mine), 1)

    def test_note_created_only_in_own_session(self):
        with self.assertRaises(AccessError):
            self.as_user("facilitator", "hbri.session.note").create({"session_id": self.other_session.id})
        self.assertFalse(self.env["hbri.session.note"].search([("session_id", "=", self.other_session.id)]))


class TestHbriAttributionWritePaths(HbriNotesIntegrityCommon):
    def test_attribution_cannot_move(self):
        other_note = (
            self.env["hbri.session.note"]
            .with_user(self.user_facilitator_other)
            .create({"session_id": self.other_session.id})
        )
        for role in ROLES:
            with self.subTest(role=role):
                attribution = self.as_user(role, "hbri.session.note.attribution").browse(self.attribution.id)
                with self.assertRaises(UserError):
                    attribution.write({"note_id": other_note.id})
                with self.assertRaises(UserError):
                    attribution.write({"session_id": self.other_session.id})
                with mute_logger("odoo.models", "odoo.sql_db"):
                    self.assertLoadRefused(
                        attribution,
                        ["id", "note_id/.id"],
                        [["__import__.hbri_attribution_1", str(other_note.id)]],
                    )
        self.assertEqual(self.attribution.note_id, self.note)
        self.assertEqual(self.note.session_id, self.rt_session)


class TestHbriSummaryWritePaths(HbriNotesIntegrityCommon):
    def _mine(self):  # demo data, when loaded, has summaries of its own
        return [("session_id", "in", (self.rt_session | self.other_session).ids)]

    def _draft(self, body="<p>SUMMARY-1</p>"):
        return (
            self.env["hbri.session.summary"]
            .with_user(self.user_facilitator)
            .create({"session_id": self.rt_session.id, "body": body})
        )

    def test_release_fields_refused_on_create(self):
        back_dated = datetime(2020, 1, 1)
        for role in ROLES:
            for vals in (
                {"state": "released"},
                {"released_by_id": self.user_manager.id},
                {"date_released": back_dated},
            ):
                with self.subTest(role=role, vals=vals):
                    summaries = self.as_user(role, "hbri.session.summary")
                    with self.assertRaises(UserError):
                        summaries.create({"session_id": self.rt_session.id, "body": "<p>x</p>", **vals})
                    key, value = next(iter(vals.items()))
                    with self.assertRaises(UserError):
                        summaries.with_context(**{f"default_{key}": value}).create(
                            {"session_id": self.rt_session.id, "body": "<p>x</p>"}
                        )
            with self.subTest(role=role, path="load"), mute_logger("odoo.models"):
                self.assertLoadRefused(
                    self.as_user(role, "hbri.session.summary"),
                    ["session_id/.id", "body", "state", "date_released"],
                    [[str(self.rt_session.id), "x", "released", "2020-01-01 00:00:00"]],
                )
        self.assertFalse(self.env["hbri.session.summary"].search(self._mine()))

    def test_release_fields_refused_on_write(self):
        summary = self._draft()
        for role in ROLES:
            for vals in (
                {"state": "released"},
                {"released_by_id": self.user_manager.id},
                {"date_released": datetime(2020, 1, 1)},
                {"session_id": self.other_session.id},
            ):
                with self.subTest(role=role, vals=vals), self.assertRaises(UserError):
                    self.as_user(role, "hbri.session.summary").browse(summary.id).write(vals)
            with self.subTest(role=role, path="copy"), self.assertRaises(UserError):
                self.as_user(role, "hbri.session.summary").browse(summary.id).copy({"state": "released"})
        self.assertEqual(summary.state, "draft")
        self.assertFalse(summary.released_by_id)
        self.assertEqual(summary.session_id, self.rt_session)
        self.assertEqual(self.env["hbri.session.summary"].search_count(self._mine()), 1)

    def test_released_summary_frozen_until_withdrawn(self):
        summary = self._draft()
        summary.with_user(self.user_facilitator).action_release()
        self.assertEqual(summary.state, "released")
        self.assertEqual(summary.released_by_id, self.user_facilitator)
        for role in ROLES:
            with self.subTest(role=role), self.assertRaises(UserError):
                self.as_user(role, "hbri.session.summary").browse(summary.id).write({"body": "<p>CHANGED</p>"})
        for role in ("staff", "secretariat", "facilitator_other"):
            with self.subTest(role=role, action="withdraw"), self.assertRaises(UserError):
                self.as_user(role, "hbri.session.summary").browse(summary.id).action_withdraw()
        self.assertEqual(summary.state, "released")
        self.assertIn("SUMMARY-1", summary.body)
        summary.with_user(self.user_facilitator).action_withdraw()
        self.assertEqual(summary.state, "draft")
        self.assertFalse(summary.released_by_id)
        summary.with_user(self.user_facilitator).write({"body": "<p>SUMMARY-2</p>"})
        summary.with_user(self.user_manager).action_release()
        self.assertEqual(summary.released_by_id, self.user_manager)

    def test_one_draft_at_a_time(self):
        self._draft()
        with self.assertRaisesText(UserError, "already has a draft summary"):
            self._draft("<p>SECOND</p>")
        self.assertEqual(self.env["hbri.session.summary"].search_count(self._mine()), 1)

    def test_release_tells_members_without_the_text(self):
        self.attendee.state = "attended"
        self.rep_company.email = "ayu@example.com"
        summary = self._draft("<p>SUMMARY-CONFIDENTIAL-TEXT</p>")
        messages_before = self.env["mail.message"].search([])
        summary.with_user(self.user_facilitator).action_release()
        message = self.env["mail.message"].search([]) - messages_before
        message = message.filtered(lambda m: self.rep_company in m.partner_ids)
        self.assertEqual(len(message), 1)
        self.assertIn("/my/roundtable", message.body)
        self.assertNotIn("SUMMARY-CONFIDENTIAL-TEXT", message.body)


class TestHbriSessionFacilitators(HbriNotesIntegrityCommon):
    def test_only_administrators_change_facilitators(self):
        session = self.rt_session
        for role in ("staff", "secretariat", "facilitator", "facilitator_other"):
            with self.subTest(role=role), self.assertRaises(UserError):
                session.with_user(self.users[role]).write(
                    {"facilitator_user_ids": [(4, self.user_facilitator_other.id)]}
                )
            with self.subTest(role=role, change="remove"), self.assertRaises(UserError):
                session.with_user(self.users[role]).write({"facilitator_user_ids": [(3, self.user_facilitator.id)]})
        with self.assertRaises(UserError):
            self.env["hbri.roundtable.session"].with_user(self.user_secretariat).create(
                {
                    "date_start": datetime(2027, 3, 8, 2),
                    "date_end": datetime(2027, 3, 8, 5),
                    "facilitator_user_ids": [(6, 0, self.user_facilitator_other.ids)],
                }
            )
        self.assertEqual(session.facilitator_user_ids, self.user_facilitator)

    def test_facilitators_are_internal_facilitators(self):
        portal = new_test_user(self.env, login="hbri_portal_fac", groups="base.group_portal")
        internal = new_test_user(self.env, login="hbri_internal_fac", groups="base.group_user")
        for user in (portal, internal, self.user_secretariat):
            with self.subTest(user=user.login), self.assertRaises(ValidationError):
                self.rt_session.with_user(self.user_manager).write({"facilitator_user_ids": [(4, user.id)]})
        self.assertEqual(self.rt_session.facilitator_user_ids, self.user_facilitator)

    def test_changes_recorded_on_chatter(self):
        session = self.rt_session.with_context(tracking_disable=False)
        session.with_user(self.user_manager).write(
            {"facilitator_user_ids": [(4, self.user_facilitator_other.id), (3, self.user_facilitator.id)]}
        )
        message = session.message_ids[:1]
        self.assertIn("added the facilitator(s) Other Facilitator", message.body)
        self.assertIn("removed the facilitator(s) Fajar Facilitator", message.body)
        self.assertEqual(message.author_id, self.user_manager.partner_id)
        # the removed facilitator reads the notes no more
        with self.assertRaises(AccessError):
            self.note.with_user(self.user_facilitator).read(["body"])


class TestHbriSessionDeletion(HbriNotesIntegrityCommon):
    def test_session_with_notes_not_deleted(self):
        for role in ("secretariat", "manager"):
            with self.subTest(role=role), self.assertRaises(UserError):
                self.rt_session.with_user(self.users[role]).unlink()
        self.assertEqual(self._sql_count("hbri_session_note", "session_id", self.rt_session.id), 1)
        self.assertTrue(self.rt_session.exists())

    def test_session_with_summary_not_deleted(self):
        self.env["hbri.session.summary"].with_user(self.user_facilitator_other).create(
            {"session_id": self.other_session.id, "body": "<p>x</p>"}
        )
        with self.assertRaises(UserError):
            self.other_session.with_user(self.user_secretariat).unlink()
        self.assertEqual(self._sql_count("hbri_session_summary", "session_id", self.other_session.id), 1)


class TestHbriAccessLog(HbriNotesIntegrityCommon):
    def _logs(self):
        return (
            self.env["hbri.confidential.access.log"]
            .sudo()
            .search([("res_model", "=", "hbri.session.note"), ("res_id", "=", self.note.id)])
        )

    def test_opening_notes_logged_once_per_day(self):
        note = self.note.with_user(self.user_facilitator)
        note.web_read({"kind": {}})
        self.assertFalse(self._logs(), "reading without the notes' text is not logged")
        note.web_read({"body": {}, "kind": {}})
        note.web_read({"body": {}})
        log = self._logs()
        self.assertEqual(len(log), 1)
        self.assertEqual(log.user_id, self.user_facilitator)
        self.assertEqual(log.session_id, self.rt_session)
        self.assertEqual(log.count, 2)
        self.assertEqual(log.day, fields.Date.today())
        self.note.with_user(self.user_manager).read(["body"])
        self.assertEqual(len(self._logs()), 2)

    def test_log_readable_by_administrators_only(self):
        self.note.with_user(self.user_facilitator).read(["body"])
        log = self._logs()
        Log = self.env["hbri.confidential.access.log"]
        self.assertEqual(Log.with_user(self.user_manager).search([("id", "=", log.id)]), log)
        for role in ("staff", "secretariat", "facilitator", "facilitator_other"):
            with self.subTest(role=role), self.assertRaises(AccessError):
                Log.with_user(self.users[role]).search([])
        for role in ROLES:
            with self.subTest(role=role, path="write"):
                with self.assertRaises(AccessError):
                    Log.with_user(self.users[role]).create({"user_id": self.user_staff.id})
                with self.assertRaises(AccessError):
                    log.with_user(self.users[role]).write({"count": 0})
                with self.assertRaises(AccessError):
                    log.with_user(self.users[role]).unlink()
        self.assertEqual(log.count, 1)


class TestHbriNotesRetention(HbriNotesIntegrityCommon):
    def _close_with_released_summary(self, released_days_ago=0):
        summary = (
            self.env["hbri.session.summary"]
            .with_user(self.user_facilitator)
            .create({"session_id": self.rt_session.id, "body": "<p>S</p>"})
        )
        summary.with_user(self.user_facilitator).action_release()
        summary.sudo().date_released = fields.Datetime.now() - timedelta(days=released_days_ago)
        self.rt_session.state = "closed"
        return summary

    def test_administrator_destroys_notes(self):
        with self.assertRaises(UserError):  # the session is not closed nor summarized yet
            self.rt_session.with_user(self.user_manager).action_destroy_notes()
        self._close_with_released_summary()
        for role in ("staff", "secretariat", "facilitator"):
            with self.subTest(role=role), self.assertRaises(UserError):
                self.rt_session.with_user(self.users[role]).action_destroy_notes()
        with self.assertRaises(UserError):
            self.rt_session.with_user(self.user_manager).write({"notes_destroyed_count": 0})
        self.assertEqual(self._sql_count("hbri_session_note", "session_id", self.rt_session.id), 1)
        self.rt_session.with_user(self.user_manager).action_destroy_notes()
        self.assertEqual(self._sql_count("hbri_session_note", "session_id", self.rt_session.id), 0)
        self.assertEqual(self._sql_count("hbri_session_note_attribution", "session_id", self.rt_session.id), 0)
        self.assertEqual(self.rt_session.notes_destroyed_by_id, self.user_manager)
        self.assertEqual(self.rt_session.notes_destroyed_count, 1)
        trace = self.rt_session.with_user(self.user_staff).notes_destroyed_trace
        self.assertIn("Notes destroyed on", trace)
        self.assertIn(self.user_manager.name, trace)
        self.assertIn("1 notes", trace)
        self.assertEqual(self.rt_session.summary_ids.state, "released")

    def test_daily_job_off_by_default(self):
        self._close_with_released_summary(released_days_ago=400)
        self.env["hbri.roundtable.session"]._cron_destroy_notes()
        self.assertEqual(self._sql_count("hbri_session_note", "session_id", self.rt_session.id), 1)

    def test_daily_job_after_retention_days(self):
        self.env["ir.config_parameter"].set_param("hbri_partnership.notes_retention_days", "30")
        self._close_with_released_summary(released_days_ago=10)
        self.env["hbri.roundtable.session"]._cron_destroy_notes()
        self.assertEqual(self._sql_count("hbri_session_note", "session_id", self.rt_session.id), 1)
        self.rt_session.summary_ids.sudo().date_released = fields.Datetime.now() - timedelta(days=31)
        self.env["hbri.roundtable.session"]._cron_destroy_notes()
        self.assertEqual(self._sql_count("hbri_session_note", "session_id", self.rt_session.id), 0)
        self.assertEqual(self.rt_session.notes_destroyed_count, 1)
