# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from markupsafe import Markup

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user
from odoo.tools.safe_eval import safe_eval

from .test_hbri_case_study import HbriCaseStudyCommon


class HbriAnonymizationCommon(HbriCaseStudyCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        cls.org_nusa = cls.env["res.partner"].create(
            {
                "name": "PT Nusa Telekomunikasi Indonesia Tbk",
                "is_company": True,
                "hbri_sector_id": cls.sector_business.id,
                "email": "info@nusatel.co.id",
                "website": "https://www.nusatel-group.com",
                "phone": "+62 21 5550 1234",
            }
        )
        cls.rep_nusa = cls.env["res.partner"].create(
            {"name": "Siti Aminah Rahmawati", "parent_id": cls.org_nusa.id, "hbri_representative_role": "primary"}
        )
        cls.old_rep_nusa = cls.env["res.partner"].create(
            {
                "name": "Togar Simbolon",
                "parent_id": cls.org_nusa.id,
                "hbri_representative_role": "alternate",
                "active": False,
            }
        )
        cls.org_amp = cls.env["res.partner"].create(
            {"name": "Harapan & Sehat Farma", "is_company": True, "hbri_sector_id": cls.sector_business.id}
        )
        cls.org_other = cls.env["res.partner"].create(
            {"name": "Yayasan Cahaya Pelita Bangsa", "is_company": True, "hbri_sector_id": cls.sector_ngo.id}
        )
        cls.user_facilitator.partner_id.name = "Wulan Kusumawardhani"

    def _anonymized_case_study(self, **values):
        case_study = self._draft()
        case_study.write(dict({"print_language": "en_US"}, **values))
        self.assertEqual(case_study.attribution_mode, "anonymized")
        return case_study

    def _printed(self, case_study, field="formation"):
        return case_study._get_print_values_batch()[case_study.id][field]


class TestHbriAnonymizationEngine(HbriAnonymizationCommon):
    def test_every_known_form_is_replaced(self):
        """Short forms, initials, honorifics, first and last names, archived contacts, other members, the
        facilitator, e-mails, domains, websites and phones: none of them survives."""
        case_study = self._anonymized_case_study(
            formation=Markup(
                "<p>PT&nbsp;<strong>Nusa</strong>  Telekomunikasi Indonesia met Harapan &amp; Sehat Farma. "
                "Nusa Telekomunikasi (NTI) then wrote to info@nusatel.co.id and nusatel-group.com, "
                "phone 021-5550-1234. Ibu Siti and Siti Rahmawati agreed with Pak Togar; "
                "Yayasan Cahaya Pelita Bangsa joined, and Wulan Kusumawardhani facilitated.</p>"
            ),
        )
        printed = self._printed(case_study)
        self.assertIsInstance(printed, Markup)
        text = self.env["hbri.anonymizer"]._html_text(printed)
        for identifying in (
            "Nusa",
            "NTI",
            "Harapan",
            "nusatel",
            "5550",
            "Siti",
            "Rahmawati",
            "Togar",
            "Cahaya Pelita",
            "Wulan",
            "Kusumawardhani",
        ):
            self.assertNotIn(identifying, text)
        self.assertIn("<strong>", printed, "the markup stays")
        self.assertIn("member company", text)
        self.assertIn("national NGO", text)

    def test_every_form_of_a_former_name_stays_hidden(self):
        """Renamed, an organization and a person keep every form their former name gave hidden (the former name
        becomes a "Former Name" alias, which gives the same forms as a name): the case study prints the same."""
        case_study = self._anonymized_case_study(
            formation=Markup(
                "<p>Nusa Telekomunikasi (NTI) met Ibu Siti; Siti Rahmawati and Pak Togar agreed, and Nusa "
                "Telekomunikasi Indonesia wrote to info@nusatel.co.id.</p>"
            ),
        )
        before = self._printed(case_study)
        self.org_nusa.with_user(self.user_secretariat).write({"name": "PT Kilat Data Nusantara Tbk"})
        self.rep_nusa.with_user(self.user_secretariat).write({"name": "Dewi Lestari"})
        after = self._printed(case_study)
        self.assertEqual(after, before)
        text = self.env["hbri.anonymizer"]._html_text(after)
        for identifying in ("Nusa", "NTI", "Siti", "Rahmawati", "nusatel"):
            self.assertNotIn(identifying, text)
        former = self.env["hbri.partner.alias"].search([("partner_id", "in", (self.org_nusa | self.rep_nusa).ids)])
        self.assertEqual(set(former.mapped("kind")), {"former"})

    def test_same_label_throughout_numbered_by_kind(self):
        case_study = self._anonymized_case_study(
            name="PT Nusa Telekomunikasi Indonesia and Harapan & Sehat Farma",
            formation=Markup("<p>Harapan &amp; Sehat Farma first, then PT Nusa Telekomunikasi Indonesia.</p>"),
            results=Markup("<p>Nusa Telekomunikasi grew.</p>"),
        )
        values = case_study._get_print_values_batch()[case_study.id]
        title = values["name"]
        self.assertNotIn("Nusa", title)
        self.assertRegex(title, r"member company [A-Z] and member company [A-Z]")
        nusa_label = title.split(" and ")[0]
        amp_label = title.split(" and ")[1]
        self.assertNotEqual(nusa_label, amp_label)
        self.assertIn(f"{amp_label} first, then {nusa_label}.", values["formation"])
        self.assertIn(f"{nusa_label} grew.", values["results"])

    def test_no_match_inside_longer_words_and_labels_escaped(self):
        self.sector_business.anonymous_label = "a <firm> & co \\1"
        org = self.env["res.partner"].create(
            {"name": "PT Anta", "is_company": True, "hbri_sector_id": self.sector_business.id}
        )
        case_study = self._anonymized_case_study(
            partner_ids=[(4, org.id)],
            formation=Markup("<p>Antara kita, PT Anta menang.</p>"),
        )
        printed = self._printed(case_study)
        self.assertIn("Antara kita", printed, "a name inside a longer word is not a match")
        self.assertIn("&lt;firm&gt; &amp; co \\1", printed, "labels are escaped and read literally")
        self.assertNotIn("PT Anta", printed)
        self.assertNotIn("<firm>", printed)

    def test_alias_and_company_legal_forms(self):
        self.env["hbri.partner.alias"].with_user(self.user_secretariat).create(
            {"name": "TeleNusa", "partner_id": self.org_nusa.id, "kind": "brand"}
        )
        self.env.company.hbri_legal_form_words = "PT, Tbk, Paguyuban"
        org = self.env["res.partner"].create(
            {"name": "Paguyuban Rimbawan Sejati", "is_company": True, "hbri_sector_id": self.sector_ngo.id}
        )
        case_study = self._anonymized_case_study(
            formation=Markup("<p>The brand TeleNusa and Rimbawan Sejati worked together.</p>")
        )
        text = self.env["hbri.anonymizer"]._html_text(self._printed(case_study))
        self.assertNotIn("TeleNusa", text)
        self.assertNotIn("Rimbawan", text)
        self.assertTrue(org)

    def test_alias_edits_by_secretariat_only(self):
        with self.assertRaises(AccessError):
            self.env["hbri.partner.alias"].with_user(self.user_staff).create(
                {"name": "TeleNusa", "partner_id": self.org_nusa.id}
            )
        with self.assertRaises(ValidationError):
            self.env["hbri.partner.alias"].with_user(self.user_secretariat).create(
                {"name": "--", "partner_id": self.org_nusa.id}
            )

    def test_ordinary_words_are_not_generated(self):
        """A name made of ordinary words yields no short form: the forum's texts keep their words."""
        self.env["res.partner"].create(
            {"name": "Yayasan Kesehatan Ibu Anak", "is_company": True, "hbri_sector_id": self.sector_ngo.id}
        )
        case_study = self._anonymized_case_study(
            formation=Markup("<p>Kesehatan ibu dan anak improved across the district.</p>")
        )
        self.assertIn("Kesehatan ibu dan anak improved", self._printed(case_study))

    def test_printed_title_everywhere(self):
        case_study = self._anonymized_case_study(name="Nusa Telekomunikasi clinic with Siti Rahmawati")
        title = case_study._get_printed_title()
        self.assertNotIn("Nusa", title)
        self.assertNotIn("Siti", title)
        report = self.env.ref("hbri_partnership.action_report_hbri_case_study")
        file_name = safe_eval(report.print_report_name, {"object": case_study})
        self.assertNotIn("Nusa", file_name)
        self.assertIn(title, file_name)
        pdf_title = report._get_hbri_case_study_pdf_title(case_study.ids)
        self.assertNotIn("Nusa", pdf_title)

    def test_preview_highlights_and_lists_hits(self):
        case_study = self._anonymized_case_study(
            formation=Markup("<p>PT Nusa Telekomunikasi Indonesia met PT Maju Mundur.</p>")
        )
        case_study.invalidate_recordset()
        self.assertIn("<mark>", case_study.anonymized_preview)
        self.assertNotIn("Telekomunikasi", case_study.anonymized_preview)
        self.assertEqual(case_study.anonymization_hit_count, 1, "an unknown 'PT …' is a residual hit")
        self.assertIn("PT Maju", case_study.anonymization_hits_html)


class TestHbriAnonymizationGate(HbriAnonymizationCommon):
    def _hit_case_study(self):
        case_study = self._anonymized_case_study(
            formation=Markup("<p>A member company met Ibu Kartini Wibisono from PT Maju Mundur.</p>")
        )
        case_study.action_submit_review()
        return case_study

    def test_gate_refuses_until_marked_and_logs_the_mark(self):
        case_study = self._hit_case_study()
        with self.assertRaisesText(UserError, "PT Maju"):
            case_study.with_user(self.user_secretariat).action_request_approval()
        self.assertEqual(case_study.state, "review")
        hits = case_study._get_anonymization_hits()[case_study.id]
        self.assertEqual({h["text"] for h in hits}, {"Ibu Kartini", "PT Maju"})
        case_study.with_user(self.user_secretariat).action_mark_anonymization_hits(["PT Maju"])
        with self.assertRaisesText(UserError, "Ibu Kartini"):
            case_study.with_user(self.user_secretariat).action_request_approval()
        wizard_action = case_study.with_user(self.user_facilitator).action_review_anonymization_hits()
        wizard = self.env["hbri.anonymization.review"].browse(wizard_action["res_id"]).with_user(self.user_facilitator)
        wizard.line_ids.harmless = True
        wizard.action_mark_harmless()
        case_study.with_user(self.user_secretariat).action_request_approval()
        self.assertEqual(case_study.state, "awaiting")
        marks = case_study.anonymization_mark_ids
        self.assertEqual(set(marks.mapped("matched_text")), {"PT Maju", "Ibu Kartini"})
        self.assertEqual(marks.user_id, self.user_secretariat | self.user_facilitator)
        self.assertTrue(all(marks.mapped("date")))
        self.assertTrue(any("Marked harmless" in str(body) for body in case_study.message_ids.mapped("body")))

    def test_fixing_the_text_opens_the_gate(self):
        case_study = self._hit_case_study()
        with self.assertRaises(UserError):
            case_study.action_request_approval()
        case_study.formation = Markup("<p>A member company met a local leader.</p>")
        case_study.action_request_approval()
        self.assertEqual(case_study.state, "awaiting")

    def test_gate_blocks_publish_and_printing_outside_secretariat(self):
        case_study = self._hit_case_study()
        case_study.action_mark_anonymization_hits(["PT Maju", "Ibu Kartini"])
        case_study.results = Markup("<p>Bambang and Joko helped.</p>")
        case_study.action_request_approval()
        self._consent(case_study, self.org_company, self.rep_company, name=False)
        self._consent(case_study, self.org_ngo, self.rep_ngo, name=False)
        case_study.action_approve()
        # the content cannot change after approval, but the dictionary can: a person the text names by their
        # given name is recorded after the approval, publication waits until the hit is fixed or marked
        self.env["res.partner"].create({"name": "Bambang Sutrisno", "parent_id": self.org_other.id})
        with self.assertRaisesText(UserError, "Bambang"):
            case_study.with_user(self.user_manager).action_publish()
        self.assertEqual(case_study.state, "approved")
        case_study.action_mark_anonymization_hits(["Bambang"])
        case_study.with_user(self.user_manager).action_publish()
        self.env["res.partner"].create({"name": "Joko Prasetyo", "parent_id": self.org_other.id})
        report = self.env["report.hbri_partnership.report_hbri_case_study"]
        with self.assertRaisesText(UserError, "Joko"):
            report.with_user(self.user_staff)._get_report_values(case_study.ids)
        # the secretariat still prints it, to fix it
        report.with_user(self.user_secretariat)._get_report_values(case_study.ids)

    def test_marks_only_through_the_action(self):
        case_study = self._hit_case_study()
        Mark = self.env["hbri.case.study.anonymization.mark"]
        for user in (self.user_secretariat, self.user_facilitator, self.user_staff):
            with self.assertRaises(AccessError):
                Mark.with_user(user).create(
                    {
                        "case_study_id": case_study.id,
                        "matched_text": "PT Maju",
                        "match_key": "pt maju",
                        "user_id": self.user_manager.id,
                        "date": "2020-01-01 00:00:00",
                    }
                )
        outsider = new_test_user(
            self.env,
            login="hbri_other_facilitator",
            groups="base.group_user,hbri_partnership.hbri_partnership_group_facilitator",
        )
        with self.assertRaises(AccessError):
            case_study.with_user(outsider).action_mark_anonymization_hits(["PT Maju"])
        with self.assertRaises(AccessError):
            case_study.with_user(self.user_staff).action_mark_anonymization_hits(["PT Maju"])
        mark = case_study.with_user(self.user_facilitator).action_mark_anonymization_hits(["PT Maju"])
        with self.assertRaises(AccessError):
            mark.with_user(self.user_secretariat).write({"user_id": self.user_manager.id})
        with self.assertRaisesText(UserError, "no longer residual hits"):
            case_study.action_mark_anonymization_hits(["something else"])

    def test_marks_read_by_writers_only(self):
        case_study = self._hit_case_study()
        case_study.action_mark_anonymization_hits(["PT Maju"])
        marks = case_study.with_user(self.user_facilitator).anonymization_mark_ids
        self.assertEqual(marks.matched_text, "PT Maju")
        with self.assertRaises(AccessError):
            self.env["hbri.case.study.anonymization.mark"].with_user(self.user_staff).search([])

    def test_named_case_study_is_not_gated(self):
        case_study = self._approved(named=True, results=Markup("<p>Bambang helped.</p>"))
        self.env["res.partner"].create({"name": "Bambang Sutrisno", "parent_id": self.org_other.id})
        case_study.with_user(self.user_manager).action_publish()
        self.assertEqual(case_study.state, "published")
