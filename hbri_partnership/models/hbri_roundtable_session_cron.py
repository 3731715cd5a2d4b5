# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Scheduled actions of sessions: a host reminder activity about 60 days before a session without a confirmed
host, and the members' reminder e-mail a few days before (the notes retention job is in
hbri_roundtable_session_retention.py, the mail retry in mail_mail.py)."""

from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

from .hbri_workflow_mixin import workflow_write

HOST_NOTICE_DAYS = 60
REMINDER_DAYS = 3


class HbriRoundtableSession(models.Model):
    """Scheduled actions of roundtable sessions."""

    _inherit = "hbri.roundtable.session"  # pylint: disable=consider-merging-classes-inherited

    # ------------------------------------------------------------ scheduled actions
    @api.model
    def _cron_session_reminders(self):
        now = fields.Datetime.now()
        # hosts: about 60 days before a planned session without a confirmed host
        sessions = self.search(
            [
                ("state", "=", "planned"),
                ("is_host_confirmed", "=", False),
                ("host_reminder_date", "=", False),
                ("date_start", ">", now),
                ("date_start", "<=", now + timedelta(days=HOST_NOTICE_DAYS)),
            ]
        )
        for session in sessions:
            session.activity_schedule(
                "hbri_partnership.mail_activity_type_hbri_session_host",
                date_deadline=(session.date_start - relativedelta(days=HOST_NOTICE_DAYS // 2)).date(),
                summary=self.env._("Confirm a host for %(session)s", session=session.name),
                user_id=(session.user_id or self.env.ref("base.user_admin")).id,
            )
        with workflow_write():
            sessions.write({"host_reminder_date": fields.Date.context_today(self)})
        # attendees: a reminder e-mail a few days before
        sessions = self.search(
            [
                ("state", "=", "invited"),
                ("reminder_sent", "=", False),
                ("date_start", ">", now),
                ("date_start", "<=", now + timedelta(days=REMINDER_DAYS)),
            ]
        )
        sessions.attendee_ids.filtered(
            lambda a: a.state in ("invited", "accepted") and not a.eligibility_code
        )._send_mail("hbri_partnership.mail_template_hbri_session_reminder")
        with workflow_write():
            sessions.write({"reminder_sent": True})
