# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Printing helpers of a session: the rows of the sign-in sheet and the attendance matrix export (the
templates and reports are in report/)."""

from odoo import models
from odoo.exceptions import UserError


class HbriRoundtableSession(models.Model):
    """Printed documents of a roundtable session."""

    _inherit = "hbri.roundtable.session"  # pylint: disable=consider-merging-classes-inherited

    # ------------------------------------------------------------ printed documents
    def _get_sign_in_attendees(self):
        """Attendees of the sign-in sheet: the people expected (those who declined aside), by organization, then
        name (people without an organization last).

        Names and organizations are read for all attendees in one query each (prefetch), never one per row.
        """
        self.ensure_one()
        attendees = self.attendee_ids.filtered(lambda a: a.state != "declined")
        attendees.partner_id.mapped("name")
        attendees.organization_id.mapped("name")

        def sort_key(attendee):
            organization = attendee.organization_id
            org_name = organization.name if organization and organization != attendee.partner_id else ""
            return (not org_name, org_name.casefold(), (attendee.partner_id.name or "").casefold(), attendee.id)

        return attendees.sorted(sort_key)

    def action_export_attendance(self):
        """Attendance matrix (XLSX) of these sessions: organizations in rows, sessions in columns."""
        if not self:
            raise UserError(self.env._("Select the sessions whose attendance you want to export."))
        return self.env["hbri.xlsx.export"]._action_download("attendance", self)
