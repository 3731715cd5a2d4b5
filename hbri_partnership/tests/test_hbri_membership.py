# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form
from odoo.tools import mute_logger

from .common import HbriPartnershipCommon


@freeze_time("2026-06-15")
class TestHbriMembershipRules(HbriPartnershipCommon):
    def test_overlap_refused(self):
        self._create_membership(self.org_company, date(2026, 1, 1), date(2026, 12, 31), state="active")
        with self.assertRaisesText(ValidationError, "may not overlap"):
            self._create_membership(self.org_company, date(2026, 6, 1), date(2027, 5, 31))
        # an open-ended membership overlaps every later one
        self._create_membership(self.org_ngo, date(2025, 1, 1))
        with self.assertRaisesText(ValidationError, "may not overlap"):
            self._create_membership(self.org_ngo, date(2030, 1, 1))
        self.assertEqual(
            self.env["hbri.membership"].search_count([("partner_id", "=", self.org_company.id)]),
            1,
        )

    def test_overlap_refused_on_write_and_sudo(self):
        first = self._create_membership(self.org_company, date(2025, 1, 1), date(2025, 12, 31))
        second = self._create_membership(self.org_company, date(2026, 1, 1), date(2026, 12, 31))
        with self.assertRaisesText(ValidationError, "may not overlap"):
            first.sudo().date_end = date(2026, 3, 31)
        self.assertEqual(first.date_end, date(2025, 12, 31))
        # a cancelled membership does not count
        second.action_cancel()
        first.date_end = date(2026, 3, 31)
        with self.assertRaisesText(ValidationError, "may not overlap"):
            second.action_draft()

    def test_overlap_refused_on_import(self):
        self._create_membership(self.org_company, date(2026, 1, 1), date(2026, 12, 31))
        result = self.env["hbri.membership"].load(
            ["partner_id/.id", "date_start", "date_end"],
            [[str(self.org_company.id), "2026-03-01", "2026-04-01"]],
        )
        self.assertFalse(result["ids"])
        self.assertIn("may not overlap", " ".join(m["message"] for m in result["messages"]))
        self.assertEqual(
            self.env["hbri.membership"].search_count([("partner_id", "=", self.org_company.id)]),
            1,
        )

    def test_end_before_start_refused(self):
        with mute_logger("odoo.sql_db"):
            result = self.env["hbri.membership"].load(
                ["partner_id/.id", "date_start", "date_end"],
                [[str(self.org_company.id), "2026-06-01", "2026-05-31"]],
            )
        self.assertFalse(result["ids"])
        self.assertIn(
            "cannot end before it starts",
            " ".join(m["message"] for m in result["messages"]),
        )
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self._create_membership(self.org_company, date(2026, 6, 1), date(2026, 5, 31))
        membership = self._create_membership(self.org_company, date(2026, 6, 1), date(2026, 12, 31))
        with self.assertRaisesText(ValidationError, "cannot end (31 May 2026) before it starts (1 June 2026)"):
            membership.date_end = date(2026, 5, 31)
        self.assertEqual(membership.date_end, date(2026, 12, 31))

    def test_only_organizations(self):
        with self.assertRaisesText(ValidationError, "only organizations hold memberships"):
            self._create_membership(self.rep_company)
        with self.assertRaisesText(ValidationError, "only organizations hold memberships"):
            self.env["hbri.membership"].sudo().create({"partner_id": self.rep_company.id})

    def test_public_sector_refused(self):
        with self.assertRaisesText(ValidationError, "can still take part in partnerships") as caught:
            self._create_membership(self.org_public)
        self.assertIn("speak officially", str(caught.exception))
        with self.assertRaisesText(ValidationError, "cannot attend the roundtable"):
            self.env["hbri.membership"].sudo().create({"partner_id": self.org_public.id})
        result = self.env["hbri.membership"].load(["partner_id/.id"], [[str(self.org_public.id)]])
        self.assertFalse(result["ids"])
        self.assertFalse(self.org_public.hbri_membership_ids)

    def test_activation_needs_current_guidelines(self):
        membership = self._create_membership(self.org_company)
        with self.assertRaisesText(ValidationError, "must accept the current participation guidelines"):
            membership.action_activate()
        self.assertEqual(membership.state, "draft")
        # accepting an older version is not enough
        old = self.env["hbri.guideline"].create({"name": "Old", "version": "T-0"})
        membership.write(
            {
                "guideline_id": old.id,
                "accepted_by_id": self.rep_company.id,
                "date_accepted": "2026-06-01",
            }
        )
        with self.assertRaisesText(ValidationError, "must accept the current participation guidelines"):
            membership.action_activate()
        # nor acceptance by somebody who does not represent the organization
        membership.write({"guideline_id": self.guideline.id, "accepted_by_id": self.rep_ngo.id})
        with self.assertRaisesText(ValidationError, "does not represent"):
            membership.action_activate()
        membership.accepted_by_id = False
        membership.action_accept_current_guidelines()
        self.assertEqual(membership.accepted_by_id, self.rep_company)
        self.assertEqual(membership.date_accepted, date(2026, 6, 15))
        membership.action_activate()
        self.assertEqual(membership.state, "active")
        self.assertEqual(self.org_company.hbri_membership_state, "member")

    def test_activation_needs_guidelines_through_rpc_write(self):
        membership = self._create_membership(self.org_company)
        with self.assertRaisesText(ValidationError, "must accept"):
            membership.sudo().write({"state": "active"})

    def test_withdrawal_needs_reason(self):
        membership = self._create_membership(self.org_company, date(2026, 1, 1), state="active")
        with self.assertRaisesText(ValidationError, "reason and the date of the withdrawal"):
            membership.write({"state": "withdrawn"})
        with self.assertRaisesText(ValidationError, "reason and the date"):
            membership._withdraw("   ", date(2026, 6, 15))
        self.assertEqual(membership.state, "active")
        action = membership.action_open_withdraw_wizard()
        wizard = Form(self.env[action["res_model"]].with_context(**action["context"]))
        wizard.reason = "Merged with another member"
        wizard.save().action_withdraw()
        self.assertEqual(membership.state, "withdrawn")
        self.assertEqual(membership.date_end, date(2026, 6, 15))
        self.assertEqual(self.org_company.hbri_membership_state, "withdrawn")

    def test_partner_side_changes_refused(self):
        """Rules hold when the organization changes, not only when the membership does."""
        self._create_membership(self.org_company, date(2026, 1, 1), state="active")
        with self.assertRaisesText(ValidationError, "End or withdraw the membership before changing the sector"):
            self.org_company.hbri_sector_id = self.sector_public
        with self.assertRaisesText(ValidationError, "must stay an organization"):
            self.org_company.sudo().is_company = False
        self.assertEqual(self.org_company.hbri_sector_id, self.sector_business)

    def test_unlink_only_draft_or_cancelled(self):
        active = self._create_membership(self.org_company, date(2026, 1, 1), state="active")
        with self.assertRaisesText(UserError, "Only draft or cancelled memberships can be deleted"):
            active.unlink()
        draft = self._create_membership(self.org_ngo)
        draft.unlink()
        self.assertFalse(draft.exists())

    def test_representatives(self):
        self.assertEqual(self.org_company.hbri_primary_representative_id, self.rep_company)
        with self.assertRaisesText(ValidationError, "already has a primary representative"):
            self.env["res.partner"].create(
                {
                    "name": "Second Primary",
                    "parent_id": self.org_company.id,
                    "hbri_representative_role": "primary",
                }
            )
        with self.assertRaisesText(ValidationError, "representatives are people"):
            self.env["res.partner"].create({"name": "Lonely", "hbri_representative_role": "observer"})
        self.rep_company.hbri_representative_active = False
        self.assertFalse(self.org_company.hbri_primary_representative_id)
        alternate = self.env["res.partner"].create(
            {
                "name": "New Primary",
                "parent_id": self.org_company.id,
                "hbri_representative_role": "primary",
            }
        )
        self.assertEqual(self.org_company.hbri_primary_representative_id, alternate)
        self.assertEqual(self.org_company.hbri_representative_ids, self.rep_company | alternate)


@freeze_time("2026-06-15")
class TestHbriMembershipFlow(HbriPartnershipCommon):
    def test_state_transitions(self):
        membership = self._create_membership(self.org_company, date(2026, 1, 1), date(2026, 12, 31))
        self.assertEqual(self.org_company.hbri_membership_state, "prospect")
        membership.action_accept_current_guidelines()
        membership.action_activate()
        self.assertEqual(self.org_company.hbri_membership_state, "member")
        self.assertTrue(self.org_company.hbri_is_member)
        self.assertEqual(self.org_company.hbri_member_since, date(2026, 1, 1))
        self.assertEqual(self.org_company.hbri_membership_id, membership)
        membership.action_suspend()
        self.assertEqual(self.org_company.hbri_membership_state, "suspended")
        self.assertFalse(self.org_company.hbri_is_member)
        with self.assertRaisesText(UserError, "Activation is not possible"):
            membership.action_activate()
        membership.action_resume()
        self.assertEqual(membership.state, "active")
        membership.action_end()
        self.assertEqual(membership.state, "ended")
        self.assertEqual(membership.date_end, date(2026, 6, 15))
        self.assertEqual(self.org_company.hbri_membership_state, "lapsed")
        with self.assertRaisesText(UserError, "Suspension is not possible"):
            membership.action_suspend()

    def test_cancel_and_reset(self):
        membership = self._create_membership(self.org_company)
        membership.action_cancel()
        self.assertEqual(self.org_company.hbri_membership_state, "none")
        membership.action_draft()
        self.assertEqual(membership.state, "draft")

    def test_renewal(self):
        membership = self._create_membership(self.org_company, date(2025, 7, 1), date(2026, 6, 30), state="active")
        action = membership.action_renew()
        renewal = self.env["hbri.membership"].browse(action["res_id"])
        self.assertEqual(renewal.date_start, date(2026, 7, 1))
        self.assertEqual(renewal.date_end, date(2027, 6, 30))
        self.assertEqual(renewal.state, "draft")
        self.assertEqual(renewal.previous_membership_id, membership)
        with self.assertRaisesText(UserError, "already been renewed"):
            membership.action_renew()
        open_ended = self._create_membership(self.org_ngo, date(2026, 1, 1), state="active")
        with self.assertRaisesText(UserError, "open-ended"):
            open_ended.action_renew()

    def test_prospect_from_consultation(self):
        prospect = self.env["res.partner"].create(
            {
                "name": "PT Calon Anggota",
                "is_company": True,
                "hbri_sector_id": self.sector_business.id,
            }
        )
        self.assertEqual(prospect.hbri_membership_state, "none")
        self.env["hbri.consultation"].create({"name": "First talk", "partner_id": prospect.id, "outcome": "interested"})
        self.assertEqual(prospect.hbri_membership_state, "prospect")

    def test_contributions(self):
        membership = self._create_membership(self.org_company, date(2026, 1, 1), state="active")
        self.env["hbri.membership.contribution"].create(
            [
                {
                    "membership_id": membership.id,
                    "kind": "hosting",
                    "description": "Q1 session",
                },
                {
                    "membership_id": membership.id,
                    "kind": "pledge",
                    "description": "Coffee",
                    "amount": 1500000,
                },
            ]
        )
        self.assertEqual(membership.contribution_count, 2)
        action = membership.action_view_contributions()
        self.assertEqual(self.env[action["res_model"]].search_count(action["domain"]), 2)

    def test_secretariat_form_flow(self):
        """A secretariat user records a membership in the form and activates it."""
        env = self.env(user=self.user_secretariat)
        with Form(env["hbri.membership"]) as form:
            form.partner_id = self.org_ngo.with_env(env)
            form.date_start = date(2026, 6, 1)
            form.date_end = date(2027, 5, 31)
        membership = form.record
        membership.action_accept_current_guidelines()
        membership.action_activate()
        self.assertEqual(membership.state, "active")
        self.assertEqual(self.org_ngo.hbri_membership_state, "member")


class TestHbriMembershipBatch(HbriPartnershipCommon):
    def _make_organizations(self, count):
        partners = self.env["res.partner"].create(
            [
                {
                    "name": f"Batch Org {count}-{i}",
                    "is_company": True,
                    "hbri_sector_id": self.sector_business.id,
                }
                for i in range(count)
            ]
        )
        self.env["hbri.membership"].create(
            [
                {
                    "partner_id": p.id,
                    "date_start": date(2026, 1, 1),
                    "date_end": date(2026, 3, 31),
                }
                for p in partners
            ]
        )
        partners.hbri_membership_ids.write({"state": "cancelled"})
        partners.hbri_membership_ids.write({"state": "draft"})
        self.env.flush_all()
        self.env.invalidate_all()
        return partners

    def test_state_recompute_query_count_constant(self):
        """Recomputing the membership summary costs the same number of queries for 10 and 100 organizations."""
        small, large = self._make_organizations(10), self._make_organizations(100)
        counts = []
        for partners in (small, large):
            self.env.invalidate_all()
            with freeze_time("2026-06-15"):
                queries_before = self.cr.sql_log_count
                partners._hbri_recompute_membership_state()
                counts.append(self.cr.sql_log_count - queries_before)
            self.assertEqual(set(partners.mapped("hbri_membership_state")), {"prospect"})
        self.assertEqual(counts[0], counts[1], f"queries for 10 vs 100 organizations: {counts}")
