# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
from datetime import date, datetime
from unittest.mock import patch

from freezegun import freeze_time

from odoo.sql_db import Cursor

from .common import HbriPartnershipCommon


@freeze_time("2026-08-01")
class TestHbriSessionInvite(HbriPartnershipCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._create_membership(cls.org_company, date(2026, 1, 1), state="active")
        cls.rep_company.email = "ayu@uji.example"

    def _make_members(self, count, prefix):
        orgs = self.env["res.partner"].create(
            [
                {"name": f"{prefix} Org {i}", "is_company": True, "hbri_sector_id": self.sector_ngo.id}
                for i in range(count)
            ]
        )
        reps = self.env["res.partner"].create(
            [
                {
                    "name": f"{prefix} Rep {i}",
                    "parent_id": org.id,
                    "email": f"rep{i}@{prefix.lower()}.example",
                    "hbri_representative_role": "primary",
                }
                for i, org in enumerate(orgs)
            ]
        )
        self.env["hbri.membership"].create(
            [
                {
                    "partner_id": org.id,
                    "date_start": date(2026, 1, 1),
                    "guideline_id": self.guideline.id,
                    "accepted_by_id": rep.id,
                    "date_accepted": date(2026, 1, 1),
                }
                for org, rep in zip(orgs, reps, strict=True)
            ]
        ).write({"state": "active"})
        return orgs, reps

    def _session(self, **vals):
        return self.env["hbri.roundtable.session"].create(
            {
                "date_start": datetime(2026, 9, 8, 2, 0),
                "date_end": datetime(2026, 9, 8, 5, 0),
                "agenda": "<p>Women's access to health</p>",
                # a complete invitation: where to go and a confirmed host (see test_hbri_session_workflow.py for
                # the incomplete ones)
                "online_url": "https://meet.example.com/hbri",
                "host_partner_id": self.org_company.id,
                "is_host_confirmed": True,
                "is_additional": True,  # several sessions of 2026-Q3 in these tests
                **vals,
            }
        )

    def test_invite_200_representatives(self):
        orgs, reps = self._make_members(200, "Big")
        # inactive representatives, non-representative contacts and the public sector are not invited
        reps[0].hbri_representative_active = False
        self.env["res.partner"].create({"name": "Not a rep", "parent_id": orgs[1].id, "email": "x@x.example"})
        self.env["res.partner"].create(
            {"name": "Official", "parent_id": self.org_public.id, "hbri_representative_role": "primary"}
        )
        session = self._session()
        mails_before = self.env["mail.mail"].search([])
        session.with_user(self.user_secretariat).action_invite_members()
        self.assertEqual(session.state, "invited")
        self.assertEqual(len(session.attendee_ids), 200)  # 199 big reps + PT Uji Coba's
        self.assertNotIn(reps[0], session.attendee_ids.partner_id)
        self.assertTrue(all(session.attendee_ids.mapped("invitation_sent")))
        mails = self.env["mail.mail"].search([]) - mails_before
        self.assertEqual(len(mails), 200)
        mail = mails.filtered(lambda m: self.rep_company in m.recipient_ids)
        self.assertEqual(len(mail), 1)
        body = mail.body_html
        self.assertIn("Roundtable 2026-Q3", mail.subject)
        self.assertIn("09:00", body)
        self.assertIn("12:00 WIB", body)
        attendee = session.attendee_ids.filtered(lambda a: a.partner_id == self.rep_company)
        self.assertIn(attendee._get_rsvp_url("accept"), body.replace("&amp;", "&"))
        self.assertIn(attendee._get_rsvp_url("decline"), body.replace("&amp;", "&"))
        self.assertIn("off-the-record", body)
        ics = mail.attachment_ids.filtered(lambda a: a.mimetype == "text/calendar")
        self.assertEqual(len(ics), 1)
        content = base64.b64decode(ics.datas).decode()
        self.assertIn("BEGIN:VCALENDAR", content)
        self.assertIn("DTSTART:20260908T020000Z", content)
        self.assertIn("SUMMARY:Roundtable 2026-Q3", content)
        # a second click invites only newcomers
        session.action_invite_members()
        self.assertEqual(len(self.env["mail.mail"].search([]) - mails_before), 200)

    def test_invite_query_count_independent_of_size(self):
        # Odoo renders template mails in batches of `mail.batch_size` (50 by default), at 9 queries a batch;
        # within one batch, what this addon adds must not depend on how many are invited.
        self.env["ir.config_parameter"].sudo().set_param("mail.batch_size", 1000)
        counts = []
        # the first round warms the caches (templates, views, config parameters) and is not compared
        for size, prefix in ((2, "Warm"), (10, "Small"), (60, "Large")):
            self.env["res.partner"].search([("hbri_membership_ids", "!=", False)]).hbri_membership_ids.filtered(
                lambda m: m.partner_id.name.startswith(("Warm", "Small", "Large"))
            ).write({"state": "ended", "date_end": date(2026, 7, 31)})
            self._make_members(size, prefix)
            session = self._session()
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            session.action_invite_members()
            self.env.flush_all()
            counts.append(self.cr.sql_log_count - before)
            self.assertEqual(len(session.attendee_ids), size + 1)
        self.assertEqual(counts[1], counts[2], f"queries to invite 3 / 11 / 61 representatives: {counts}")

    def test_invite_locks_the_session_before_adding_attendees(self):
        # Two users inviting the same session at once (two workers, two machines) must not both insert the
        # members not invited yet: the second insert would hit the unique (session, person) index, an error Odoo
        # shows instead of retrying. The invitation first updates the session's row: a concurrent invitation
        # then waits for the first one's commit and fails with a serialization error, which Odoo retries.
        self._make_members(3, "Lock")
        session = self._session()
        self.env.flush_all()
        queries = []
        execute = Cursor.execute

        def spy(cr, query, params=None, log_exceptions=True):
            queries.append(str(getattr(query, "code", query)))
            return execute(cr, query, params, log_exceptions)

        with patch.object(Cursor, "execute", spy):
            session.with_user(self.user_secretariat).action_invite_members()
            self.env.flush_all()
        lock = [i for i, q in enumerate(queries) if q.startswith("UPDATE hbri_roundtable_session SET write_date")]
        inserts = [i for i, q in enumerate(queries) if q.startswith('INSERT INTO "hbri_session_attendee"')]
        self.assertTrue(lock, "the invitation does not lock the session's row")
        self.assertTrue(inserts)
        self.assertLess(lock[0], inserts[0], "the session's row must be locked before attendees are added")
        self.assertEqual(len(session.attendee_ids), 4)

    def test_invitation_in_english_and_other_zone(self):
        self.env["res.lang"]._activate_lang("en_US")
        session = self._session(language="en_US", tz="Asia/Jayapura")
        session.action_invite_members()
        mail = self.env["mail.mail"].search([("recipient_ids", "in", self.rep_company.ids)], limit=1)
        self.assertIn("Tuesday 8 September 2026 11:00 – 14:00 WIT", mail.body_html)

    def test_reminder_mail_days_before(self):
        session = self._session(language="en_US")  # the subject checked is the English one
        session.action_invite_members()
        attendee = session.attendee_ids
        mails_before = self.env["mail.mail"].search([])
        with freeze_time("2026-09-01"):
            self.env["hbri.roundtable.session"]._cron_session_reminders()
        self.assertFalse(self.env["mail.mail"].search([]) - mails_before)
        with freeze_time("2026-09-06"):
            self.env["hbri.roundtable.session"]._cron_session_reminders()
            self.env["hbri.roundtable.session"]._cron_session_reminders()
        reminders = self.env["mail.mail"].search([]) - mails_before
        self.assertEqual(len(reminders), 1, "one reminder, once")
        self.assertIn("Reminder", reminders.subject)
        self.assertIn(attendee._get_rsvp_url("accept"), reminders.body_html.replace("&amp;", "&"))
