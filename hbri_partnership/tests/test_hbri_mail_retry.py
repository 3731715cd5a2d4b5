# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import smtplib
from collections import Counter
from contextlib import closing, contextmanager
from datetime import date, datetime, timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo import SUPERUSER_ID, api
from odoo.exceptions import AccessError
from odoo.sql_db import db_connect
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.base.tests.common import MockSmtplibCase

from .common import HbriPartnershipCommon

START = datetime(2026, 8, 1, 8, 0)


class HbriMailRetryCommon(HbriPartnershipCommon, MockSmtplibCase):
    """A session whose two representatives are invited while the mail server refuses connections."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._create_membership(cls.org_company, date(2026, 1, 1), state="active")
        cls._create_membership(cls.org_ngo, date(2026, 1, 1), state="active")
        cls.rep_company.email = "ayu@company.example"
        cls.rep_ngo.email = "bayu@ngo.example"
        cls.env["ir.config_parameter"].set_param("hbri_partnership.mail_retry_delays", "5,15")
        # no queued e-mail of the database takes part in the counts
        cls.env["mail.mail"].search([("state", "=", "outgoing")]).cancel()

    def _session(self):
        return self.env["hbri.roundtable.session"].create(
            {
                "name": "Roundtable Retry",
                "date_start": datetime(2026, 9, 8, 2, 0),
                "date_end": datetime(2026, 9, 8, 5, 0),
                "online_url": "https://meet.example.com/hbri",
                "host_partner_id": self.org_company.id,
                "is_host_confirmed": True,
                "user_id": self.user_secretariat.id,
            }
        )

    @contextmanager
    def relay(self, refusing):
        """The mail server for the duration of the block: refusing connections, or accepting every message
        (counted in self.emails, kept across blocks)."""
        sent = getattr(self, "emails", [])
        with self.mock_smtplib_connection():
            self.emails = sent
            if refusing:
                with patch.object(
                    type(self.env["ir.mail_server"]),
                    "_connect__",
                    side_effect=smtplib.SMTPConnectError(421, b"hbri test: try again later"),
                ):
                    yield
            else:
                yield

    def run_queue(self, refusing=False):
        with self.relay(refusing), mute_logger("odoo.addons.mail.models.mail_mail"):
            self.env["mail.mail"].process_email_queue()

    def recipients(self):
        return Counter(email["smtp_to_list"][0] for email in self.emails)

    def invite(self):
        session = self._session()
        session.with_user(self.user_secretariat)._invite_members()
        mails = self.env["mail.mail"].search([("model", "=", "hbri.session.attendee"), ("state", "=", "outgoing")])
        self.assertEqual(len(mails), 2)
        return session, mails


class TestHbriMailRetry(HbriMailRetryCommon):
    def test_refused_relay_keeps_invitations_and_sends_each_once_when_it_accepts(self):
        with freeze_time(START):
            session, mails = self.invite()
            self.run_queue(refusing=True)
            # Odoo alone would leave them in exception for good; they wait for their next attempt
            self.assertEqual(set(mails.mapped("state")), {"exception"})
            self.assertEqual(set(mails.mapped("hbri_retry_state")), {"waiting"})
            self.assertEqual(set(mails.mapped("hbri_retry_date")), {START + timedelta(minutes=5)})
            self.assertEqual(mails.hbri_session_id, session)
            self.assertEqual(session.mail_waiting_count, 2)
            self.assertIn("2 e-mail(s) of this session could not be sent yet", session.mail_retry_message)
            trigger = self.env["ir.cron.trigger"].search(
                [("cron_id", "=", self.env.ref("mail.ir_cron_mail_scheduler_action").id)]
            )
            self.assertIn(START + timedelta(minutes=5), trigger.mapped("call_at"))
            # the relay accepts again, but the back-off is not over: nothing leaves yet
            self.run_queue()
            self.assertFalse(self.emails)
        with freeze_time(START + timedelta(minutes=6)):
            self.run_queue()
            self.assertEqual(self.recipients(), Counter({"ayu@company.example": 1, "bayu@ngo.example": 1}))
            self.assertFalse(mails.exists(), "invitations are deleted once sent (auto_delete)")
            session.invalidate_recordset()
            self.assertEqual(session.mail_waiting_count, 0)
            self.assertFalse(session.mail_retry_message)
            # the queue again: nobody gets a second invitation
            self.run_queue()
            self.assertEqual(self.recipients(), Counter({"ayu@company.example": 1, "bayu@ngo.example": 1}))

    def test_attempts_are_bounded_then_the_secretariat_is_told(self):
        with freeze_time(START):
            session, mails = self.invite()
            self.run_queue(refusing=True)
        with freeze_time(START + timedelta(minutes=6)):
            self.run_queue(refusing=True)
            self.assertEqual(set(mails.mapped("hbri_retry_count")), {1})
            self.assertEqual(set(mails.mapped("hbri_retry_date")), {START + timedelta(minutes=6 + 15)})
        with freeze_time(START + timedelta(minutes=22)):
            self.run_queue(refusing=True)
            # two delays configured: the third failure is the last
            self.assertEqual(set(mails.mapped("hbri_retry_state")), {"given_up"})
            self.assertEqual(set(mails.mapped("state")), {"exception"})
            self.assertEqual(session.mail_given_up_count, 2)
            self.assertIn("Retry Now", session.mail_retry_message)
            activity = session.activity_ids.filtered(
                lambda a: a.activity_type_id == self.env.ref("hbri_partnership.mail_activity_type_hbri_mail_unsent")
            )
            self.assertEqual(activity.user_id, self.user_secretariat)
            self.assertIn("2 e-mail(s) of Roundtable Retry", str(activity.note))
        with freeze_time(START + timedelta(days=1)):
            # no more automatic attempt, however long the queue runs
            self.run_queue()
            self.assertFalse(self.emails)
            # staff without the secretariat's role cannot send them again
            with self.assertRaises(AccessError):
                session.with_user(self.user_staff).action_retry_unsent_mails()
            session.with_user(self.user_secretariat).action_retry_unsent_mails()
            self.assertEqual(set(mails.mapped("state")), {"outgoing"})
            self.assertFalse(session.activity_ids.filtered(lambda a: a.activity_type_id == activity.activity_type_id))
            self.run_queue()
            self.run_queue()
            self.assertEqual(self.recipients(), Counter({"ayu@company.example": 1, "bayu@ngo.example": 1}))

    def test_bounces_invalid_addresses_and_other_documents_are_not_retried(self):
        with freeze_time(START):
            session, mails = self.invite()
            # the server takes the connection but refuses this recipient (a bounce at delivery)
            refused = mails.filtered(
                lambda m: self.rep_company in m.recipient_ids or "ayu@company" in (m.email_to or "")
            )
            self.assertEqual(len(refused), 1)
            others = mails - refused
            invalid = self.env["mail.mail"].create(
                {"email_to": "not an address", "subject": "x", "model": "hbri.roundtable.session", "res_id": session.id}
            )
            foreign = self.env["mail.mail"].create(
                {"email_to": "z@uji.example", "subject": "y", "model": "res.partner", "res_id": self.rep_ngo.id}
            )

            def refuse_first(model, message, *args, **kwargs):
                if "ayu@company.example" in message["To"]:
                    raise smtplib.SMTPRecipientsRefused({"ayu@company.example": (550, b"no such user")})
                return "<ok@uji.example>"

            with (
                self.relay(refusing=False),
                patch.object(type(self.env["ir.mail_server"]), "send_email", autospec=True, side_effect=refuse_first),
                mute_logger("odoo.addons.mail.models.mail_mail"),
            ):
                refused.send()
            with self.relay(refusing=False), mute_logger("odoo.addons.mail.models.mail_mail"):
                invalid.send()
            self.assertEqual(refused.state, "exception")
            self.assertFalse(refused.hbri_retry_state)
            self.assertIn(invalid.failure_type, ("mail_email_invalid", "mail_email_missing"))
            self.assertFalse(invalid.hbri_retry_state)
            # a document outside the addon keeps Odoo's own behaviour
            self.run_queue(refusing=True)
            self.assertEqual(foreign.state, "exception")
            self.assertFalse(foreign.hbri_retry_state)
            self.assertEqual(others.hbri_retry_state, "waiting")
        with freeze_time(START + timedelta(hours=1)):
            self.run_queue()
            self.assertEqual(self.recipients(), Counter({"bayu@ngo.example": 1}))
            self.assertEqual((refused + invalid + foreign).mapped("state"), ["exception"] * 3)

    def test_sent_mail_is_never_sent_again(self):
        with freeze_time(START):
            session, mails = self.invite()
            mails.auto_delete = False
            self.run_queue(refusing=True)
        with freeze_time(START + timedelta(minutes=6)):
            self.run_queue()
            self.assertEqual(set(mails.mapped("state")), {"sent"})
            # even with a retry date in the past (a stale row), a sent e-mail is not put back in the queue
            mails.hbri_retry_date = START
            self.assertFalse(self.env["mail.mail"]._hbri_retry_unreachable())
            session.with_user(self.user_secretariat).action_retry_unsent_mails()
            self.run_queue()
            self.assertEqual(self.recipients(), Counter({"ayu@company.example": 1, "bayu@ngo.example": 1}))
            self.assertEqual(set(mails.mapped("state")), {"sent"})


@tagged("post_install", "-at_install", "hbri_partnership")
class TestHbriMailRetryConcurrent(HbriMailRetryCommon):
    """Two machines run the retry at the same moment: each e-mail goes back to the queue, and out, once.

    The e-mails are committed in their own transaction so that two real connections see them, as two Odoo
    machines would; the test removes them at the end."""

    def _committed_mails(self, count):
        with closing(db_connect(self.env.cr.dbname).cursor()) as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            mails = env["mail.mail"].create(
                [
                    {
                        "email_to": f"node{i}@uji.example",
                        "subject": f"Invitation {i}",
                        "body_html": "<p>Invitation</p>",
                        "state": "exception",
                        "hbri_retry_state": "waiting",
                        "hbri_retry_date": datetime(2020, 1, 1),
                    }
                    for i in range(count)
                ]
            )
            # the document of an invitation (no row needed: the retry reads the model only)
            cr.execute(
                "UPDATE mail_message SET model = 'hbri.session.attendee' WHERE id = ANY(%s)",
                [mails.mail_message_id.ids],
            )
            # committed: the two other connections must see the rows
            cr.commit()  # pylint: disable=invalid-commit
            ids = mails.ids

        def cleanup():
            with closing(db_connect(self.env.cr.dbname).cursor()) as cr:
                api.Environment(cr, SUPERUSER_ID, {})["mail.mail"].browse(ids).exists().unlink()
                cr.commit()  # pylint: disable=invalid-commit

        self.addCleanup(cleanup)
        return ids

    def test_two_machines_retry_at_once(self):
        ids = self._committed_mails(3)
        with (
            closing(db_connect(self.env.cr.dbname).cursor()) as cr_a,
            closing(db_connect(self.env.cr.dbname).cursor()) as cr_b,
        ):
            env_a = api.Environment(cr_a, SUPERUSER_ID, {})
            env_b = api.Environment(cr_b, SUPERUSER_ID, {})
            # both transactions begin before either puts anything back (the worst case)
            cr_a.execute("SELECT 1")
            cr_b.execute("SELECT 1")
            requeued_a = env_a["mail.mail"]._hbri_retry_unreachable()
            # the rows are A's until it commits: B skips them without waiting
            requeued_b = env_b["mail.mail"]._hbri_retry_unreachable()
            self.assertEqual(sorted(requeued_a.ids), ids)
            self.assertFalse(requeued_b)
            cr_a.commit()
            # committed by A after B began: B leaves them to A instead of putting them back a second time
            self.assertFalse(env_b["mail.mail"]._hbri_retry_unreachable())
            cr_b.commit()
            # the queue (one machine at a time: Odoo's cron lock) sends them; the other machine's run finds none
            with self.relay(refusing=False):
                env_a["mail.mail"].process_email_queue(email_ids=ids)
                cr_a.commit()
                env_b["mail.mail"].process_email_queue(email_ids=ids)
                cr_b.commit()
        self.assertEqual(self.recipients(), Counter({f"node{i}@uji.example": 1 for i in range(3)}))
        with closing(db_connect(self.env.cr.dbname).cursor()) as cr:
            cr.execute("SELECT state, hbri_retry_count FROM mail_mail WHERE id = ANY(%s)", [ids])
            self.assertEqual(set(cr.fetchall()), {("sent", 1)})
