# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError

from .common import HbriPartnershipCommon


@freeze_time("2026-06-15")
class TestHbriSectorEligibility(HbriPartnershipCommon):
    """ "This sector may not attend the roundtable" is decided and worded once, by hbri.sector; memberships,
    contacts, attendees, presentations, hosts and consultations ask it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # closed to the roundtable for a reason of its own: its representatives do not speak officially
        cls.sector_closed = cls.env["hbri.sector"].create(
            {"name": "Political Parties", "code": "PARTY", "roundtable_eligible": False}
        )
        cls.org_party = cls.env["res.partner"].create(
            {"name": "Partai Uji", "is_company": True, "hbri_sector_id": cls.sector_closed.id}
        )
        cls.person_party = cls.env["res.partner"].create({"name": "Pak Ketua", "parent_id": cls.org_party.id})
        cls.membership_company = cls._create_membership(cls.org_company, date(2026, 1, 1), state="active")
        cls.session = cls.env["hbri.roundtable.session"].create(
            {"date_start": datetime(2026, 9, 8, 2, 0), "date_end": datetime(2026, 9, 8, 5, 0)}
        )

    def _refusals(self, organization, person):
        """The message of each path an organization of a closed sector takes to the table."""
        messages = {}
        with self.assertRaises(ValidationError) as caught:
            self._create_membership(organization)
        messages["membership"] = str(caught.exception)
        for role in ("member", "guest"):
            with self.assertRaises(ValidationError) as caught:
                self.env["hbri.session.attendee"].create(
                    {"session_id": self.session.id, "partner_id": person.id, "role": role}
                )
            messages[role] = str(caught.exception)
        with self.assertRaises(ValidationError) as caught:
            self.env["hbri.presentation"].create(
                {"name": "A view", "session_id": self.session.id, "presenting_partner_ids": [(6, 0, organization.ids)]}
            )
        messages["presentation"] = str(caught.exception)
        with self.assertRaises(ValidationError) as caught:
            self.session.host_partner_id = organization
        messages["host"] = str(caught.exception)
        consultation = self.env["hbri.consultation"].create(
            {"name": "Consultation", "partner_id": organization.id, "outcome": "interested"}
        )
        with self.assertRaises(UserError) as caught:
            consultation.action_invite_membership()
        messages["consultation"] = str(caught.exception)
        messages["issue"] = organization._hbri_member_issue(date(2026, 9, 8))
        return messages

    def test_one_sentence_on_every_path(self):
        for organization, person in ((self.org_party, self.person_party), (self.org_public, None)):
            person = person or self.env["res.partner"].create({"name": "Ibu Kepala", "parent_id": organization.id})
            sentence = organization.hbri_sector_id._get_closed_message(organization)
            self.assertIn("not even as a guest", sentence)
            self.assertIn("can still take part in partnerships", sentence)
            for path, message in self._refusals(organization, person).items():
                with self.subTest(organization=organization.name, path=path):
                    self.assertIn(sentence, message)
        self.assertFalse(self.org_party.hbri_membership_ids | self.org_public.hbri_membership_ids)
        self.assertFalse(self.session.attendee_ids)
        self.assertFalse(self.session.presentation_ids)

    def test_the_reason_told_is_the_sector_own(self):
        """Only a sector whose representatives speak officially is told so; the other closed ones are not."""
        party = self.sector_closed._get_closed_message(self.org_party)
        self.assertNotIn("speak officially", party)
        for path, message in self._refusals(self.org_party, self.person_party).items():
            with self.subTest(path=path):
                self.assertNotIn("speak officially", message)
        public = self.sector_public._get_closed_message(self.org_public)
        self.assertIn("speak officially for their institution", public)

    def test_open_sector_and_no_sector(self):
        self.assertFalse(self.sector_business._get_closed_message(self.org_company))
        self.assertFalse(self.env["hbri.sector"]._get_closed_message(self.org_company))
        self.assertFalse(self.org_company._hbri_member_issue(date(2026, 9, 8)))
        self.sector_closed.roundtable_eligible = True
        self.assertFalse(self.sector_closed._get_closed_message(self.org_party))
        self.env["hbri.session.attendee"].create(
            {"session_id": self.session.id, "partner_id": self.person_party.id, "role": "guest"}
        )

    def test_sector_change_of_a_member(self):
        with self.assertRaises(ValidationError) as caught:
            self.org_company.hbri_sector_id = self.sector_closed
        message = str(caught.exception)
        self.assertIn(self.sector_closed._get_closed_message(self.org_company), message)
        self.assertIn("End or withdraw the membership before changing the sector", message)
        self.assertEqual(self.org_company.hbri_sector_id, self.sector_business)

    def test_invitations_and_host_proposals_skip_closed_sectors(self):
        # a membership older than its sector's closing (an old database, written around the constraints): the
        # invitation list and the host rotation still ask the sector
        self.env.cr.execute(
            "UPDATE res_partner SET hbri_sector_id = %s WHERE id = %s", (self.sector_closed.id, self.org_ngo.id)
        )
        self._create_membership(self.org_ngo, date(2026, 1, 1))
        self.env.cr.execute("UPDATE hbri_membership SET state = 'active' WHERE partner_id = %s", (self.org_ngo.id,))
        self.env.invalidate_all()
        self.session._add_member_representatives()
        self.assertEqual(self.session.attendee_ids.partner_id, self.rep_company)
        proposal = self.session._get_host_proposals()
        self.assertEqual(proposal[self.session.id], self.org_company)
