# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models
from odoo.exceptions import UserError


class BasePartnerMergeAutomaticWizard(models.TransientModel):
    _inherit = "base.partner.merge.automatic.wizard"

    def _merge(self, partner_ids, dst_partner=None, extra_checks=True):
        """Odoo's merge moves the memberships and representatives by SQL, so no rule of the forum runs on them:
        refuse a merge that would give one organization two overlapping memberships or two primary
        representatives, and check every rule again on what the merge produced."""
        partners = self.env["res.partner"].browse(partner_ids).exists()
        if len(partners) > 1:
            self._hbri_check_mergeable(partners)
            # the partner that stays, as Odoo's merge chooses it
            staying = dst_partner if dst_partner and dst_partner in partners else None
            staying = staying or self._get_ordered_partner(partners.ids)[-1]
            self._hbri_check_presenters_settled(partners - staying)
            # the merged partners' names are former names of the one that stays: anonymized case studies written
            # with them keep hiding them
            (partners - staying)._hbri_keep_former_names(staying.name, keeper=staying)
        result = super()._merge(partner_ids, dst_partner=dst_partner, extra_checks=extra_checks)
        survivor = partners.exists()
        if survivor:
            self.env.invalidate_all()
            memberships = (
                self.env["hbri.membership"]
                .sudo()  # the forum's rules hold on every membership, not only those the merging user reads
                .with_context(active_test=False)
                .search([("partner_id", "in", survivor.ids)])
            )
            memberships._check_partner_id()
            memberships._check_overlap()
            survivor.child_ids._check_hbri_representative()
            survivor._hbri_recompute_membership_state()
        return result

    def _hbri_check_presenters_settled(self, merged):
        """The merge moves a presentation's organizations by SQL: refuse it where the presentation's case study left
        its draft (its presenting organizations approve it and read it on the portal), as a write would."""
        # sudo: the presentations of every session, also those the merging user does not follow
        presentations = self.env["hbri.presentation"].sudo().search([("presenting_partner_ids", "in", merged.ids)])
        presentations._hbri_check_case_studies_draft()

    def _hbri_check_mergeable(self, partners):
        Membership = self.env["hbri.membership"].sudo()  # the rule covers memberships the user cannot read
        memberships = Membership.search([("partner_id", "in", partners.ids), ("state", "!=", "cancelled")])
        for membership in memberships:
            for other in memberships:
                if other.partner_id != membership.partner_id and membership._overlaps(other):
                    raise UserError(
                        self.env._(
                            "%(org)s and %(other_org)s cannot be merged: the membership of %(org)s from "
                            "%(start)s to %(end)s overlaps the membership of %(other_org)s from %(other_start)s "
                            "to %(other_end)s, and one organization may not hold two memberships at once. Cancel "
                            "one of them or change its dates, then merge again.",
                            org=membership.partner_id.display_name,
                            other_org=other.partner_id.display_name,
                            start=membership.date_start,
                            end=membership.date_end or self.env._("open-ended"),
                            other_start=other.date_start,
                            other_end=other.date_end or self.env._("open-ended"),
                        )
                    )
        primaries = partners.child_ids.filtered(
            lambda c: c.hbri_representative_role == "primary" and c.hbri_representative_active
        )
        if len(primaries.parent_id) > 1 and len(primaries) > 1:
            raise UserError(
                self.env._(
                    "These organizations cannot be merged: each has an active primary representative "
                    "(%(names)s), and an organization has only one. Make all but one of them an alternate, "
                    "then merge again.",
                    names=", ".join(primaries.mapped("display_name")),
                )
            )
