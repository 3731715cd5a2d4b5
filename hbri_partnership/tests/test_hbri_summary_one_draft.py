# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import psycopg2

from odoo.exceptions import AccessError, UserError
from odoo.tools import mute_logger

from .test_hbri_notes_integrity import HbriNotesIntegrityCommon


class TestHbriSummaryOneDraft(HbriNotesIntegrityCommon):
    """One draft summary per session: the model explains it, the database guarantees it."""

    def _create(self, *bodies):
        Summary = self.env["hbri.session.summary"].with_user(self.user_facilitator)
        return Summary.create([{"session_id": self.rt_session.id, "body": body} for body in bodies])

    def test_second_draft_refused_with_a_clear_message(self):
        draft = self._create("<p>First</p>")
        with self.assertRaisesText(UserError, "already has a draft summary: edit that one"):
            self._create("<p>Second</p>")
        draft.with_user(self.user_facilitator).unlink()
        with self.assertRaisesText(UserError, "already has a draft summary"):
            self._create("<p>A</p>", "<p>B</p>")
        self.assertFalse(self.env["hbri.session.summary"].search([("session_id", "=", self.rt_session.id)]))

    def test_another_sessions_facilitator_learns_nothing_of_the_drafts(self):
        """The friendly message names the session's draft: only to who may write its summary."""
        self._create("<p>First</p>")
        Summary = self.env["hbri.session.summary"].with_user(self.user_facilitator_other)
        with self.assertRaises(AccessError) as caught:
            Summary.create({"session_id": self.rt_session.id, "body": "<p>Mine</p>"})
        self.assertIn("Only the facilitators of", str(caught.exception))
        self.assertNotIn("draft", str(caught.exception))
        self.assertEqual(self.env["hbri.session.summary"].search_count([("session_id", "=", self.rt_session.id)]), 1)
        # their own session: the rules let them, and the second-draft message is theirs to read
        Summary.create({"session_id": self.other_session.id, "body": "<p>Mine</p>"})
        with self.assertRaisesText(UserError, "already has a draft summary"):
            Summary.create({"session_id": self.other_session.id, "body": "<p>Again</p>"})

    def test_a_released_summary_leaves_room_for_a_new_draft(self):
        released = self._create("<p>Released</p>")
        released.with_user(self.user_facilitator).action_release()
        draft = self._create("<p>Next</p>")
        self.assertEqual(draft.state, "draft")
        # withdrawing the released one would make a second draft: refused
        with self.assertRaisesText(UserError, "already has a draft summary"):
            released.with_user(self.user_facilitator).action_withdraw()
        self.assertEqual(released.state, "released")

    def test_database_refuses_a_second_draft(self):
        """Whatever skips the model (two requests at once, a script in SQL), the database keeps one draft."""
        draft = self._create("<p>First</p>")
        self.env.flush_all()
        with mute_logger("odoo.sql_db"), self.assertRaises(psycopg2.errors.UniqueViolation) as caught:
            self.env.cr.execute(
                "INSERT INTO hbri_session_summary (session_id, company_id, state, body) "
                "SELECT session_id, company_id, 'draft', '<p>Bypass</p>' FROM hbri_session_summary WHERE id = %s",
                draft.ids,
            )
        message = self.env["hbri.session.summary"]._sql_error_to_message(caught.exception)
        self.assertEqual(
            message, "A session has one draft summary at most: edit its draft instead of starting another."
        )
        # a released summary beside the draft is fine
        self.env.cr.execute(
            "INSERT INTO hbri_session_summary (session_id, company_id, state, body) "
            "SELECT session_id, company_id, 'released', '<p>Old</p>' FROM hbri_session_summary WHERE id = %s",
            draft.ids,
        )
