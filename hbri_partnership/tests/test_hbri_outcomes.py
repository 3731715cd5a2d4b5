# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, users

from .common import HbriPartnershipCommon


class TestHbriOutcomes(HbriPartnershipCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._create_membership(cls.org_company, date(2026, 1, 1), state="active")
        cls._create_membership(cls.org_ngo, date(2026, 1, 1), state="active")
        cls.session = cls.env["hbri.roundtable.session"].create(
            {"date_start": datetime(2026, 9, 8, 2), "date_end": datetime(2026, 9, 8, 5)}
        )
        cls.special = cls.env["hbri.roundtable.session"].create(
            {"kind": "special", "date_start": datetime(2026, 10, 6, 2), "date_end": datetime(2026, 10, 6, 5)}
        )
        cls.clinic_partnership = cls.env["hbri.partnership"].create(
            {
                "name": "Mobile clinic for mothers",
                "member_ids": [
                    (0, 0, {"partner_id": cls.org_company.id, "role": "funder"}),
                    (0, 0, {"partner_id": cls.org_ngo.id, "role": "implementer"}),
                    (0, 0, {"partner_id": cls.org_public.id, "role": "government"}),
                ],
            }
        )

    def test_presentation_by_two_organizations(self):
        presentation = self.env["hbri.presentation"].create(
            {
                "name": "How a company and an NGO run a mobile clinic",
                "session_id": self.session.id,
                "presenting_partner_ids": [(6, 0, (self.org_company | self.org_ngo).ids)],
                "presenter_ids": [(6, 0, (self.rep_company | self.rep_ngo).ids)],
                "partnership_id": self.clinic_partnership.id,
                "abstract_formation": "<p>Met at a consultation</p>",
            }
        )
        self.assertEqual(self.session.presentation_count, 1)
        self.assertEqual(self.clinic_partnership.presentation_ids, presentation)
        self.assertEqual(self.org_company.hbri_presentation_count, 1)
        self.assertEqual(self.org_ngo.hbri_presentation_count, 1)
        with self.assertRaisesText(ValidationError, "do not belong to a presenting organization"):
            presentation.presenter_ids = [(4, self.env["res.partner"].create({"name": "Stranger"}).id)]

    def test_public_sector_in_partnership_but_not_in_session(self):
        self.assertTrue(self.clinic_partnership.has_public_sector)
        self.assertIn("Public Sector", self.clinic_partnership.sector_mix_id.display_name)
        # partnerships with the same sectors share one mix, another combination gets its own
        twin = self.clinic_partnership.copy()
        self.assertEqual(twin.sector_mix_id, self.clinic_partnership.sector_mix_id)
        twin.member_ids.filtered(lambda m: m.partner_id == self.org_public).unlink()
        self.assertTrue(twin.sector_mix_id)
        self.assertNotEqual(twin.sector_mix_id, self.clinic_partnership.sector_mix_id)
        self.assertFalse(twin.has_public_sector)
        self.assertEqual(self.org_public.hbri_partnership_count, 1)
        with self.assertRaisesText(ValidationError, "cannot present"):
            self.env["hbri.presentation"].create(
                {
                    "name": "Official view",
                    "session_id": self.session.id,
                    "presenting_partner_ids": [(6, 0, self.org_public.ids)],
                }
            )
        official = self.env["res.partner"].create({"name": "Ibu Kepala Puskesmas", "parent_id": self.org_public.id})
        with self.assertRaisesText(ValidationError, "speak officially"):
            self.env["hbri.session.attendee"].create(
                {"session_id": self.session.id, "partner_id": official.id, "role": "guest"}
            )
        # ... while a meeting outside the sessions may include government representatives
        action = self.clinic_partnership.action_schedule_meeting()
        meeting = (
            self.env["calendar.event"]
            .with_context(**action["context"])
            .create(
                {
                    "name": "Clinic planning",
                    "start": "2026-10-01 02:00:00",
                    "stop": "2026-10-01 03:00:00",
                    "partner_ids": [(4, official.id)],
                }
            )
        )
        self.assertEqual(self.clinic_partnership.meeting_ids, meeting)
        self.assertEqual(self.clinic_partnership.meeting_count, 1)

    def test_indicators_and_stages(self):
        indicator = self.env["hbri.partnership.indicator"].create(
            {
                "partnership_id": self.clinic_partnership.id,
                "name": "Women screened",
                "unit": "women",
                "target": 400,
                "actual": 100,
            }
        )
        self.assertAlmostEqual(indicator.progress, 0.25)
        with self.assertRaisesText(ValidationError, "Say why"):
            self.clinic_partnership.stage = "stopped"
        self.clinic_partnership.write({"stage": "stopped", "stop_reason": "Funding ended"})
        groups = (
            self.env["hbri.partnership"]
            .with_context(read_group_expand=True)
            .formatted_read_group([], ["stage"], ["__count"])
        )
        self.assertEqual([g["stage"] for g in groups], ["exploring", "agreed", "implementing", "completed", "stopped"])

    def test_formed_through_roundtable(self):
        presentation = self.env["hbri.presentation"].create(
            {"name": "Talk", "session_id": self.session.id, "presenting_partner_ids": [(6, 0, self.org_ngo.ids)]}
        )
        with Form(self.env["hbri.partnership"]) as form:
            form.name = "Born at the roundtable"
            form.origin_presentation_id = presentation
        self.assertEqual(form.record.origin_session_id, self.session)
        self.assertTrue(form.record.is_from_roundtable)
        self.assertFalse(self.clinic_partnership.is_from_roundtable)
        self.assertEqual(self.session.partnership_count, 1)

    @freeze_time("2026-08-01")  # before the session: due dates follow it (see test_hbri_workflow for later)
    def test_assistance_due_dates_follow_session(self):
        presentation = self.env["hbri.presentation"].create(
            {"name": "Talk", "session_id": self.session.id, "presenting_partner_ids": [(6, 0, self.org_ngo.ids)]}
        )
        prep, writing, brokering = self.env["hbri.technical.assistance"].create(
            [
                {
                    "name": "Slides",
                    "partner_id": self.org_ngo.id,
                    "kind": "presentation",
                    "presentation_id": presentation.id,
                    "hours": 3,
                },
                {
                    "name": "Case study",
                    "partner_id": self.org_ngo.id,
                    "kind": "case_study",
                    "presentation_id": presentation.id,
                },
                {
                    "name": "Introductions",
                    "partner_id": self.org_ngo.id,
                    "kind": "brokering",
                    "date_due": date(2026, 12, 1),
                },
            ]
        )
        self.assertEqual(prep.date_due, date(2026, 8, 25))
        self.assertEqual(writing.date_due, date(2026, 10, 8))
        self.assertEqual(brokering.date_due, date(2026, 12, 1))
        self.session.write({"date_start": datetime(2026, 9, 22, 2), "date_end": datetime(2026, 9, 22, 5)})
        self.assertEqual(prep.date_due, date(2026, 9, 8))
        self.assertEqual(writing.date_due, date(2026, 10, 22))
        self.assertEqual(self.org_ngo.hbri_assistance_count, 3)
        self.assertEqual(presentation.technical_assistance_count, 2)
        prep.action_start()
        prep.action_done()
        self.assertEqual(prep.state, "done")

    def test_toolkit_provenance_and_release(self):
        toolkit = self.env["hbri.toolkit"].create({"name": "Partnering checklist", "kind": "checklist"})
        with self.assertRaisesText(ValidationError, "come from special discussion sessions"):
            toolkit.origin_session_id = self.session
        toolkit.origin_session_id = self.special
        self.assertEqual(self.special.toolkit_count, 1)
        with self.assertRaisesText(UserError, "Add a version with its files"):
            toolkit.action_release()
        file_v1 = self.env["ir.attachment"].create({"name": "checklist-v1.pdf", "raw": b"%PDF-1.4 v1"})
        file_v2 = self.env["ir.attachment"].create({"name": "checklist-v2.pdf", "raw": b"%PDF-1.4 v2"})
        toolkit.version_ids = [
            (0, 0, {"version": "1.0", "date": date(2026, 10, 20), "attachment_ids": [(6, 0, file_v1.ids)]}),
            (
                0,
                0,
                {
                    "version": "1.1",
                    "date": date(2026, 11, 20),
                    "changes": "Government section",
                    "attachment_ids": [(6, 0, file_v2.ids)],
                },
            ),
        ]
        self.assertEqual(toolkit.version, "1.1")
        self.assertEqual(toolkit.attachment_ids, file_v2)
        self.assertEqual(len(toolkit.version_ids), 2, "earlier versions stay in the history")
        toolkit.action_release()
        self.assertTrue(toolkit.is_released)
        self.assertEqual(toolkit.released_by_id, self.env.user)
        toolkit.action_withdraw()
        self.assertFalse(toolkit.is_released)

    @users("hbri_staff")
    def test_staff_reads_outcomes_but_does_not_write(self):
        partnership = self.env["hbri.partnership"].browse(self.clinic_partnership.id)
        self.assertEqual(partnership.name, "Mobile clinic for mothers")
        with self.assertRaises(AccessError):
            partnership.name = "Renamed"
        with self.assertRaises(AccessError):
            self.env["hbri.toolkit"].create({"name": "x"})

    @users("hbri_secretariat")
    def test_secretariat_records_outcomes(self):
        partnership = self.env["hbri.partnership"].create(
            {"name": "New", "member_ids": [(0, 0, {"partner_id": self.org_ngo.id})]}
        )
        self.env["hbri.partnership.indicator"].create(
            {"partnership_id": partnership.id, "name": "Clinics", "target": 2}
        )
        self.env["hbri.technical.assistance"].create({"name": "Help", "partner_id": self.org_ngo.id})
        self.env["hbri.toolkit"].create({"name": "Guide"})

    @users("hbri_internal")
    def test_no_group_no_access(self):
        for model in ("hbri.partnership", "hbri.presentation", "hbri.technical.assistance", "hbri.toolkit"):
            with self.assertRaises(AccessError):
                self.env[model].search([])
