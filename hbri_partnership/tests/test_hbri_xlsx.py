# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Spreadsheet exports: files read back with openpyxl and checked cell by cell."""

import io
from datetime import date, datetime

from openpyxl import load_workbook

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from .common import HbriPartnershipCommon

INJECTION_ORG = '=HYPERLINK("http://x","y")'
INJECTION_REP = "@SUM(1)"
INJECTION_ALT = "+Budi Alternate"
INJECTION_EMAIL = "-cmd@example.org"


def read_sheet(content):
    """All cells of the first sheet, as {(row, column): cell}, 1-based like a spreadsheet."""
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    return sheet, {(cell.row, cell.column): cell for row in sheet.iter_rows() for cell in row}


class HbriXlsxCommon(HbriPartnershipCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.membership_company = cls._create_membership(
            cls.org_company, date(2020, 1, 1), date_end=date(2030, 12, 31), state="active"
        )
        cls._create_membership(cls.org_ngo, date(2021, 3, 1), state="active")
        cls.rep_company.email = "ayu@uji.example.org"
        cls.alternate = cls.env["res.partner"].create(
            {
                "name": "Dewi Alternate",
                "email": "dewi@uji.example.org",
                "parent_id": cls.org_company.id,
                "hbri_representative_role": "alternate",
            }
        )
        cls.observer = cls.env["res.partner"].create(
            {"name": "Eka Observer", "parent_id": cls.org_company.id, "hbri_representative_role": "observer"}
        )
        cls.former = cls.env["res.partner"].create(
            {
                "name": "Fajar Former",
                "email": "fajar@uji.example.org",
                "parent_id": cls.org_company.id,
                "hbri_representative_role": "alternate",
                "hbri_representative_active": False,
            }
        )
        # spreadsheet formula injection: these names must come back as plain text
        cls.org_injection = cls.env["res.partner"].create(
            {"name": INJECTION_ORG, "is_company": True, "hbri_sector_id": cls.sector_business.id}
        )
        cls.rep_injection = cls.env["res.partner"].create(
            {
                "name": INJECTION_REP,
                "email": "=1+1@example.org",
                "parent_id": cls.org_injection.id,
                "hbri_representative_role": "primary",
            }
        )
        cls.env["res.partner"].create(
            {
                "name": INJECTION_ALT,
                "email": INJECTION_EMAIL,
                "parent_id": cls.org_injection.id,
                "hbri_representative_role": "alternate",
            }
        )
        cls._create_membership(cls.org_injection, date(2022, 7, 1), state="active")

    def _export(self, kind, records, user=None):
        """Run the list view's server action as ``user`` and build the file it points to."""
        user = user or self.user_staff
        server_action = self.env.ref(f"hbri_partnership.hbri_action_export_{kind}")
        action = server_action.with_user(user).with_context(active_model=records._name, active_ids=records.ids).run()
        self.assertEqual(action["type"], "ir.actions.act_url")
        export_id = int(action["url"].rsplit("/", 1)[1])
        self.assertEqual(action["url"], f"/hbri/xlsx/{export_id}")
        export = self.env["hbri.xlsx.export"].with_user(user).browse(export_id)
        self.assertEqual(export.kind, kind)
        return export


class TestHbriXlsxRoster(HbriXlsxCommon):
    def test_roster_cells(self):
        # a person selected counts as their organization
        export = self._export("roster", self.org_company | self.rep_ngo | self.org_injection)
        filename, content = export._render_xlsx()
        self.assertRegex(filename, r"^hbri-membership-roster-\d{4}-\d{2}-\d{2}\.xlsx$")
        sheet, cells = read_sheet(content)
        self.assertEqual(sheet.title, "Roster")
        self.assertEqual(
            [cells[1, col].value for col in range(1, 11)],
            [
                "Organization",
                "Sector",
                "Membership Status",
                "Member Since",
                "Membership Start",
                "Membership End",
                "Primary Representative",
                "Primary Representative Email",
                "Other Representatives",
                "Other Representatives Emails",
            ],
        )
        self.assertEqual(sheet.max_row, 4)
        # sorted by name: the injection string ("=…") sorts first
        self.assertEqual([cells[row, 1].value for row in (2, 3, 4)], [INJECTION_ORG, "PT Uji Coba", "Yayasan Uji"])
        company = {col: cells[3, col].value for col in range(1, 11)}
        self.assertEqual(company[2], self.sector_business.name)
        self.assertEqual(company[3], "Member")
        self.assertEqual(company[4], datetime(2020, 1, 1))
        self.assertEqual(company[5], datetime(2020, 1, 1))
        self.assertEqual(company[6], datetime(2030, 12, 31))
        self.assertTrue(cells[3, 6].is_date)
        self.assertEqual(company[7], "Ayu Representative")
        self.assertEqual(company[8], "ayu@uji.example.org")
        self.assertEqual(company[9], "Dewi Alternate; Eka Observer", "former representatives are left out")
        self.assertEqual(company[10], "dewi@uji.example.org")
        ngo = {col: cells[4, col].value for col in range(1, 11)}
        self.assertEqual(ngo[2], self.sector_ngo.name)
        self.assertEqual(ngo[4], datetime(2021, 3, 1))
        self.assertIsNone(ngo[6], "open-ended membership: no end date")
        self.assertEqual(ngo[7], "Bayu Representative")
        self.assertFalse(ngo[9])

    def test_roster_formula_injection(self):
        export = self._export("roster", self.org_injection)
        _sheet, cells = read_sheet(export._render_xlsx()[1])
        expected = {
            1: INJECTION_ORG,
            7: INJECTION_REP,
            8: "=1+1@example.org",
            9: INJECTION_ALT,
            10: INJECTION_EMAIL,
        }
        for col, value in expected.items():
            with self.subTest(col=col):
                self.assertEqual(cells[2, col].value, value)
                self.assertEqual(cells[2, col].data_type, "s")
        self.assertFalse([cell for cell in cells.values() if cell.data_type == "f"], "no formula at all")

    def test_roster_all_members_when_none_selected(self):
        export = self._export("roster", self.env["res.partner"])
        self.assertEqual(export.res_ids, "[]")
        _sheet, cells = read_sheet(export._render_xlsx()[1])
        names = {cell.value for (row, col), cell in cells.items() if col == 1 and row > 1}
        self.assertLessEqual({"PT Uji Coba", "Yayasan Uji", INJECTION_ORG}, names)
        self.assertNotIn(self.org_public.name, names, "no membership, not on the roster")

    def test_roster_fixed_number_of_queries(self):
        few = self.org_company | self.org_ngo
        organizations = self.env["res.partner"].create(
            [
                {"name": f"PT Banyak {i:02d}", "is_company": True, "hbri_sector_id": self.sector_business.id}
                for i in range(20)
            ]
        )
        self.env["res.partner"].create(
            [
                {"name": f"Wakil {i:02d}", "parent_id": org.id, "hbri_representative_role": "primary"}
                for i, org in enumerate(organizations)
            ]
        )
        for organization in organizations:
            self._create_membership(organization, date(2023, 1, 1), state="active")
        counts = []
        # the first run fills Odoo's caches (access rules, selection labels): the second is the one compared
        for records in (few, few, few | organizations):
            export = self._export("roster", records)
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            _sheet, cells = read_sheet(export._render_xlsx()[1])
            counts.append(self.env.cr.sql_log_count - before)
            self.assertEqual(max(row for row, _col in cells), len(records) + 1)
        self.assertEqual(counts[1], counts[2], "22 organizations cost no more queries than 2")


class TestHbriXlsxAttendance(HbriXlsxCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Session = cls.env["hbri.roundtable.session"]
        # Jakarta: 2026-03-10 09:00, 2026-06-09 09:00, and an evening (UTC) session on the next local day
        cls.s1, cls.s2, cls.s3 = Session.create(
            [
                {"date_start": datetime(2026, 3, 10, 2), "date_end": datetime(2026, 3, 10, 5)},
                {"date_start": datetime(2026, 6, 9, 2), "date_end": datetime(2026, 6, 9, 5)},
                {"date_start": datetime(2026, 12, 8, 20), "date_end": datetime(2026, 12, 8, 23)},
            ]
        )
        cls.secretariat_org = cls.env["res.partner"].create(
            {
                "name": "Sekretariat HBRI",
                "is_company": True,
                "hbri_sector_id": cls.env.ref("hbri_partnership.hbri_sector_facilitator").id,
            }
        )
        cls.secretariat_person = cls.env["res.partner"].create(
            {"name": "Sari Sekretariat", "parent_id": cls.secretariat_org.id}
        )
        states = {
            (cls.s1, cls.rep_company): "attended",
            (cls.s1, cls.alternate): "declined",
            (cls.s2, cls.rep_company): "absent",
            (cls.s3, cls.rep_company): "invited",
            (cls.s1, cls.rep_ngo): "declined",
            (cls.s2, cls.rep_ngo): "attended",
            (cls.s1, cls.rep_injection): "attended",
            (cls.s3, cls.rep_injection): "accepted",
        }
        Attendee = cls.env["hbri.session.attendee"]
        for (session, person), state in states.items():
            Attendee.create({"session_id": session.id, "partner_id": person.id, "state": state})
        for session in (cls.s1, cls.s2):
            Attendee.create({"session_id": session.id, "partner_id": cls.secretariat_person.id, "role": "secretariat"})
        (cls.s1 | cls.s2).action_mark_held()

    def test_attendance_matrix(self):
        export = self._export("attendance", self.s3 | self.s1 | self.s2)
        filename, content = export._render_xlsx()
        self.assertRegex(filename, r"^hbri-attendance-matrix-\d{4}-\d{2}-\d{2}\.xlsx$")
        sheet, cells = read_sheet(content)
        self.assertEqual(sheet.title, "Attendance")
        self.assertEqual(
            [cells[1, col].value for col in range(1, 6)],
            [
                "Organization",
                "Roundtable 2026-Q1 (03/10/2026)",
                "Roundtable 2026-Q2 (06/09/2026)",
                "Roundtable 2026-Q4 (12/09/2026)",
                "Attendance Rate",
            ],
        )
        rows = {
            cells[row, 1].value: [cells[row, col].value for col in range(2, 6)] for row in range(2, sheet.max_row + 1)
        }
        self.assertEqual(
            rows,
            {
                # two people of PT Uji Coba at the first session, one attended: the organization attended
                "PT Uji Coba": ["Attended", "Absent", "Invited", 0.5],
                "Yayasan Uji": ["Declined", "Attended", None, 0.5],
                # the third session is not held yet: it does not count in the rate
                INJECTION_ORG: ["Attended", None, "Accepted", 1.0],
            },
            "the secretariat is not a row",
        )
        self.assertEqual([cells[row, 1].value for row in range(2, 5)], [INJECTION_ORG, "PT Uji Coba", "Yayasan Uji"])
        self.assertEqual(cells[3, 5].number_format, "0%")
        for row in range(2, 5):
            self.assertEqual(cells[row, 1].data_type, "s")
            self.assertEqual(cells[row, 2].data_type, "s")
        self.assertFalse([cell for cell in cells.values() if cell.data_type == "f"], "no formula at all")

    def test_attendance_needs_a_selection(self):
        with self.assertRaisesText(UserError, "Select the sessions"):
            self._export("attendance", self.env["hbri.roundtable.session"])

    def test_attendance_fixed_number_of_queries(self):
        many = self.env["res.partner"].create(
            [{"name": f"Tamu {i:02d}", "parent_id": self.org_company.id} for i in range(30)]
        )
        session = self.env["hbri.roundtable.session"].create(
            {"kind": "special", "date_start": datetime(2026, 5, 5, 2), "date_end": datetime(2026, 5, 5, 5)}
        )
        orgs = self.env["res.partner"].create(
            [
                {"name": f"Yayasan Tamu {i:02d}", "is_company": True, "hbri_sector_id": self.sector_ngo.id}
                for i in range(30)
            ]
        )
        guests = self.env["res.partner"].create(
            [{"name": f"Tamu Yayasan {i:02d}", "parent_id": org.id} for i, org in enumerate(orgs)]
        )
        self.env["hbri.session.attendee"].create(
            [{"session_id": session.id, "partner_id": p.id, "role": "guest"} for p in many | guests]
        )
        counts = []
        # the first run fills Odoo's caches (access rules, selection labels): the second is the one compared
        for sessions in (self.s1 | self.s2, self.s1 | self.s2, self.s1 | self.s2 | session):
            export = self._export("attendance", sessions)
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            export._render_xlsx()
            counts.append(self.env.cr.sql_log_count - before)
        self.assertEqual(counts[1], counts[2], "30 more organizations cost no more queries")


class TestHbriXlsxSecurity(HbriXlsxCommon):
    def test_only_roundtable_users_export(self):
        with self.assertRaises(AccessError):
            self._export("roster", self.org_company, user=self.user_internal)
        with self.assertRaises(AccessError):
            self.env["hbri.xlsx.export"].with_user(self.user_internal).create({"kind": "roster"})

    def test_export_readable_by_creator_only(self):
        export = self._export("roster", self.org_company)
        self.assertEqual(export.with_user(self.user_staff).kind, "roster")
        for user in (self.user_secretariat, self.user_manager):
            with self.assertRaises(AccessError):
                export.with_user(user).check_access("read")
            self.assertFalse(self.env["hbri.xlsx.export"].with_user(user).search([("id", "=", export.id)]))

    def test_built_with_the_users_rights(self):
        """The file holds what its user may read: another company's organization is left out."""
        other_company = self.env["res.company"].create({"name": "Other Company"})
        hidden = self.env["res.partner"].create({"name": "PT Lain", "is_company": True, "company_id": other_company.id})
        export = self._export("roster", self.org_company | hidden)
        _sheet, cells = read_sheet(export._render_xlsx()[1])
        names = [cell.value for (row, col), cell in cells.items() if col == 1 and row > 1]
        self.assertEqual(names, ["PT Uji Coba"])

    def test_garbage_ids_ignored(self):
        export = (
            self.env["hbri.xlsx.export"]
            .with_user(self.user_staff)
            .create({"kind": "attendance", "res_ids": '{"not": "a list"}'})
        )
        _sheet, cells = read_sheet(export._render_xlsx()[1])
        self.assertEqual(cells[1, 1].value, "Organization")
        self.assertEqual(max(row for row, _col in cells), 1)


@tagged("post_install", "-at_install", "hbri_partnership")
class TestHbriXlsxHttp(HbriXlsxCommon, HttpCase):
    def test_download_by_creator_only(self):
        export = self._export("roster", self.org_company | self.org_ngo)
        url = f"/hbri/xlsx/{export.id}"
        self.authenticate("hbri_staff", "hbri_staff")
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            response.headers["Content-Type"], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        self.assertRegex(
            response.headers["Content-Disposition"],
            r"^attachment; filename\*=UTF-8''hbri-membership-roster-[\d-]+\.xlsx$",
        )
        _sheet, cells = read_sheet(response.content)
        self.assertEqual([cells[2, 1].value, cells[3, 1].value], ["PT Uji Coba", "Yayasan Uji"])

        self.authenticate("hbri_secretariat", "hbri_secretariat")
        self.assertEqual(self.url_open(url).status_code, 404)
        self.assertEqual(self.url_open(f"/hbri/xlsx/{export.id + 1000000}").status_code, 404)

        self.logout()
        response = self.url_open(url, allow_redirects=False)
        self.assertIn(response.status_code, (302, 303))
        self.assertIn("/web/login", response.headers["Location"])
