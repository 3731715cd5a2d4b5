# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from markupsafe import Markup

from .test_hbri_anonymization import HbriAnonymizationCommon


class TestHbriAnonymizationProspects(HbriAnonymizationCommon):
    def test_prospects_are_known(self):
        """An organization the secretariat consulted (a prospect, no sector yet) and its people are hidden too;
        an organization the roundtable has nothing to do with is not in the dictionary."""
        prospect = self.env["res.partner"].create({"name": "PT Samudra Logistik Indonesia", "is_company": True})
        contact = self.env["res.partner"].create({"name": "Bambang Wicaksono", "parent_id": prospect.id})
        stranger = self.env["res.partner"].create({"name": "PT Gunung Kapur Sentosa", "is_company": True})
        self.env["hbri.consultation"].create({"name": "First talk", "partner_id": prospect.id})
        self.assertEqual(prospect.hbri_membership_state, "prospect")
        dictionary = self.env["hbri.anonymizer"]._get_dictionary()
        self.assertIn(prospect.id, dictionary.entities)
        self.assertIn(contact.id, dictionary.entities)
        self.assertNotIn(stranger.id, dictionary.entities)
        case_study = self._anonymized_case_study(
            formation=Markup("<p>Samudra Logistik shipped the kits; Pak Bambang Wicaksono led it.</p>")
        )
        printed = self.env["hbri.anonymizer"]._html_text(self._printed(case_study))
        self.assertNotIn("Samudra", printed)
        self.assertNotIn("Bambang", printed)
