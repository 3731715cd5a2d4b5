# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestHbriDemoStory(TransactionCase):
    """The demo data (installed by `scripts/hbri run` and by the test command) is a story a user carries on: the
    consent recorded on the case study awaiting approval still counts once Odoo has loaded the Indonesian texts,
    and those of the published case studies are for the text they print. Odoo loads a module's translations after
    its demo data: consents recorded on the English text went stale as soon as the install ended."""

    def _demo(self, name):
        return self.env.ref(f"hbri_partnership.{name}")

    def test_awaiting_case_study_consent_counts(self):
        consent = self._demo("hbri_consent_demo_anemia_remaja_filantropi")
        case_study = consent.case_study_id
        self.assertEqual(case_study.state, "awaiting")
        self.assertEqual(case_study._get_print_lang(), "id_ID")
        self.assertTrue(
            consent.is_current,
            "the demo consent must be for the text as it prints, else the secretariat cannot approve the story's "
            "case study once its member approves",
        )

    def test_published_case_studies_consents_count(self):
        for name in ("hbri_case_study_demo_klinik_keliling", "hbri_case_study_demo_sms_posyandu"):
            case_study = self._demo(name)
            self.assertEqual(case_study.state, "published", name)
            self.assertEqual(case_study._get_print_lang(), "id_ID", name)
            self.assertTrue(case_study.consent_ids, name)
            self.assertEqual(
                case_study._current_consents(),
                case_study.consent_ids,
                f"{name}: the consents it was published with are for the text it prints",
            )
