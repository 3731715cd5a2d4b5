# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form
from odoo.tools import mute_logger

from .common import HbriPartnershipCommon


class HbriSessionCommon(HbriPartnershipCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.membership_company = cls._create_membership(cls.org_company, date(2026, 1, 1), state="active")
        cls.membership_ngo = cls._create_membership(cls.org_ngo, date(2026, 1, 1), state="active")
        cls.official = cls.env["res.partner"].create({"name": "Pak Kepala Dinas", "parent_id": cls.org_public.id})
        # 2026-09-08 09:00-12:00 in Jakarta (UTC+7)
        cls.session = cls.env["hbri.roundtable.session"].create(
            {"date_start": datetime(2026, 9, 8, 2, 0), "date_end": datetime(2026, 9, 8, 5, 0)}
        )

    @classmethod
    def _register(cls, person, session=None, role="member", **vals):
        return cls.env["hbri.session.attendee"].create(
            {"session_id": (session or cls.session).id, "partner_id": person.id, "role": role, **vals}
        )


class TestHbriSession(HbriSessionCommon):
    def test_generated_name_and_zone(self):
        self.assertEqual(self.session.name, "Roundtable 2026-Q3")
        self.assertEqual(self.session.quarter, "2026-Q3")
        self.assertTrue(self.session.is_off_the_record)
        self.assertEqual(self.session.tz, "Asia/Jakarta")
        self.assertEqual(self.session.language, "id_ID")
        self.assertEqual(
            self.session.with_context(lang="en_US").date_display, "Tuesday 8 September 2026 09:00 – 12:00 WIB"
        )
        self.session.tz = "Asia/Makassar"
        self.assertEqual(
            self.session.with_context(lang="en_US").date_display, "Tuesday 8 September 2026 10:00 – 13:00 WITA"
        )
        special = self.env["hbri.roundtable.session"].create(
            {"kind": "special", "date_start": "2026-11-30 20:00:00", "date_end": "2026-11-30 23:00:00"}
        )
        # 20:00 UTC on November 30 is already December 1 in Jakarta: still Q4, named after the local date
        self.assertEqual(special.name, "Special Discussion 2026-Q4")
        self.assertFalse(special.is_off_the_record)

    def test_public_sector_refused_as_member_and_guest(self):
        for role in ("member", "guest"):
            with self.assertRaisesText(ValidationError, "speak officially for their institution") as caught:
                self._register(self.official, role=role)
            self.assertIn("not even as a guest", str(caught.exception))
        self.assertFalse(self.session.attendee_ids)

    def test_lapsed_member_refused(self):
        self.membership_company.write({"state": "ended", "date_end": date(2026, 8, 31)})
        with self.assertRaisesText(ValidationError, "holds no active membership on 8 September 2026"):
            self._register(self.rep_company)
        # a guest of a non-member (but eligible) organization is welcome
        guest = self._register(self.rep_company, role="guest")
        self.assertFalse(guest.eligibility_issue)

    def test_duplicate_person_refused(self):
        attendee = self._register(self.rep_company)
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self._register(self.rep_company, role="guest")
        other = self._register(self.rep_ngo)
        # the unique index refuses a change too; over RPC the user reads its message
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError) as caught:
            other.partner_id = self.rep_company
            other.flush_recordset()
        self.assertIn("registered only once", other._sql_error_to_message(caught.exception))
        with mute_logger("odoo.sql_db"):
            result = self.env["hbri.session.attendee"].load(
                ["session_id/.id", "partner_id/.id", "role"],
                [[str(self.session.id), str(self.rep_company.id), "member"]],
            )
        self.assertFalse(result["ids"])
        self.assertIn("registered only once", " ".join(m["message"] for m in result["messages"]))
        self.assertEqual(self.session.attendee_ids, attendee | other)

    def test_organizations_are_not_attendees(self):
        with self.assertRaisesText(ValidationError, "register the people who attend"):
            self._register(self.org_company)

    def test_later_membership_change_flags_registration(self):
        attendee = self._register(self.rep_company)
        self.assertFalse(attendee.eligibility_issue)
        self.membership_company._withdraw("Left the forum", date(2026, 7, 1))
        self.assertIn("holds no active membership", attendee.eligibility_issue)
        self.assertEqual(self.session.ineligible_count, 1)
        self.assertEqual(attendee._rsvp("accept"), attendee.eligibility_issue)
        self.assertEqual(attendee.state, "invited")

    def test_later_sector_change_flags_guest(self):
        academic_org = self.env["res.partner"].create(
            {
                "name": "Universitas Uji",
                "is_company": True,
                "hbri_sector_id": self.env.ref("hbri_partnership.hbri_sector_academia").id,
            }
        )
        professor = self.env["res.partner"].create({"name": "Prof. Uji", "parent_id": academic_org.id})
        guest = self._register(professor, role="guest")
        academic_org.hbri_sector_id = self.sector_public
        self.assertIn("not even as a guest", guest.eligibility_issue)
        ineligible = self.env["hbri.session.attendee"].search(
            [("session_id", "=", self.session.id), ("eligibility_issue", "!=", False)]
        )
        self.assertEqual(ineligible, guest)

    def test_held_session_keeps_history(self):
        attendee = self._register(self.rep_company)
        self.session.action_mark_held()
        attendee.action_attended()
        self.membership_company._withdraw("Left the forum", date(2026, 10, 1))
        self.assertFalse(attendee.eligibility_issue)

    def test_host_must_be_member_and_hosting_is_a_contribution(self):
        with self.assertRaisesText(ValidationError, "cannot host"):
            self.session.host_partner_id = self.org_public
        prospect = self.env["res.partner"].create(
            {"name": "PT Calon", "is_company": True, "hbri_sector_id": self.sector_business.id}
        )
        with self.assertRaisesText(ValidationError, "holds no active membership"):
            self.session.host_partner_id = prospect
        self.session.host_partner_id = self.org_company
        self.session.action_confirm_host()
        self.assertTrue(self.session.is_host_confirmed)
        contribution = self.membership_company.contribution_ids
        self.assertEqual(contribution.kind, "hosting")
        self.assertEqual(contribution.session_id, self.session)

    def test_host_declined_proposes_next(self):
        # only this story's members may host (demo data, if loaded, has members too)
        others = (
            self.env["res.partner"].search([("hbri_membership_ids", "!=", False)]) - self.org_company - self.org_ngo
        )
        others.hbri_declines_hosting = True
        self.session.host_partner_id = self.org_company
        self.session.action_host_declined()
        self.assertEqual(self.session.declined_host_ids, self.org_company)
        self.assertEqual(self.session.host_partner_id, self.org_ngo)
        self.session.action_host_declined()
        self.assertFalse(self.session.host_partner_id, "nobody left to propose")

    def test_state_flow_and_cancel(self):
        attendees = self._register(self.rep_company) | self._register(self.rep_ngo)
        attendees[0].action_accept()
        with self.assertRaisesText(UserError, "Marking attendance is not possible"):
            self.session.action_mark_accepted_attended()
        self.session.action_mark_held()
        self.session.action_mark_accepted_attended()
        self.assertEqual(attendees.mapped("state"), ["attended", "absent"])
        attendees[1].action_attended()  # individual correction
        self.assertEqual(self.session.attended_count, 2)
        self.session.action_close()
        self.assertEqual(self.session.state, "closed")
        other = self.env["hbri.roundtable.session"].create(
            {"date_start": "2026-12-01 02:00:00", "date_end": "2026-12-01 05:00:00"}
        )
        action = other.action_cancel()
        wizard = Form(self.env[action["res_model"]].with_context(**action["context"]))
        wizard.reason = "Floods in Jakarta"
        wizard.save().action_cancel()
        self.assertEqual(other.state, "cancelled")
        with self.assertRaisesText(ValidationError, "Give the reason"):
            self.env["hbri.roundtable.session"].create(
                {"date_start": "2026-12-01 02:00:00", "date_end": "2026-12-01 05:00:00", "state": "cancelled"}
            )

    def test_end_after_start(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self.env["hbri.roundtable.session"].create(
                {"date_start": "2026-12-01 05:00:00", "date_end": "2026-12-01 02:00:00"}
            )


class TestHbriSessionAttendanceRates(HbriSessionCommon):
    def test_attendance_rate_and_follow_up(self):
        sessions = self.env["hbri.roundtable.session"].create(
            [
                {
                    "date_start": f"2026-{month:02d}-10 02:00:00",
                    "date_end": f"2026-{month:02d}-10 05:00:00",
                    "is_additional": True,  # beside the common story's sessions
                }
                for month in (2, 5, 8, 11)
            ]
        )
        for session in sessions:
            self._register(self.rep_company, session)
            self._register(self.rep_ngo, session)
        sessions.action_mark_held()
        company_states = ["attended", "attended", "absent", "absent"]
        ngo_states = ["absent", "absent", "attended", "attended"]
        for session, company_state, ngo_state in zip(sessions, company_states, ngo_states, strict=True):
            session.attendee_ids.filtered(lambda a: a.organization_id == self.org_company).state = company_state
            session.attendee_ids.filtered(lambda a: a.organization_id == self.org_ngo).state = ngo_state
        with freeze_time("2026-12-15"):
            self.env.invalidate_all()
            self.assertEqual(self.org_company.hbri_sessions_invited, 4)
            self.assertEqual(self.org_company.hbri_sessions_attended, 2)
            self.assertAlmostEqual(self.org_company.hbri_attendance_rate, 0.5)
            self.assertTrue(self.org_company.hbri_needs_follow_up, "missed the last two sessions")
            self.assertFalse(self.org_ngo.hbri_needs_follow_up)
            flagged = self.env["res.partner"].search([("hbri_needs_follow_up", "=", True)])
            self.assertIn(self.org_company, flagged)
            self.assertNotIn(self.org_ngo, flagged)
        with freeze_time("2027-06-15"):
            self.env.invalidate_all()
            # only the sessions of the last four quarters count in the rate
            self.assertAlmostEqual(self.org_ngo.hbri_attendance_rate, 1.0)
