# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Retention of off-the-record notes: an administrator's Destroy Notes and the daily job that destroys the
notes of closed sessions whose summary was released long enough ago, leaving a trace on the session."""

from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from .hbri_roundtable_session import MANAGER_GROUP


class HbriRoundtableSession(models.Model):
    """Notes retention of a roundtable session."""

    _inherit = "hbri.roundtable.session"  # pylint: disable=consider-merging-classes-inherited

    def action_destroy_notes(self):
        """Retention: delete (not archive) the raw notes and attributions of closed sessions whose summary is
        released; the session keeps the trace "notes destroyed on <date> by <user>, <n> notes"."""
        if not self.env.su and not self.env.user.has_group(MANAGER_GROUP):
            raise UserError(self.env._("Only roundtable administrators destroy off-the-record notes."))
        for session in self:
            if session.state != "closed" or not session.has_released_summary:
                raise UserError(
                    self.env._(
                        "The notes of %(session)s are kept until it is closed and its summary released.",
                        session=session.name,
                    )
                )
        self._destroy_notes()
        return True

    def _destroy_notes(self):
        for session in self:
            # sudo: checked by the caller (administrator, or the daily retention job)
            notes = self.env["hbri.session.note"].sudo().search([("session_id", "=", session.id)])
            count = len(notes)
            notes.attribution_ids.unlink()
            notes.unlink()
            # sudo: the trace fields are written by this action only (refused to everyone else, hbri.workflow.mixin)
            session.sudo().write(
                {
                    "notes_destroyed_date": fields.Datetime.now(),
                    "notes_destroyed_by_id": self.env.uid,
                    "notes_destroyed_count": session.notes_destroyed_count + count,
                }
            )
            session.sudo().message_post(
                body=session.with_context(lang=session._get_mail_lang()).notes_destroyed_trace,
                message_type="notification",
                subtype_xmlid="mail.mt_note",
            )

    @api.model
    def _cron_destroy_notes(self):
        """Daily retention job: off unless the system parameter hbri_partnership.notes_retention_days is a
        positive number of days; then the notes of closed sessions whose summary was released that many days
        ago are destroyed."""
        try:
            days = int(self.env["ir.config_parameter"].sudo().get_param("hbri_partnership.notes_retention_days") or 0)
        except ValueError:
            days = 0
        if days <= 0:
            return
        limit = fields.Datetime.now() - timedelta(days=days)
        summaries = (
            self.env["hbri.session.summary"]
            .sudo()
            .search([("state", "=", "released"), ("date_released", "<=", limit), ("session_id.state", "=", "closed")])
        )
        sessions = summaries.session_id.filtered(
            lambda s: self.env["hbri.session.note"].sudo().search_count([("session_id", "=", s.id)], limit=1)
        )
        sessions.sudo()._destroy_notes()
