# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import contextlib

from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged

from odoo.addons.hbri_partnership.tests.common_anonymization import HbriKeptDictionaryMixin
from odoo.addons.hbri_partnership.tests.test_hbri_case_study import HbriCaseStudyCommon


class HbriLibraryApprovedTextCommon(HbriKeptDictionaryMixin, HbriCaseStudyCommon, HttpCase):
    """HttpCase: the kept dictionary is built in a cursor of its own, the test's cursor in test mode."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("id_ID")
        cls.org_kilat = cls.env["res.partner"].create(
            {"name": "PT Kilat Telekomunikasi", "is_company": True, "hbri_sector_id": cls.sector_business.id}
        )

    def _published_anonymized(self):
        case_study = self._approved(
            named=False,
            presentation=self.presentation.copy(),
            print_language="en_US",
            formation="<p>Ayu Representative asked; PT Kilat Telekomunikasi offered free messages.</p>",
        )
        case_study.action_publish()
        return case_study

    def _library(self, case_study, lang="id_ID"):
        return case_study._get_library_values(lang)[case_study.id]

    def _pdf_values(self, case_study):
        return case_study._get_print_values_batch()[case_study.id]


@tagged("post_install", "-at_install", "hbri_partnership_website")
class TestHbriLibraryFormerNames(HbriLibraryApprovedTextCommon):
    """A partner the anonymizer knows keeps its former name hidden: renaming it changes nothing an anonymized
    case study prints, and so nothing its members approved."""

    def _assert_rename_prints_the_same(self, partner, new_name, hidden_words):
        case_study = self._published_anonymized()
        self._signal_commit()
        library, pdf = self._library(case_study), self._pdf_values(case_study)
        self.assertIn("offered free messages", str(library["formation"]))
        for word in hidden_words:
            self.assertNotIn(word, str(library))
            self.assertNotIn(word, str(pdf))
        old_name = partner.name
        partner.with_user(self.user_secretariat).write({"name": new_name})
        # in the renaming transaction (printed live), then once committed (the kept rows recomputed)
        for _step in ("live", "committed"):
            self.assertEqual(self._library(case_study), library)
            self.assertEqual(self._pdf_values(case_study)["formation"], pdf["formation"])
            self.assertTrue(all(case_study.consent_ids.mapped("is_current")))
            self.assertEqual(case_study.state, "published")
            self._signal_commit()
        former = self.env["hbri.partner.alias"].search([("partner_id", "=", partner.id)])
        self.assertEqual([(a.name, a.kind) for a in former], [(old_name, "former")])
        # a name written again is kept once; an unchanged name writes no alias
        partner.with_user(self.user_secretariat).write({"name": old_name})
        partner.with_user(self.user_secretariat).write({"name": new_name})
        partner.with_user(self.user_secretariat).write({"name": new_name})
        self.assertEqual(
            sorted(self.env["hbri.partner.alias"].search([("partner_id", "=", partner.id)]).mapped("name")),
            sorted([old_name, new_name]),
        )

    def test_organization_renamed_keeps_its_former_name_hidden(self):
        self._assert_rename_prints_the_same(self.org_kilat, "PT Kilat Telekom Indonesia Tbk", ["Kilat", "Telekom"])

    def test_person_renamed_keeps_its_former_name_hidden(self):
        self._assert_rename_prints_the_same(self.rep_company, "Bunga Lestari", ["Ayu", "Representative", "Bunga"])

    def test_unknown_partners_and_batches(self):
        stranger = self.env["res.partner"].create({"name": "Orang Luar"})
        known = self.org_kilat | self.rep_company
        (stranger | known).with_user(self.user_secretariat).write({"name": "Nama Sama"})
        aliases = self.env["hbri.partner.alias"].search([("partner_id", "in", (stranger | known).ids)])
        self.assertEqual(
            sorted((a.partner_id.id, a.name, a.kind) for a in aliases),
            sorted(
                [
                    (self.org_kilat.id, "PT Kilat Telekomunikasi", "former"),
                    (self.rep_company.id, "Ayu Representative", "former"),
                ]
            ),
        )


@tagged("post_install", "-at_install", "hbri_partnership_website")
class TestHbriLibraryTranslationsApproved(HbriLibraryApprovedTextCommon):
    """The library prints a case study in the visitor's language when it is translated: a translation changed
    once the members were asked (in any language, not only the print language) sends it back to review, as an
    edit does, so that no text nobody approved reaches the visitors."""

    UNAPPROVED = "TEKS TANPA PERSETUJUAN"

    def _awaiting_en(self):
        case_study = self._draft(self.presentation.copy())
        case_study.with_context(lang="en_US").write({"print_language": "en_US"})
        # its title translated before the members are asked: the library shows it to Indonesian visitors in Indonesian
        case_study.update_field_translations("name", {"id_ID": "Klinik keliling PT Uji Coba dan Yayasan Uji"})
        case_study.action_submit_review()
        case_study.action_request_approval()
        self.assertEqual(case_study.state, "awaiting")
        return case_study

    def _translate_results(self, case_study, user):
        term = "240 women screened."
        case_study.with_user(user).update_field_translations(
            "results", {"id_ID": {term: f"{self.UNAPPROVED}: 240 perempuan diperiksa."}}
        )

    def test_translation_while_awaiting_goes_back_to_review(self):
        case_study = self._awaiting_en()
        self._consent(case_study, self.org_company, self.rep_company, name=False)
        self._translate_results(case_study, self.user_secretariat)
        self.assertEqual(case_study.state, "review")
        self.assertEqual(case_study.content_version, 2)
        self.assertIn("version 2 needs the members' approval again", case_study.message_ids[0].body)
        self.assertEqual(case_study.with_context(lang="id_ID").results.count(self.UNAPPROVED), 1)
        # the same rule after the approval; an unchanged translation changes nothing
        approved = self._awaiting_en()
        self._consent(approved, self.org_company, self.rep_company, name=False)
        self._consent(approved, self.org_ngo, self.rep_ngo, name=False)
        approved.action_approve()
        approved.with_user(self.user_secretariat).update_field_translations(
            "results", {"id_ID": {"240 women screened.": "240 women screened."}}
        )
        self.assertEqual((approved.state, approved.content_version), ("approved", 1))
        self._translate_results(approved, self.user_secretariat)
        self.assertEqual((approved.state, approved.content_version), ("review", 2))

    def test_member_never_reads_an_unapproved_translation(self):
        case_study = self._awaiting_en()
        self._consent(case_study, self.org_company, self.rep_company, name=False)
        self._consent(case_study, self.org_ngo, self.rep_ngo, name=False)
        self._translate_results(case_study, self.user_secretariat)
        # approving and publishing what the members were asked about is refused: the content changed since
        for action in ("action_approve", "action_publish"):
            with contextlib.suppress(UserError):
                getattr(case_study.with_user(self.user_manager), action)()
        self._signal_commit()
        # what an Indonesian member or visitor reads in the library: nothing nobody approved
        published = self.env["hbri.case.study"].search([("state", "=", "published")])
        self.assertNotIn(self.UNAPPROVED, str(published._get_library_values("id_ID")))
        self.assertEqual(case_study.state, "review")
        # a published case study's translations are refused, as its edits are
        published = self._published_anonymized()
        with self.assertRaises(UserError):
            self._translate_results(published, self.user_secretariat)
        self.assertNotIn(self.UNAPPROVED, str(self._library(published)))
