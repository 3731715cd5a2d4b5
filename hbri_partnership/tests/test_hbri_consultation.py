# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import UserError, ValidationError

from .common import HbriPartnershipCommon


class TestHbriConsultation(HbriPartnershipCommon):
    def _consult(self, partner, **vals):
        return (
            self.env["hbri.consultation"]
            .with_user(self.user_secretariat)
            .create({"name": "Consultation", "partner_id": partner.id, **vals})
        )

    def test_invite_interested_organization(self):
        consultation = self._consult(
            self.org_company,
            outcome="interested",
            contact_ids=[(4, self.rep_company.id)],
        )
        action = consultation.action_invite_membership()
        membership = self.env["hbri.membership"].browse(action["res_id"])
        self.assertEqual(membership.partner_id, self.org_company)
        self.assertEqual(membership.state, "draft")
        self.assertEqual(consultation.membership_id, membership)
        # inviting again opens the same draft instead of creating another
        self.assertEqual(consultation.action_invite_membership()["res_id"], membership.id)
        other = self._consult(self.org_company, outcome="interested")
        self.assertEqual(other.action_invite_membership()["res_id"], membership.id)
        self.assertEqual(len(self.org_company.hbri_membership_ids), 1)

    def test_invite_refused_for_public_sector(self):
        consultation = self._consult(self.org_public, outcome="interested")
        with self.assertRaisesText(UserError, "Invite it to a partnership instead"):
            consultation.action_invite_membership()
        self.assertFalse(self.org_public.hbri_membership_ids)

    def test_invite_needs_interest(self):
        consultation = self._consult(self.org_company, outcome="not_now")
        with self.assertRaisesText(UserError, "set the outcome of this consultation to Interested"):
            consultation.action_invite_membership()

    def test_contacts_belong_to_organization(self):
        with self.assertRaisesText(ValidationError, "do not belong to PT Uji Coba"):
            self._consult(self.org_company, contact_ids=[(4, self.rep_ngo.id)])

    def test_tags_and_kanban_columns(self):
        concern = self.env["hbri.consultation.tag"].create({"name": "Trust", "kind": "concern"})
        consultation = self._consult(
            self.org_ngo,
            concern_tag_ids=[(4, concern.id)],
            concern_note="Past experience",
        )
        self.assertEqual(consultation.concern_tag_ids, concern)
        groups = (
            self.env["hbri.consultation"]
            .with_context(read_group_expand=True)
            .formatted_read_group([], ["outcome"], ["__count"])
        )
        self.assertEqual(
            [g["outcome"] for g in groups],
            ["follow_up", "interested", "not_now", "not_interested"],
        )
        self.assertEqual(self.org_ngo.hbri_consultation_count, 1)
        self.assertEqual(self.org_ngo.hbri_membership_state, "prospect")
