# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The host of a session: the rule that a host is a member seated on the session's day, confirming or
recording a declined host, and the rotation that proposes hosts (also used by the session planner)."""

from datetime import datetime

from odoo import api, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain

from .hbri_workflow_mixin import workflow_write


class HbriRoundtableSession(models.Model):
    """Host workflow and rotation of a roundtable session."""

    _inherit = "hbri.roundtable.session"  # pylint: disable=consider-merging-classes-inherited

    @api.constrains("host_partner_id", "date_start", "state")
    def _check_host_partner_id(self):
        for session in self.filtered(lambda s: s.host_partner_id and s.state != "cancelled"):
            issue = session.host_partner_id._hbri_member_issue(session.date_start.date(), session.company_id)
            if issue:
                raise ValidationError(
                    self.env._(
                        "%(org)s cannot host %(session)s: %(issue)s",
                        org=session.host_partner_id.name,
                        session=session.name,
                        issue=issue,
                    )
                )

    def action_confirm_host(self):
        """The host agreed: record the hosting as the member's contribution."""
        self._check_state(("planned", "invited"), self.env._("Confirming the host"))
        for session in self:
            if not session.host_partner_id:
                raise UserError(self.env._("Choose the host of %(session)s first.", session=session.name))
            membership = session.host_partner_id._hbri_membership_on(session.date_start.date(), session.company_id)
            with workflow_write():
                session.is_host_confirmed = True
            self.env["hbri.membership.contribution"].create(
                {
                    "membership_id": membership.id,
                    "kind": "hosting",
                    "date": session.date_start.date(),
                    "description": self.env._("Hosting %(session)s", session=session.name),
                    "session_id": session.id,
                }
            )
            session.activity_unlink(["hbri_partnership.mail_activity_type_hbri_session_host"])
        return True

    def action_host_declined(self):
        """The proposed host declined: remember it and propose the next member in the rotation."""
        self.ensure_one()
        self._check_state(("planned",), self.env._("Recording a declined host"))
        if not self.host_partner_id:
            return True
        self.contribution_ids.unlink()
        with workflow_write():
            self.write({"declined_host_ids": [(4, self.host_partner_id.id)], "is_host_confirmed": False})
        proposal = self._get_host_proposals(exclude=self.declined_host_ids)
        self.host_partner_id = proposal.get(self.id, False)
        return True

    def _get_host_proposals(self, exclude=None):
        """Propose a host for each of these sessions, by rotation among the members seated on its date (in its
        company): the member that hosted least recently first, never the host of the session just before,
        skipping members that decline hosting or declined this session. Returns {session id: res.partner}.

        Queries do not grow with the sessions already held nor with the sessions proposed for: each host's
        latest hosting is one grouped read, the candidates and their memberships one search and one read."""
        Partner = self.env["res.partner"]
        Membership = self.env["hbri.membership"]
        sessions = self.sorted("date_start")
        if not sessions:
            return {}
        exclude = exclude or Partner
        hosted_before = [
            ("host_partner_id", "!=", False),
            ("state", "!=", "cancelled"),
            ("id", "not in", sessions.ids),
            ("date_start", "<", sessions[0].date_start),
        ]
        last_hosted = dict(self._read_group(hosted_before, ["host_partner_id"], ["date_start:max"]))
        previous_host = self.search(hosted_before, order="date_start desc, id desc", limit=1).host_partner_id
        seated_by_session = {
            session: Membership._get_seated_on_domain(session.date_start.date())
            & Domain("company_id", "=", session.company_id.id)
            for session in sessions
        }
        candidates = Partner.search(
            [
                ("is_company", "=", True),
                *self.env["hbri.sector"]._get_open_partner_domain(),
                ("hbri_declines_hosting", "=", False),
                ("id", "not in", exclude.ids),
                ("hbri_membership_ids", "any", Domain.OR(seated_by_session.values())),
            ]
        )
        candidates.hbri_membership_ids.fetch(["partner_id", "company_id", "state", "date_start", "date_end"])
        proposals = {}
        for session in sessions:
            seated = seated_by_session[session]
            eligible = candidates.filtered(lambda p, seated=seated: p.hbri_membership_ids.filtered_domain(seated))
            eligible -= session.declined_host_ids | previous_host
            if not eligible:
                proposals[session.id] = Partner
                previous_host = Partner
                continue
            host = min(eligible, key=lambda p: (last_hosted.get(p, datetime.min), p.name, p.id))
            proposals[session.id] = host
            last_hosted[host] = session.date_start
            previous_host = host
        return proposals
