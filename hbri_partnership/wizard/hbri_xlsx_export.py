# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Spreadsheet exports of the roundtable (membership roster, attendance matrix).

A server action of the list views creates one ``hbri.xlsx.export`` (what to export, which records) and sends the
browser to ``/hbri/xlsx/<id>``; the controller builds the file there as the logged-in user, so the ORM's access
rules decide what goes into it. Export records are readable by their creator only (record rule).

Files are written with xlsxwriter in constant-memory mode, one row after the other, and every text with
``write_string``: a name such as ``=HYPERLINK(...)`` stays text and never becomes a formula.
"""

import io
import json

import pytz
import xlsxwriter

from odoo import api, fields, models
from odoo.tools import format_date

from ..models.hbri_session_attendee import ATTENDANCE_ROLES

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class HbriXlsxExport(models.TransientModel):
    _name = "hbri.xlsx.export"
    _description = "Roundtable Spreadsheet Export"

    kind = fields.Selection(
        [("roster", "Membership Roster"), ("attendance", "Attendance Matrix")],
        required=True,
    )
    res_ids = fields.Text(
        string="Record IDs",
        default="[]",
        help="JSON list of the ids selected in the list view (organizations or sessions).",
    )

    # ------------------------------------------------------------ entry points
    @api.model
    def _action_download(self, kind, records):
        """Remember what to export and send the browser to the download route."""
        export = self.create({"kind": kind, "res_ids": json.dumps(records.ids)})
        return {
            "type": "ir.actions.act_url",
            "url": f"/hbri/xlsx/{export.id}",
            "target": "download",
        }

    def _get_res_ids(self):
        self.ensure_one()
        try:
            ids = json.loads(self.res_ids or "[]")
        except ValueError:
            return []
        if not isinstance(ids, list):
            return []
        return [res_id for res_id in ids if isinstance(res_id, int) and not isinstance(res_id, bool)]

    def _render_xlsx(self):
        """Return (file name, content) of the spreadsheet, built with the current user's access rights."""
        self.ensure_one()
        writers = {
            "roster": (self._write_roster, "hbri-membership-roster"),
            "attendance": (self._write_attendance, "hbri-attendance-matrix"),
        }
        writer, basename = writers[self.kind]
        output = io.BytesIO()
        with xlsxwriter.Workbook(
            output, {"constant_memory": True, "in_memory": False, "strings_to_formulas": False}
        ) as workbook:
            writer(workbook)
        today = fields.Date.context_today(self)
        return f"{basename}-{fields.Date.to_string(today)}.xlsx", output.getvalue()

    # ------------------------------------------------------------ helpers
    @api.model
    def _formats(self, workbook):
        return {
            "header": workbook.add_format({"bold": True, "bg_color": "#DDE7F0", "border": 1, "text_wrap": True}),
            "date": workbook.add_format({"num_format": "yyyy-mm-dd"}),
            "percent": workbook.add_format({"num_format": "0%"}),
        }

    @api.model
    def _write_text_row(self, sheet, row, values, cell_format=None):
        for col, value in enumerate(values):
            sheet.write_string(row, col, value or "", cell_format)

    @api.model
    def _selection_labels(self, model, field_name):
        return dict(self.env[model]._fields[field_name]._description_selection(self.env))

    # ------------------------------------------------------------ membership roster
    def _get_roster_organizations(self):
        """The organizations selected (people count as their organization); none selected: all with a
        membership that was not cancelled."""
        Partner = self.env["res.partner"]
        ids = self._get_res_ids()
        domain = [("is_company", "=", True)]
        if ids:
            selected = Partner.search([("id", "in", ids)])
            domain.append(("id", "in", selected.commercial_partner_id.ids))
        else:
            domain.append(("hbri_membership_ids", "any", [("state", "!=", "cancelled")]))
        return Partner.search(domain, order="name, id")

    def _write_roster(self, workbook):
        formats = self._formats(workbook)
        sheet = workbook.add_worksheet(self.env._("Roster"))
        headers = [
            self.env._("Organization"),
            self.env._("Sector"),
            self.env._("Membership Status"),
            self.env._("Member Since"),
            self.env._("Membership Start"),
            self.env._("Membership End"),
            self.env._("Primary Representative"),
            self.env._("Primary Representative Email"),
            self.env._("Other Representatives"),
            self.env._("Other Representatives Emails"),
        ]
        for col, width in enumerate((36, 18, 16, 14, 16, 16, 28, 30, 40, 50)):
            sheet.set_column(col, col, width)
        sheet.freeze_panes(1, 1)
        self._write_text_row(sheet, 0, headers, formats["header"])

        organizations = self._get_roster_organizations()
        # one query each for the sectors, the current memberships and all representatives
        organizations.hbri_sector_id.mapped("name")
        organizations.hbri_membership_id.mapped("date_start")
        representatives = self.env["res.partner"].search(
            [
                ("parent_id", "in", organizations.ids),
                ("is_company", "=", False),
                ("hbri_representative_role", "!=", False),
                ("hbri_representative_active", "=", True),
            ],
            order="name, id",
        )
        by_organization = representatives.grouped("parent_id")
        states = self._selection_labels("res.partner", "hbri_membership_state")

        for row, organization in enumerate(organizations, start=1):
            reps = by_organization.get(organization, [])
            primary = next((r for r in reps if r.hbri_representative_role == "primary"), None)
            others = [r for r in reps if r != primary]
            membership = organization.hbri_membership_id
            sheet.write_string(row, 0, organization.name or "")
            sheet.write_string(row, 1, organization.hbri_sector_id.name or "")
            sheet.write_string(row, 2, states.get(organization.hbri_membership_state, ""))
            for col, day in (
                (3, organization.hbri_member_since),
                (4, membership.date_start),
                (5, membership.date_end),
            ):
                if day:
                    sheet.write_datetime(row, col, day, formats["date"])
            sheet.write_string(row, 6, (primary.name or "") if primary else "")
            sheet.write_string(row, 7, (primary.email or "") if primary else "")
            sheet.write_string(row, 8, "; ".join(r.name or "" for r in others))
            sheet.write_string(row, 9, "; ".join(r.email for r in others if r.email))

    # ------------------------------------------------------------ attendance matrix
    @api.model
    def _attendance_status(self, states):
        """One organization at one session: attended when any of its people attended, absent when one was
        expected and did not come, accepted when one said yes, invited while answers are pending, declined when all
        declined."""
        if "attended" in states:
            return "attended"
        if "absent" in states:
            return "absent"
        if "accepted" in states:
            return "accepted"
        if "invited" in states:
            return "invited"
        return "declined"

    def _write_attendance(self, workbook):
        formats = self._formats(workbook)
        sheet = workbook.add_worksheet(self.env._("Attendance"))
        sessions = self.env["hbri.roundtable.session"].search(
            [("id", "in", self._get_res_ids())], order="date_start, id"
        )
        groups = self.env["hbri.session.attendee"]._read_group(
            [
                ("session_id", "in", sessions.ids),
                ("organization_id", "!=", False),
                ("role", "in", ATTENDANCE_ROLES),
            ],
            ["organization_id", "session_id", "state"],
            ["__count"],
        )
        cells = {}
        for organization, session, state, _count in groups:
            cells.setdefault(organization, {}).setdefault(session, set()).add(state)
        # the rate column is the attendance rate of the contact form, over the selected sessions
        Attendee = self.env["hbri.session.attendee"]
        attendance = Attendee._get_attendance_by_organization([("session_id", "in", sessions.ids)])
        organizations = self.env["res.partner"].union(*cells)
        organizations.fetch(["name"])  # only the names: the other columns of thousands of partners stay unread
        organizations = organizations.sorted(lambda o: ((o.name or "").casefold(), o.id))
        labels = self._selection_labels("hbri.session.attendee", "state")

        headers = [self.env._("Organization")]
        for session in sessions:
            local = pytz.utc.localize(session.date_start).astimezone(pytz.timezone(session.tz or "UTC"))
            headers.append(f"{session.name} ({format_date(self.env, local.date())})")
        headers.append(self.env._("Attendance Rate"))
        sheet.set_column(0, 0, 36)
        sheet.set_column(1, len(sessions), 20)
        sheet.set_column(len(sessions) + 1, len(sessions) + 1, 16)
        sheet.freeze_panes(1, 1)
        self._write_text_row(sheet, 0, headers, formats["header"])

        for row, organization in enumerate(organizations, start=1):
            sheet.write_string(row, 0, organization.name or "")
            for col, session in enumerate(sessions, start=1):
                states = cells[organization].get(session)
                if states:
                    sheet.write_string(row, col, labels[self._attendance_status(states)])
            if attendance.get(organization):
                rate = Attendee._get_attendance_rate(attendance[organization])
                sheet.write_number(row, len(sessions) + 1, rate, formats["percent"])
