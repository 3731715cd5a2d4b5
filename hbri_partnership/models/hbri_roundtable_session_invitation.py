# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Inviting the members to a session: what an invitation would lack, adding the representatives of the
members seated on its day, one round at a time, e-mailing them (through hbri.session.attendee) and telling
the result. The "send anyway" dialog is the hbri.session.invite wizard."""

from odoo import models
from odoo.exceptions import UserError
from odoo.tools import SQL

from .hbri_workflow_mixin import workflow_write


class HbriRoundtableSession(models.Model):
    """Invitation mechanics of a roundtable session."""

    _inherit = "hbri.roundtable.session"  # pylint: disable=consider-merging-classes-inherited

    def action_invite_members(self):
        """Invite the members, or first ask when the invitation would lack what members need to come."""
        self.ensure_one()
        self._check_state(("planned", "invited"), self.env._("Inviting members"))
        issues = self._get_invitation_issues()
        if issues:
            return {
                "type": "ir.actions.act_window",
                "name": self.env._("Send the Invitations Anyway?"),
                "res_model": "hbri.session.invite",
                "view_mode": "form",
                "target": "new",
                "context": {"default_session_id": self.id},
            }
        return self._invite_members()

    def _get_invitation_issues(self):
        """What an invitation of this session would lack (a list of messages, empty when complete)."""
        self.ensure_one()
        issues = []
        if not self.venue_partner_id and not self.online_url:
            issues.append(self.env._("It has neither a venue nor an online link: members would not know where to go."))
        if not self.host_partner_id:
            issues.append(self.env._("It has no host."))
        elif not self.is_host_confirmed:
            issues.append(
                self.env._("%(host)s has not confirmed hosting it yet.", host=self.host_partner_id.display_name)
            )
        return issues

    def _invite_members(self, send_anyway=False):
        """Add the active representatives of every eligible active member and e-mail each an invitation.

        Refused when the invitation is incomplete (see _get_invitation_issues) unless the user chose to send it
        anyway. Returns a notification saying how many were invited, also written in the chatter."""
        self._check_state(("planned", "invited"), self.env._("Inviting members"))
        for session in self:
            issues = session._get_invitation_issues()
            if issues and not send_anyway:
                raise UserError(
                    self.env._(
                        "The invitations of %(session)s were not sent. %(issues)s Complete the session, or send them "
                        "anyway.",
                        session=session.name,
                        issues=" ".join(issues),
                    )
                )
        self._lock_invitations()
        for session in self:
            session._add_member_representatives()
        to_send = self.attendee_ids.filtered(lambda a: a.state == "invited" and not a.invitation_sent)
        to_send._send_invitations()
        with workflow_write():
            self.filtered(lambda s: s.state == "planned").state = "invited"
        for session in self:
            sent = to_send.filtered(lambda a, s=session: a.session_id == s)
            session.message_post(body=session._invitation_result_message(sent))
        if len(self) == 1:
            message = self._invitation_result_message(to_send)
        else:
            message = self.env._("%(count)s invitation(s) sent.", count=len(to_send))
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success" if to_send else "warning",
                "message": message,
                "sticky": False,
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def _invitation_result_message(self, sent):
        if not sent:
            return self.env._("No new invitation: every eligible representative was already invited.")
        organizations = sent.organization_id
        names = ", ".join(organizations[:10].mapped("name"))
        if len(organizations) > 10:
            names = self.env._("%(names)s and %(count)s more", names=names, count=len(organizations) - 10)
        without_email = sent.filtered(lambda a: not a.email)
        message = self.env._(
            "%(count)s invitation(s) sent to the representatives of %(org_count)s organization(s): %(names)s.",
            count=len(sent) - len(without_email),
            org_count=len(organizations),
            names=names,
        )
        if without_email:
            message += " " + self.env._(
                "Without an e-mail address, not sent: %(people)s.",
                people=", ".join(without_email.partner_id.mapped("name")),
            )
        return message

    def _lock_invitations(self):
        """One invitation round per session at a time, also across workers and machines.

        Two secretariat users inviting the same session at once would both add the members not invited yet, and
        the second insert would fail on the unique (session, person) index with an error shown to the user: Odoo
        does not retry unique violations. Updating the sessions' rows first (a write that changes nothing) makes
        the second request wait for the first one's commit and then fail with a serialization error, which Odoo
        retries: the retry sees the attendees of the first round and invites nobody twice.
        """
        if self.ids:
            self.env.cr.execute(
                SQL("UPDATE hbri_roundtable_session SET write_date = write_date WHERE id IN %s", tuple(self.ids))
            )

    def _add_member_representatives(self):
        self.ensure_one()
        day = self.date_start.date()
        members = self.env["res.partner"].search(
            [
                ("is_company", "=", True),
                *self.env["hbri.sector"]._get_open_partner_domain(),
                (
                    "hbri_membership_ids",
                    "any",
                    [
                        *self.env["hbri.membership"]._get_seated_on_domain(day),
                        ("company_id", "=", self.company_id.id),
                    ],
                ),
            ]
        )
        representatives = self.env["res.partner"].search(
            [
                ("parent_id", "in", members.ids),
                ("hbri_representative_role", "!=", False),
                ("hbri_representative_active", "=", True),
                ("id", "not in", self.attendee_ids.partner_id.ids),
            ]
        )
        self.env["hbri.session.attendee"].create(
            [{"session_id": self.id, "partner_id": rep.id, "role": "member"} for rep in representatives]
        )
