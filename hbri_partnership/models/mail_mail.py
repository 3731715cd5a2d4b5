# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
from datetime import timedelta

import psycopg2

from odoo import api, fields, models
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

# minutes between the automatic attempts after the mail server could not be reached; one attempt per value
DEFAULT_RETRY_DELAYS = "5,15,60,240,720"
RETRY_DELAYS_PARAM = "hbri_partnership.mail_retry_delays"
# the documents of the addon whose e-mails belong to a session (the session's banner and activity)
SESSION_PATHS = {
    "hbri.roundtable.session": "id",
    "hbri.session.attendee": "session_id",
    "hbri.case.study": "session_id",
}


class MailMail(models.Model):
    """E-mails of the addon that could not leave because the mail server could not be reached go out later.

    Odoo marks every e-mail of a batch `exception` when it cannot connect to the mail server (the
    notifications get the failure type `mail_smtp`) and its queue sends only `outgoing` e-mails: an invitation
    queued while the relay was down would never leave. Here such an e-mail of an `hbri.*` document waits
    (`hbri_retry_state` = waiting) and is put back in the queue when its next attempt is due, a bounded number
    of times with a growing delay; after the last attempt the session's secretariat contact gets an activity.
    Nothing else is retried: an invalid address, a recipient the server refused, an e-mail already sent.
    """

    _inherit = "mail.mail"

    hbri_retry_state = fields.Selection(
        [("waiting", "Waiting for the Mail Server"), ("given_up", "Mail Server Unreachable")],
        string="Roundtable Retry",
        copy=False,
        readonly=True,
        index="btree_not_null",
        help="Waiting: the mail server could not be reached; the e-mail is sent again automatically. "
        "Mail Server Unreachable: every automatic attempt failed; Retry Now on the session sends it again.",
    )
    hbri_retry_count = fields.Integer(
        string="Automatic Attempts", copy=False, readonly=True, help="Attempts made since the first failure."
    )
    hbri_retry_date = fields.Datetime(string="Next Attempt", copy=False, readonly=True)
    hbri_session_id = fields.Many2one(
        "hbri.roundtable.session",
        string="Roundtable Session",
        copy=False,
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
    )

    @api.model
    def _hbri_retry_delays(self):
        """The delays between automatic attempts (timedelta list, one per attempt)."""
        # sudo: a technical setting read by whoever's send failed (a request user or the queue's cron)
        value = self.env["ir.config_parameter"].sudo().get_param(RETRY_DELAYS_PARAM) or DEFAULT_RETRY_DELAYS
        try:
            minutes = [float(part) for part in value.split(",") if part.strip()]
        except ValueError:
            minutes = []
        if not minutes or any(m < 0 for m in minutes):
            _logger.info("Invalid %s %r: using %s", RETRY_DELAYS_PARAM, value, DEFAULT_RETRY_DELAYS)
            minutes = [float(part) for part in DEFAULT_RETRY_DELAYS.split(",")]
        return [timedelta(minutes=m) for m in minutes]

    # ------------------------------------------------------------ failure
    def _postprocess_sent_message(self, success_pids, success_emails, failure_reason=False, failure_type=None):
        res = super()._postprocess_sent_message(
            success_pids, success_emails, failure_reason=failure_reason, failure_type=failure_type
        )
        # "mail_smtp" is what send() reports when it could not connect: nothing of the batch left the machine
        if failure_type == "mail_smtp":
            self.exists()._hbri_schedule_retry()
        return res

    def _hbri_schedule_retry(self):
        """Make the addon's e-mails that failed to connect wait for their next attempt, or give up on them."""
        # sudo: runs for whoever's send failed; only the retry bookkeeping of these e-mails is written
        mails = self.sudo().filtered(lambda m: m.state == "exception" and (m.model or "").startswith("hbri."))
        if not mails:
            return
        delays = self._hbri_retry_delays()
        now = fields.Datetime.now()
        sessions = mails._hbri_get_sessions()
        waiting = mails.filtered(lambda m: m.hbri_retry_count < len(delays))
        for count, group in waiting.grouped("hbri_retry_count").items():
            for session, session_mails in group.grouped(lambda m: sessions.get(m.id)).items():
                session_mails.write(
                    {
                        "hbri_retry_state": "waiting",
                        "hbri_retry_date": now + delays[count],
                        "hbri_session_id": session.id if session else False,
                    }
                )
        if waiting:
            cron = self.env.ref("mail.ir_cron_mail_scheduler_action", raise_if_not_found=False)
            if cron:
                cron.sudo()._trigger(sorted(set(waiting.mapped("hbri_retry_date"))))
        given_up = mails - waiting
        for session, session_mails in given_up.grouped(lambda m: sessions.get(m.id)).items():
            session_mails.write(
                {
                    "hbri_retry_state": "given_up",
                    "hbri_retry_date": False,
                    "hbri_session_id": session.id if session else False,
                }
            )
            if session:
                session._hbri_notify_mail_given_up()

    def _hbri_get_sessions(self):
        """{mail id: the roundtable session its document belongs to}, for the addon's documents of a session."""
        sessions = {}
        for model, mails in self.grouped("model").items():
            path = SESSION_PATHS.get(model)
            if not path:
                continue
            documents = self.env[model].sudo().browse(mails.mapped("res_id")).exists()
            by_id = {doc.id: (doc if path == "id" else doc[path]) for doc in documents}
            for mail in mails:
                session = by_id.get(mail.res_id)
                if session:
                    sessions[mail.id] = session
        return sessions

    # ------------------------------------------------------------ retry
    @api.model
    def _hbri_retry_unreachable(self):
        """Put back in the queue the waiting e-mails whose next attempt is due; returns them.

        Safe when several machines run it at once: each claims the rows it updates with SKIP LOCKED, so an
        e-mail is put back once; a row another machine put back after this transaction began is left to it.
        """
        mails = self.env["mail.mail"].sudo()
        mails.flush_model(["state", "hbri_retry_state", "hbri_retry_date", "hbri_retry_count"])
        query = SQL(
            """UPDATE mail_mail SET state = 'outgoing', hbri_retry_count = COALESCE(hbri_retry_count, 0) + 1,
                      hbri_retry_date = NULL, write_date = %(now)s, write_uid = %(uid)s
                WHERE id IN (SELECT id FROM mail_mail
                              WHERE state = 'exception' AND hbri_retry_state = 'waiting' AND hbri_retry_date <= %(now)s
                              ORDER BY id
                                FOR NO KEY UPDATE SKIP LOCKED)
            RETURNING id""",
            now=fields.Datetime.now(),
            uid=self.env.uid,
        )
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(query, log_exceptions=False)
                ids = [row[0] for row in self.env.cr.fetchall()]
        except (psycopg2.errors.SerializationFailure, psycopg2.errors.LockNotAvailable):
            # another machine put these e-mails back in the queue after this transaction began: its turn
            return mails.browse()
        mails.invalidate_model(["state", "hbri_retry_date", "hbri_retry_count", "write_date", "write_uid"])
        requeued = mails.browse(ids)
        requeued._hbri_reset_notifications()
        return requeued

    def _hbri_reset_notifications(self):
        """The recipients' notifications back to 'ready' while their e-mail is in the queue again."""
        if not self:
            return
        # sudo: notifications of the addon's own e-mails, only their delivery status
        self.env["mail.notification"].sudo().search(
            [
                ("mail_mail_id", "in", self.ids),
                ("notification_status", "=", "exception"),
                ("failure_type", "=", "mail_smtp"),
            ]
        ).write({"notification_status": "ready", "failure_type": False, "failure_reason": False})

    @api.model
    def process_email_queue(self, email_ids=(), batch_size=1000):
        # each run of the queue first takes back the addon's e-mails whose next attempt is due
        self._hbri_retry_unreachable()
        return super().process_email_queue(email_ids=email_ids, batch_size=batch_size)
