# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json
from datetime import date, datetime

from freezegun import freeze_time

from .common import HbriPartnershipCommon
from .test_hbri_xlsx import read_sheet


@freeze_time("2026-12-15")
class TestHbriAttendanceRate(HbriPartnershipCommon):
    """One attendance rate (hbri.session.attendee): the contact form, the "missed two sessions" filter and the
    attendance matrix count the same registrations the same way."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._create_membership(cls.org_company, date(2025, 1, 1), state="active")
        # Yayasan Uji is not a member: its people come as guests
        cls.guest_ngo = cls.env["res.partner"].create({"name": "Gita Tamu", "parent_id": cls.org_ngo.id})
        cls.sessions = cls.env["hbri.roundtable.session"].create(
            [
                {"date_start": datetime(2026, month, 10, 2), "date_end": datetime(2026, month, 10, 5)}
                for month in (3, 6, 9)
            ]
        )
        Attendee = cls.env["hbri.session.attendee"]
        states = {
            cls.rep_company: ("attended", "absent", "attended"),
            cls.guest_ngo: ("attended", "absent", "absent"),
        }
        for person in states:
            role = "member" if person == cls.rep_company else "guest"
            Attendee.create(
                [{"session_id": session.id, "partner_id": person.id, "role": role} for session in cls.sessions]
            )
        cls.sessions.action_mark_held()
        for person, person_states in states.items():
            for session, state in zip(cls.sessions, person_states, strict=True):
                session.attendee_ids.filtered(lambda a, p=person: a.partner_id == p).state = state

    def test_contact_form_and_matrix_agree(self):
        export = self.env["hbri.xlsx.export"].create({"kind": "attendance", "res_ids": json.dumps(self.sessions.ids)})
        sheet, cells = read_sheet(export._render_xlsx()[1])
        rate_col = len(self.sessions) + 2
        matrix = {cells[row, 1].value: cells[row, rate_col].value for row in range(2, sheet.max_row + 1)}
        for organization, rate in ((self.org_company, 2 / 3), (self.org_ngo, 1 / 3)):
            with self.subTest(organization=organization.name):
                self.assertAlmostEqual(organization.hbri_attendance_rate, rate)
                self.assertAlmostEqual(matrix[organization.name], rate)
        # a guest's organization is counted like a member's: it came once out of three sessions
        self.assertEqual((self.org_ngo.hbri_sessions_invited, self.org_ngo.hbri_sessions_attended), (3, 1))
        self.assertTrue(self.org_ngo.hbri_needs_follow_up, "missed the last two sessions")
        self.assertFalse(self.org_company.hbri_needs_follow_up)
        self.assertIn(self.org_ngo, self.env["res.partner"].search([("hbri_needs_follow_up", "=", True)]))

    def test_the_secretariat_does_not_count(self):
        secretariat = self.env["res.partner"].create({"name": "Sari Sekretariat", "parent_id": self.org_ngo.id})
        self.env["hbri.session.attendee"].create(
            {
                "session_id": self.sessions[1].id,
                "partner_id": secretariat.id,
                "role": "secretariat",
                "state": "attended",
            }
        )
        self.env.invalidate_all()
        self.assertAlmostEqual(self.org_ngo.hbri_attendance_rate, 1 / 3)

    def test_rate_of_the_last_twelve_months(self):
        Attendee = self.env["hbri.session.attendee"]
        attendance = Attendee._get_attendance_by_organization([("session_id", "in", self.sessions.ids)])
        self.assertEqual(attendance[self.org_company], dict(zip(self.sessions, (True, False, True), strict=True)))
        self.assertEqual(Attendee._get_attendance_rate({}), 0.0)
        with freeze_time("2027-07-01"):
            self.env.invalidate_all()
            # the March and June sessions are older than twelve months: only September counts
            self.assertAlmostEqual(self.org_company.hbri_attendance_rate, 1.0)
            self.assertAlmostEqual(self.org_ngo.hbri_attendance_rate, 0.0)
            self.assertEqual(self.org_ngo.hbri_sessions_invited, 3)
