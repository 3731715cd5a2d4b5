# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime

from odoo.tests import tagged

from .common import HbriPartnershipCommon


# post_install: measured with every installed addon's overrides of the attendees' write (as in the benchmark)
@tagged("post_install", "-at_install")
class TestHbriMarkAttendanceQueries(HbriPartnershipCommon):
    """Marking everyone who accepted as attended is one batch: as many queries for 5 attendees as for 50, no
    chatter message on the attendees, their people or the session, and no e-mail rendered in the click (the
    benchmark's "mark attendance"; the survey companion's evaluations are sent by a scheduled job afterwards)."""

    def _held_session(self, size, day, states=None):
        people = self.env["res.partner"].create(
            [{"name": f"Hadir {day}-{i:03d}", "email": f"hadir{day}.{i}@example.com"} for i in range(size)]
        )
        session = self.env["hbri.roundtable.session"].create(
            {
                "kind": "special",
                "date_start": datetime(2026, 10, day, 2),
                "date_end": datetime(2026, 10, day, 5),
                "is_additional": True,  # two sessions in one quarter, confirmed
            }
        )
        attendees = self.env["hbri.session.attendee"].create(
            [{"session_id": session.id, "partner_id": person.id, "role": "guest"} for person in people]
        )
        for attendee, state in zip(attendees, states or ["accepted"] * size, strict=True):
            attendee.state = state
        session.state = "held"
        return session, attendees

    def _mark(self, session):
        """(queries, messages posted on any record, e-mails queued) of marking attendance, as the secretariat with
        chatter tracking on (as in the web client): nothing is logged on the attendees, their people, the session
        or anything created for them, and no e-mail is rendered (an installed companion that e-mails the
        attendees, as the survey companion's evaluation invitations, does so in a scheduled job)."""
        Message = self.env["mail.message"].sudo()
        Mail = self.env["mail.mail"].sudo()
        watched = [("message_type", "!=", "email_outgoing")]
        messages_before = Message.search_count(watched)
        mails_before = Mail.search_count([])
        secretariat = session.with_user(self.user_secretariat).with_context(tracking_disable=False, mail_notrack=False)
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        secretariat.action_mark_accepted_attended()
        self.env.flush_all()
        queries = self.env.cr.sql_log_count - before
        return queries, Message.search_count(watched) - messages_before, Mail.search_count([]) - mails_before

    def test_mark_attendance_constant(self):
        counts = {}
        # the first call warms the registry's caches (rules, templates): measured, not compared
        for size, day in ((1, 5), (5, 6), (50, 7)):
            session, attendees = self._held_session(size, day)
            queries, messages, mails = self._mark(session)
            self.assertEqual(set(attendees.mapped("state")), {"attended"}, f"{size} attendees marked attended")
            self.assertEqual(session.attended_count, size)
            self.assertEqual(messages, 0, f"no chatter message marking {size} attendees")
            self.assertEqual(mails, 0, f"no e-mail in the click marking {size} attendees")
            counts[size] = queries
        # 45 more attendees cost no query each (one per attendee before: {1: 76, 5: 50, 50: 95}); the cursor's
        # flush order may add one query of a batch depending on what ran before in the same process
        self.assertLessEqual(counts[50], counts[5] + 2, f"queries to mark 5 / 50 attendees: {counts}")

    def test_mark_attendance_invited_absent(self):
        """Those who never answered are marked absent in the same call; those who declined stay declined."""
        states = ["invited"] * 2 + ["declined"] + ["accepted"] * 3
        session, attendees = self._held_session(6, 8, states)
        self._mark(session)
        self.assertEqual(attendees.mapped("state"), ["absent"] * 2 + ["declined"] + ["attended"] * 3)
