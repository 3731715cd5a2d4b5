# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from ..models.hbri_portal import APPROVING_ROLES, PORTAL_ROLES
from .test_hbri_portal_access import HbriPortalStory


@tagged("post_install", "-at_install", "hbri_partnership")
class TestHbriPortalCaseStudyRule(HbriPortalStory):
    """The case studies each portal user reads, through presentations as well as through the organizations
    involved: published ones involving the organization; awaiting ones only for the primary and alternate of the
    organization that consents (the presenting one, or without a presentation the one involved); nothing for an
    inactive representative, a contact without a role, or a member not in force. The rule's SQL is written by
    hand (models/hbri_portal.py): these rows are the ones its fields' definition gives."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company, ngo, nobody = cls.org_company, cls.org_ngo, cls.env["res.partner"]
        cases = {
            # the company presents, the NGO is only involved: both read it published, only the company approves
            "presented_published": (company, ngo, "published"),
            "presented_awaiting": (company, ngo, "awaiting"),
            # the NGO presents, the company is involved: the company reads it once published only
            "ngo_presented_awaiting": (ngo, company, "awaiting"),
            "ngo_presented_published": (ngo, company, "published"),
            "both_awaiting": (company | ngo, cls.org_public, "awaiting"),
            # presented by the company, nobody else involved
            "presented_only_awaiting": (company, nobody, "awaiting"),
            "presented_approved": (company, company, "approved"),
            # members not in force, by their organizations involved (no presentation)
            "suspended_published": (nobody, cls.org_suspended, "published"),
            "ended_awaiting": (nobody, cls.org_ended, "awaiting"),
        }
        cls.cases = {}
        for key, (presenting, involved, state) in cases.items():
            presentation = presenting and cls.env["hbri.presentation"].create(
                {"name": key, "session_id": cls.past.id, "presenting_partner_ids": [(6, 0, presenting.ids)]}
            )
            # one presentation each: a presentation has one case study at most
            case_study = cls._case_study(key, involved, state, presentation_ids=presentation.ids if presenting else [])
            cls.cases[key] = case_study
        cls.cases.update(
            awaiting=cls.cs_awaiting,
            awaiting_ngo=cls.cs_awaiting_ngo,
            published=cls.cs_published,
            published_ngo=cls.cs_published_ngo,
            draft=cls.cs_draft,
        )
        cls.users = (
            cls.u_primary,
            cls.u_alternate,
            cls.u_observer,
            cls.u_other,
            cls.u_former,
            cls.u_contact,
            cls.u_prospect,
            cls.u_suspended,
            cls.u_ended,
        )

    def _by_definition(self, user):
        """The rule as its fields define it, in Python: what the user must read of the story's case studies."""
        person = user.partner_id
        organization = person.parent_id.commercial_partner_id
        CaseStudy = self.env["hbri.case.study"]
        if (
            not person.hbri_representative_active
            or person.hbri_representative_role not in PORTAL_ROLES
            or not organization.hbri_is_member
        ):
            return CaseStudy
        approving = person.hbri_representative_role in APPROVING_ROLES
        return CaseStudy.union(*self.cases.values()).filtered(
            lambda c: (
                (c.state == "published" and organization in c.partner_ids | c.presentation_ids.presenting_partner_ids)
                or (approving and c.state == "awaiting" and organization in c.consenting_partner_ids)
            )
        )

    def test_rows_read_by_each_user(self):
        story = self.env["hbri.case.study"].union(*self.cases.values())
        company = {
            self.cases[key]
            for key in (
                "presented_published",
                "presented_awaiting",
                "ngo_presented_published",
                "both_awaiting",
                "presented_only_awaiting",
                "awaiting",
                "published",
            )
        }
        ngo = {
            self.cases[key]
            for key in (
                "presented_published",
                "ngo_presented_awaiting",
                "ngo_presented_published",
                "both_awaiting",
                "awaiting_ngo",
                "published_ngo",
            )
        }
        observed = {self.cases[key] for key in ("presented_published", "ngo_presented_published", "published")}
        expected = {
            self.u_primary: company,
            self.u_alternate: company,
            self.u_observer: observed,
            self.u_other: ngo,
        }
        for user in self.users:
            with self.subTest(user=user.login):
                wanted = set(expected.get(user, ()))
                self.assertEqual(set(self._by_definition(user)), wanted, "the test's own reading of the rule")
                CaseStudy = self.env["hbri.case.study"].with_user(user)
                self.assertEqual(set(CaseStudy.search([("id", "in", story.ids)]).sudo()), wanted)
                self.assertEqual(set(story.with_user(user)._filtered_access("read").sudo()), wanted)
                # the field's compute filters records in Python by the same domain
                as_user = story.with_user(user)
                self.assertEqual(set(as_user.sudo().filtered_domain(as_user._get_hbri_portal_domain())), wanted)

    def test_rows_follow_the_representative_and_the_membership(self):
        self.alt_company.hbri_representative_role = "observer"
        self.assertEqual(
            self.env["hbri.case.study"].with_user(self.u_alternate).search([]).sudo(),
            self._by_definition(self.u_alternate),
        )
        self.assertNotIn(self.cases["presented_awaiting"], self._by_definition(self.u_alternate))
        # the presentation unlinked in SQL: the case study's content is locked while it awaits approval
        self.env.cr.execute(
            "DELETE FROM hbri_case_study_presentation_rel WHERE case_study_id = %s",
            [self.cases["presented_awaiting"].id],
        )
        self.env.invalidate_all()
        # without its presentation, the NGO (involved) consents to it now, and the company no longer reads it
        self.assertIn(
            self.cases["presented_awaiting"],
            self.env["hbri.case.study"].with_user(self.u_other).search([]).sudo(),
        )
        self.assertNotIn(
            self.cases["presented_awaiting"],
            self.env["hbri.case.study"].with_user(self.u_primary).search([]).sudo(),
        )
        self.org_company.hbri_membership_id.state = "suspended"
        self.assertFalse(self.env["hbri.case.study"].with_user(self.u_primary).search([]))
