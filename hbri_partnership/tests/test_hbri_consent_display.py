# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase, tagged

from .test_hbri_portal_access import HbriPortalStory
from .test_hbri_portal_approval import SIGNATURE


@tagged("post_install", "-at_install", "hbri_partnership")
class TestHbriConsentDisplay(HbriPortalStory, HttpCase):
    """Every place that says "approved" or "awaiting" decides as the approval does: by the fingerprint of what
    prints, not by the content version number (a renamed organization changes what prints, not the number)."""

    def _approve_as_primary(self):
        case_study = self.cs_awaiting.with_user(self.u_primary)
        return case_study._hbri_member_approve(
            self.cs_awaiting._get_consent_fingerprint(), scope_name=True, signature=SIGNATURE
        )

    def _sections(self):
        page = self.url_open("/my/roundtable").text
        awaiting = page.split('id="hbri_awaiting"')[1].split("</section>")[0] if 'id="hbri_awaiting"' in page else ""
        approved = page.split('id="hbri_approved"')[1].split("</section>")[0] if 'id="hbri_approved"' in page else ""
        return awaiting, approved

    def test_portal_list_follows_the_fingerprint(self):
        self._approve_as_primary()
        self.authenticate("hbri_p_primary", "hbri_p_primary")
        awaiting, approved = self._sections()
        self.assertNotIn("Company awaiting", awaiting)
        self.assertIn("Company awaiting", approved)
        self.assertIn("Approved by Ayu Representative on", approved)
        version = self.cs_awaiting.content_version
        # what prints changes (the organization's name), the version number does not
        self.org_company.name = "PT Uji Coba Baru"
        self.assertEqual(self.cs_awaiting.content_version, version)
        awaiting, approved = self._sections()
        self.assertIn("Company awaiting", awaiting, "the old approval does not cover the renamed text")
        self.assertNotIn("Company awaiting", approved)
        # the approval page agrees: the member may approve the new text
        page = self.url_open(f"/my/roundtable/case-study/{self.cs_awaiting.id}").text
        self.assertNotIn("Approved by", page)
        self.assertIn('name="fingerprint"', page)
        # the old name back: the text is the one approved, and the approval counts again
        self.org_company.name = "PT Uji Coba"
        awaiting, approved = self._sections()
        self.assertNotIn("Company awaiting", awaiting)
        self.assertIn("Company awaiting", approved)

    def test_backoffice_consents_follow_the_fingerprint(self):
        consent = self._approve_as_primary()
        self.assertTrue(consent.is_current)
        self.assertIn(consent, self.cs_awaiting._hbri_printed_consents())
        self.org_company.name = "PT Uji Coba Baru"
        consent.invalidate_recordset(["is_current"])
        self.cs_awaiting.invalidate_recordset(["has_all_consents", "attribution_mode"])
        self.assertFalse(consent.is_current)
        self.assertFalse(self.cs_awaiting._hbri_printed_consents(), "the PDF's closing line names no stale consent")
        self.assertFalse(self.cs_awaiting.has_all_consents)

    def test_is_current_in_constant_queries(self):
        """The consents list computes the fingerprints of all its case studies in one batch."""
        CaseStudy = self.env["hbri.case.study"]

        def consents_of(count):
            case_studies = CaseStudy.browse(
                [self._case_study(f"Batch {count} {i}", self.org_company, "awaiting").id for i in range(count)]
            )
            for case_study in case_studies:
                case_study.with_user(self.u_primary)._hbri_member_approve(
                    case_study._get_consent_fingerprint(), signature=SIGNATURE
                )
            return case_studies.consent_ids

        small, large = consents_of(2), consents_of(12)
        counts = []
        for consents in (small, small, large):
            self.env.invalidate_all()
            # as the consents list reads them: the ids of the rows shown
            consents = self.env["hbri.consent"].browse(consents.ids)
            before = self.env.cr.sql_log_count
            values = consents.mapped("is_current")
            counts.append(self.env.cr.sql_log_count - before)
            self.assertTrue(all(values))
        self.assertEqual(counts[1], counts[2], f"{counts[1]} queries for 2 consents, {counts[2]} for 12")
