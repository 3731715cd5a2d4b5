# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What a new user of the back office met: representatives added from an organization's Roundtable tab,
reminders and names in the user's language, defaults that do not make mistakes."""

from datetime import date, datetime

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import Form

from .common import HbriPartnershipCommon


class TestHbriBackofficeFixes(HbriPartnershipCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))

    def test_representative_added_on_the_roundtable_tab(self):
        # the organizations' action (and Contacts') create companies: their default must not reach the people
        Partner = self.env["res.partner"].with_user(self.user_secretariat)
        for context in ({"default_is_company": True}, {"default_is_company": True, "search_default_hbri_members": 1}):
            with self.subTest(context=context):
                form = Form(Partner.with_context(**context))
                form.name = f"PT Baru {len(context)}"
                form.hbri_sector_id = self.sector_business
                with form.hbri_representative_ids.new() as line:
                    line.name = "Dewi Perwakilan"
                    line.email = "dewi@baru.example"
                organization = form.save()
                representative = organization.hbri_representative_ids
                self.assertEqual(representative.name, "Dewi Perwakilan")
                self.assertFalse(representative.is_company)
                self.assertEqual(representative.parent_id, organization)
                self.assertEqual(representative.hbri_representative_role, "primary")

    def test_consultation_contacts_are_the_organization_people(self):
        arch = self.env["hbri.consultation"].get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn("'default_parent_id': partner_id", arch, "a contact created there belongs to the organization")
        self.assertIn("'default_is_company': False", arch)
        domain = self.env["hbri.consultation"]._fields["contact_ids"].domain
        self.assertIn("partner_id or -1", domain, "no organization chosen: no contact offered")

    def test_renewal_activity_in_the_assignee_language(self):
        self.env["res.lang"]._activate_lang("id_ID")
        self.env["ir.module.module"]._load_module_terms(["hbri_partnership"], ["id_ID"], overwrite=True)
        self.user_secretariat.lang = "id_ID"
        with freeze_time("2026-01-01"):
            membership = self._create_membership(
                self.org_company, date(2025, 7, 1), date(2026, 6, 30), state="active", user_id=self.user_secretariat.id
            )
        with freeze_time("2026-06-01"):
            self.env["hbri.membership"].with_context(lang="en_US")._cron_update_memberships()
        activity = membership.activity_ids
        self.assertEqual(activity.summary, "Perpanjang keanggotaan PT Uji Coba")
        # renewing answers the reminder
        membership.action_renew()
        self.assertFalse(membership.activity_ids, "the renewal activity is done once renewed")

    def test_membership_name_dates_in_the_reader_language(self):
        self.env["res.lang"]._activate_lang("id_ID")
        membership = self._create_membership(self.org_company, date(2024, 8, 2))
        self.assertEqual(membership.with_context(lang="en_US").display_name, "PT Uji Coba / 2 August 2024")
        self.assertEqual(membership.with_context(lang="id_ID").display_name, "PT Uji Coba / 2 Agustus 2024")

    @freeze_time("2026-09-01")
    def test_assistance_never_born_overdue(self):
        self._create_membership(self.org_company, date(2026, 1, 1), state="active")
        session = self.env["hbri.roundtable.session"].create(
            {"date_start": datetime(2026, 9, 8, 2), "date_end": datetime(2026, 9, 8, 5)}
        )
        presentation = self.env["hbri.presentation"].create(
            {"name": "Talk", "session_id": session.id, "presenting_partner_ids": [(6, 0, self.org_company.ids)]}
        )
        self.assertEqual(presentation.duration, 30, "minutes, a whole number")
        prep = self.env["hbri.technical.assistance"].create(
            {
                "name": "Slides",
                "partner_id": self.org_company.id,
                "kind": "presentation",
                "presentation_id": presentation.id,
            }
        )
        # 14 days before the session is past: due within a week, by the session at the latest
        self.assertEqual(prep.date_due, date(2026, 9, 8))
        self.assertGreaterEqual(prep.date_due, date(2026, 9, 1))

    def test_public_sector_partner_is_the_government_counterpart(self):
        partnership = self.env["hbri.partnership"].create(
            {
                "name": "Klinik ibu",
                "member_ids": [
                    Command.create({"partner_id": self.org_company.id}),
                    Command.create({"partner_id": self.org_public.id}),
                    Command.create({"partner_id": self.org_ngo.id, "role": "lead"}),
                ],
            }
        )
        roles = {m.partner_id: m.role for m in partnership.member_ids}
        self.assertEqual(roles[self.org_public], "government")
        self.assertEqual(roles[self.org_company], "partner")
        self.assertEqual(roles[self.org_ngo], "lead", "a role chosen stays")

    def test_no_duplicated_sector_word(self):
        self.org_public.hbri_sector_id.with_context(lang="en_US").name  # noqa: B018 - the sector's English name
        issue = self.org_public.with_context(lang="en_US")._hbri_member_issue(date(2026, 1, 1))
        self.assertNotIn("Sector sector", issue)
        self.assertIn("a sector that cannot attend", issue)

    def test_membership_messages_dates_in_the_user_language(self):
        self.env["res.lang"]._activate_lang("id_ID")
        self._create_membership(self.org_company, date(2026, 1, 1), date(2026, 12, 31))
        Membership = self.env["hbri.membership"].with_context(lang="id_ID")
        with self.assertRaisesText(ValidationError, "1 Januari 2026"):
            Membership.create({"partner_id": self.org_company.id, "date_start": date(2026, 6, 1)})
