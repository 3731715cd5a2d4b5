# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime

from freezegun import freeze_time

from odoo.tests import new_test_user

from .common import HbriPartnershipCommon


@freeze_time("2026-06-15")
class TestHbriEligibilityCode(HbriPartnershipCommon):
    """An attendee's eligibility issue is stored as a code and told in the language of whoever reads it, not in
    the language of whoever last wrote the organization or the membership."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("id_ID")
        cls.user_indonesian = new_test_user(
            cls.env,
            login="hbri_secretariat_id",
            lang="id_ID",
            groups="base.group_user,base.group_partner_manager,hbri_partnership.hbri_partnership_group_secretariat",
        )
        cls.membership = cls._create_membership(cls.org_company, date(2026, 1, 1), state="active")
        cls.session = cls.env["hbri.roundtable.session"].create(
            {"date_start": datetime(2026, 9, 8, 2, 0), "date_end": datetime(2026, 9, 8, 5, 0)}
        )
        cls.attendee = cls.env["hbri.session.attendee"].create(
            {"session_id": cls.session.id, "partner_id": cls.rep_company.id, "role": "member"}
        )

    def _read_issue(self, user):
        # as the web client and RPC read: as the user, in the user's language
        env = self.env(user=user, context=dict(self.env.context, lang=user.lang))
        return env["hbri.session.attendee"].browse(self.attendee.id).eligibility_issue

    def test_each_reader_reads_the_issue_in_their_language(self):
        self.assertFalse(self.attendee.eligibility_code)
        # the withdrawal is written by the Indonesian-speaking secretariat user...
        self.membership.with_user(self.user_indonesian).with_context(lang="id_ID")._withdraw(
            "Keluar dari forum", date(2026, 7, 1)
        )
        self.env.flush_all()
        self.assertEqual(self.attendee.eligibility_code, "no_membership")
        self.env.invalidate_all()
        # ... and each reader gets the sentence in their own language
        self.assertEqual(
            self._read_issue(self.user_secretariat), "PT Uji Coba holds no active membership on 8 September 2026."
        )
        self.assertIn("PT Uji Coba tidak memiliki keanggotaan aktif pada", self._read_issue(self.user_indonesian))
        self.assertEqual(self.session.ineligible_count, 1)

    def test_the_database_holds_a_code_not_a_sentence(self):
        self.membership.with_user(self.user_secretariat)._withdraw("Left the forum", date(2026, 7, 1))
        self.env.flush_all()
        self.assertFalse(self.env["hbri.session.attendee"]._fields["eligibility_issue"].store)
        self.env.cr.execute("SELECT eligibility_code FROM hbri_session_attendee WHERE id = %s", [self.attendee.id])
        self.assertEqual(self.env.cr.fetchone()[0], "no_membership")
        # the list's "Ineligible" filter and searches on the sentence field still find it
        Attendee = self.env(user=self.user_indonesian, context={"lang": "id_ID"})["hbri.session.attendee"]
        for domain in ([("eligibility_issue", "!=", False)], [("eligibility_code", "!=", False)]):
            self.assertEqual(Attendee.search([("session_id", "=", self.session.id), *domain]), self.attendee)
        self.assertFalse(Attendee.search([("session_id", "=", self.session.id), ("eligibility_issue", "=", False)]))
        # a sector closed after the registration is the sector's own sentence, in the reader's language
        self.org_company.hbri_membership_ids.write({"state": "cancelled"})
        self.org_company.hbri_sector_id = self.sector_public
        self.assertEqual(self.attendee.eligibility_code, "sector")
        self.assertIn("speak officially for their institution", self._read_issue(self.user_secretariat))

    def test_an_eligible_registration_reads_no_issue(self):
        self.assertFalse(self._read_issue(self.user_secretariat))
        self.assertFalse(self._read_issue(self.user_indonesian))
        self.assertEqual(self.session.ineligible_count, 0)
