# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import UserError

from .test_hbri_consent import HbriConsentCommon


class TestHbriConsentStaleMessage(HbriConsentCommon):
    """A consent to the current version that no longer matches the printed text (a name or a translation changed,
    the version number did not) is named as such: the Consents tab shows that version approved, so "did not
    consent to version N" alone contradicts what the secretariat sees."""

    def test_renamed_organization_is_told_apart_from_a_missing_consent(self):
        case_study = self._approved()
        self.org_ngo.name = "Yayasan Uji Berganti Nama"
        self.assertEqual(case_study.content_version, 1)
        with self.assertRaises(UserError) as caught:
            case_study.with_user(self.user_manager).action_publish()
        message = str(caught.exception)
        # the fingerprint covers every organization's name: both consents stopped counting, both are named
        self.assertIn(
            f"{self.org_company.name}, Yayasan Uji Berganti Nama did not consent to its text as it prints now", message
        )
        self.assertIn("their consent to version 1 was given before a name, a translation or a sector label", message)
        self.assertIn("Consents tab", message)
        self.assertNotIn("did not consent to version", message)
        self.assertEqual(case_study.state, "approved")

    def test_no_consent_keeps_the_version_message(self):
        case_study = self._awaiting()
        self._consent(case_study, self.org_company, self.rep_company)
        with self.assertRaises(UserError) as caught:
            case_study.with_user(self.user_secretariat).action_approve()
        message = str(caught.exception)
        self.assertIn(f"{self.org_ngo.name} did not consent to version 1 of its content.", message)
        self.assertNotIn("as it prints now", message)
