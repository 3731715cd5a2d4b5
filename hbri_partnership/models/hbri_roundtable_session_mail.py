# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.exceptions import AccessError
from odoo.tools import format_datetime

SECRETARIAT_GROUP = "hbri_partnership.hbri_partnership_group_secretariat"
UNSENT_ACTIVITY = "hbri_partnership.mail_activity_type_hbri_mail_unsent"


class HbriRoundtableSession(models.Model):
    """What the secretariat sees of the session's e-mails the mail server could not take (see mail_mail.py)."""

    _inherit = "hbri.roundtable.session"

    mail_waiting_count = fields.Integer(
        string="E-mails Waiting",
        compute="_compute_mail_retry",
        help="E-mails of this session (invitations, reminders, notices) that could not be sent yet because the "
        "mail server could not be reached; they are sent again automatically.",
    )
    mail_retry_date = fields.Datetime(string="Next Attempt", compute="_compute_mail_retry")
    mail_given_up_count = fields.Integer(
        string="E-mails Not Sent",
        compute="_compute_mail_retry",
        help="E-mails of this session that could not be sent after every automatic attempt.",
    )
    mail_retry_message = fields.Char(string="E-mail Retry Notice", compute="_compute_mail_retry")

    def _compute_mail_retry(self):
        # sudo: e-mails are a system administrator's model; the secretariat sees counts and a date, no content
        mails = self.env["mail.mail"].sudo()
        domain = [("hbri_session_id", "in", self.ids)]
        waiting = {
            session.id: (count, date)
            for session, count, date in mails._read_group(
                [*domain, ("hbri_retry_state", "=", "waiting"), ("state", "in", ("exception", "outgoing"))],
                ["hbri_session_id"],
                ["__count", "hbri_retry_date:min"],
            )
        }
        given_up = {
            session.id: count
            for session, count in mails._read_group(
                [*domain, ("hbri_retry_state", "=", "given_up"), ("state", "=", "exception")],
                ["hbri_session_id"],
                ["__count"],
            )
        }
        for session in self:
            count, date = waiting.get(session.id, (0, False))
            session.mail_waiting_count = count
            session.mail_retry_date = date
            session.mail_given_up_count = given_up.get(session.id, 0)
            session.mail_retry_message = session._mail_retry_message(count, date, session.mail_given_up_count)

    def _mail_retry_message(self, waiting, date, given_up):
        parts = []
        if waiting:
            when = (
                format_datetime(self.env, date, tz=self.env.user.tz or self.tz, dt_format="short")
                if date
                else self.env._("now")
            )
            parts.append(
                self.env._(
                    "%(count)s e-mail(s) of this session could not be sent yet: the mail server could not be "
                    "reached. They will be sent automatically (next attempt: %(when)s).",
                    count=waiting,
                    when=when,
                )
            )
        if given_up:
            parts.append(
                self.env._(
                    "%(count)s e-mail(s) of this session were not sent: the mail server could not be reached at any "
                    "attempt. Check the outgoing mail server, then click Retry Now.",
                    count=given_up,
                )
            )
        return " ".join(parts)

    def _hbri_notify_mail_given_up(self):
        """An activity for the secretariat contact: e-mails of the session were not sent (one open at a time)."""
        self.ensure_one()
        # sudo: called when an e-mail failed, by whichever user or job was sending it
        session = self.sudo()
        if session.activity_ids.filtered(lambda a: a.activity_type_id == self.env.ref(UNSENT_ACTIVITY)):
            return
        user = session.user_id if session.user_id.active else self.env.ref("base.user_admin")
        session_lang = session.with_context(lang=user.lang or session._get_mail_lang(), mail_activity_quick_update=True)
        count = (
            self.env["mail.mail"]
            .sudo()
            .search_count(
                [("hbri_session_id", "=", self.id), ("hbri_retry_state", "=", "given_up"), ("state", "=", "exception")]
            )
        )
        session_lang.activity_schedule(
            UNSENT_ACTIVITY,
            summary=session_lang.env._("E-mails not sent: the mail server could not be reached"),
            note=session_lang.env._(
                "%(count)s e-mail(s) of %(session)s (invitations, reminders or notices to members) could not be sent "
                "after every automatic attempt. Check the outgoing mail server, then click Retry Now on the session.",
                count=count,
                session=session.name,
            ),
            user_id=user.id,
        )

    def action_retry_unsent_mails(self):
        """Send again, now, the session's e-mails the mail server could not take."""
        self.ensure_one()
        if not self.env.su and not self.env.user.has_group(SECRETARIAT_GROUP):
            raise AccessError(self.env._("Only the secretariat sends the session's e-mails again."))
        self.check_access("write")
        # sudo: e-mails are a system administrator's model; only the session's own failed e-mails are put back
        mails = self.env["mail.mail"].sudo()
        mails.flush_model(["state", "hbri_retry_state", "hbri_session_id"])
        # the rows are locked first: an automatic retry running now waits, then finds them in the queue already
        self.env.cr.execute(
            """SELECT id FROM mail_mail
                WHERE hbri_session_id = %s AND state = 'exception' AND hbri_retry_state IN ('waiting', 'given_up')
                  FOR NO KEY UPDATE""",
            (self.id,),
        )
        retry = mails.browse([row[0] for row in self.env.cr.fetchall()])
        retry.write(
            {"state": "outgoing", "hbri_retry_state": "waiting", "hbri_retry_count": 0, "hbri_retry_date": False}
        )
        retry._hbri_reset_notifications()
        if retry:
            self.env.ref("mail.ir_cron_mail_scheduler_action").sudo()._trigger()
        # sudo: the activity may be another secretariat user's
        self.sudo().activity_feedback(
            [UNSENT_ACTIVITY], feedback=self.env._("Sent again by %(user)s.", user=self.env.user.name)
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "info" if retry else "warning",
                "message": self.env._("%(count)s e-mail(s) are in the queue again.", count=len(retry))
                if retry
                else self.env._("No e-mail of this session is waiting for the mail server."),
                "sticky": False,
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }
