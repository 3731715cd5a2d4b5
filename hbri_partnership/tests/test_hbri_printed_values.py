# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
from datetime import date
from unittest.mock import patch

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import SQL, mute_logger

from .common import HbriPartnershipCommon
from .common_anonymization import HbriKeptDictionaryMixin


class HbriPrintedCommon(HbriKeptDictionaryMixin, HbriPartnershipCommon):
    """Case studies awaiting the members' approval, anonymized (no consent yet): the portal lists them by the
    title they print."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._create_membership(cls.org_company, date(2020, 1, 1), state="active")
        cls.Printed = cls.env["hbri.case.study.printed"]

    @classmethod
    def _awaiting(cls, count=1, name="{org} screens women in Bogor"):
        case_studies = cls.env["hbri.case.study"].create(
            [
                {
                    "name": name.format(org=cls.org_company.name, index=index),
                    "partner_ids": [(6, 0, cls.org_company.ids)],
                    "print_language": "en_US",
                    "background": f"<p>{cls.org_company.name} and its clinics in Bogor.</p>",
                }
                for index in range(count)
            ]
        )
        cls.env.cr.execute(SQL("UPDATE hbri_case_study SET state = 'awaiting' WHERE id = ANY(%s)", case_studies.ids))
        cls.env.invalidate_all()
        return case_studies

    def _row(self, case_study):
        self.env.flush_all()
        self.env.cr.execute(
            SQL("SELECT name, stamp FROM hbri_case_study_printed WHERE case_study_id = %s", case_study.id)
        )
        return self.env.cr.fetchone()


@tagged("post_install", "-at_install", "hbri_partnership")
class TestHbriCaseStudyPrinted(HbriPrintedCommon, HttpCase):
    """HttpCase for its registry in test mode: the dictionary, read in a cursor of its own, sees the test's data."""

    def _printed(self, case_study):
        return case_study.sudo()._get_printed_list_values()[case_study.id]

    def test_kept_once_then_read_without_anonymizing(self):
        case_study = self._awaiting()
        self._signal_commit()
        anonymizer = type(self.env["hbri.anonymizer"])
        with patch.object(anonymizer, "_replace_text", autospec=True, side_effect=anonymizer._replace_text) as spy:
            first = self._printed(case_study)
            self.assertTrue(spy.called)
        self.assertEqual(first["name"], "a member company screens women in Bogor")
        self.assertEqual(first["summary"], "a member company and its clinics in Bogor.")
        self.assertEqual(first["partners"], ["a member company"])
        self.assertTrue(first["anonymized"])
        self.assertEqual(self._row(case_study)[0], "a member company screens women in Bogor")
        self.env.invalidate_all()
        with (
            patch.object(anonymizer, "_replace_text", autospec=True, side_effect=anonymizer._replace_text) as text,
            patch.object(anonymizer, "_replace_html", autospec=True, side_effect=anonymizer._replace_html) as html,
        ):
            second = self._printed(case_study)
            self.assertFalse(text.called or html.called, "the kept printed values were anonymized again")
        self.assertEqual(second["name"], first["name"])
        self.assertEqual(second["summary"], first["summary"])

    def test_content_change_prints_the_new_content(self):
        case_study = self._awaiting()
        self._signal_commit()
        self._printed(case_study)
        # the secretariat corrects the title (the case study goes back to review, the text is the new one)
        case_study.with_user(self.user_secretariat).write({"name": f"{self.org_company.name} vaccinates in Depok"})
        self.assertEqual(self._printed(case_study)["name"], "a member company vaccinates in Depok")
        # writers in the back office read the case study live, the raw title
        self.assertEqual(case_study.with_user(self.user_secretariat).name, "PT Uji Coba vaccinates in Depok")

    def test_organization_renamed_changes_the_printed_title_at_once(self):
        case_study = self._awaiting(name="{org} works with Mitra Sehat in Bogor")
        self._signal_commit()
        self.assertEqual(self._printed(case_study)["name"], "a member company works with Mitra Sehat in Bogor")
        kept_stamp = self._row(case_study)[1]
        # another organization, not one of the case study's, takes the name its title mentions: known now
        other = self.env["res.partner"].create(
            {"name": "Yayasan Lain", "is_company": True, "hbri_sector_id": self.sector_ngo.id}
        )
        self._signal_commit()
        self._printed(case_study)
        other.with_user(self.user_secretariat).name = "Mitra Sehat"
        # in the renaming transaction (not committed yet): printed live, nothing kept from the old dictionary
        renamed = self._printed(case_study)["name"]
        self.assertNotIn("Mitra Sehat", renamed)
        self.assertIn("a member company works with", renamed)
        # once committed and signalled: the kept row is recomputed for the new dictionary
        self._signal_commit()
        self.assertEqual(self._printed(case_study)["name"], renamed)
        name, stamp = self._row(case_study)
        self.assertEqual(name, renamed)
        self.assertNotEqual(stamp, kept_stamp)

    def test_sector_label_changed_prints_the_new_label(self):
        self.env["res.partner"].create(
            {"name": "Mitra Sehat", "is_company": True, "hbri_sector_id": self.sector_ngo.id}
        )
        case_study = self._awaiting(name="{org} works with Mitra Sehat in Bogor")
        self._signal_commit()
        self.assertEqual(self._printed(case_study)["name"], "a member company works with a national NGO in Bogor")
        # the label of a sector the case study's own organizations are not in: the fingerprint does not cover it
        self.sector_ngo.with_user(self.user_manager).anonymous_label = "a local foundation"
        self.assertEqual(self._printed(case_study)["name"], "a member company works with a local foundation in Bogor")
        self.assertEqual(self._row(case_study)[0], "a member company works with a local foundation in Bogor")

    def test_one_query_for_the_kept_rows_whatever_their_number(self):
        def queries(case_studies):
            case_studies.sudo()._get_printed_list_values()  # computes and keeps
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            values = case_studies.sudo()._get_printed_list_values()
            self.assertEqual(len(values), len(case_studies))
            return self.env.cr.sql_log_count - before

        self._signal_commit()
        few = queries(self._awaiting(5, name="{org} case {index}"))
        many = queries(self._awaiting(50, name="{org} study {index}"))
        self.assertEqual(many, few, "reading the kept printed values grows with the number of case studies")

    def test_named_case_study_prints_names(self):
        case_study = self._awaiting()
        self.env["hbri.consent"].create(
            {
                "case_study_id": case_study.id,
                "partner_id": self.org_company.id,
                "representative_id": self.rep_company.id,
                "scope_name": True,
                "scope_publish": True,
                "evidence_file": base64.b64encode(b"%PDF-1.4 signed form"),
                "evidence_filename": "signed.pdf",
            }
        )
        self._signal_commit()
        printed = self._printed(case_study)
        self.assertFalse(printed["anonymized"])
        self.assertEqual(printed["name"], "PT Uji Coba screens women in Bogor")

    @mute_logger("odoo.models", "odoo.addons.base.models.ir_model", "odoo.addons.base.models.ir_rule")
    def test_nobody_reads_more_through_the_printed_values(self):
        case_study = self._awaiting()
        self._signal_commit()
        self._printed(case_study)
        row = self.Printed.search([("case_study_id", "=", case_study.id)])
        self.assertEqual(len(row), 1)
        portal = new_test_user(self.env, login="hbri_printed_portal", groups="base.group_portal")
        public = self.env.ref("base.public_user")
        facilitator = new_test_user(
            self.env,
            login="hbri_printed_facilitator",
            groups="base.group_user,hbri_partnership.hbri_partnership_group_facilitator",
        )
        for user in (public, portal, self.user_internal, self.user_staff, facilitator):
            Printed = self.Printed.with_user(user)
            with self.assertRaises(AccessError, msg=user.login):
                Printed.search([])
            with self.assertRaises(AccessError, msg=user.login):
                row.with_user(user).read(["name"])
        for user in (public, portal, self.user_staff, facilitator, self.user_secretariat, self.user_manager):
            Printed = self.Printed.with_user(user)
            with self.assertRaises(AccessError, msg=user.login):
                Printed.create({"case_study_id": case_study.id, "lang": "en_US", "fingerprint": "x", "name": "Fake"})
            with self.assertRaises(AccessError, msg=user.login):
                row.with_user(user).write({"name": "Fake"})
            with self.assertRaises(AccessError, msg=user.login):
                row.with_user(user).unlink()
            result = Printed.load(
                ["case_study_id/.id", "lang", "fingerprint", "name"], [[str(case_study.id), "de", "x", "F"]]
            )
            self.assertFalse(result["ids"], user.login)
        # the secretariat reads what it reads of the case study itself: not once it holds off-the-record notes,
        # nor in a company it does not work in
        self.assertEqual(row.with_user(self.user_secretariat).name, "a member company screens women in Bogor")
        self.env.cr.execute(SQL("UPDATE hbri_case_study SET includes_notes = TRUE WHERE id = %s", case_study.id))
        self.env.invalidate_all()
        self.assertFalse(self.Printed.with_user(self.user_secretariat).search([("id", "=", row.id)]))
        self.env.cr.execute(SQL("UPDATE hbri_case_study SET includes_notes = FALSE WHERE id = %s", case_study.id))
        other_company = self.env["res.company"].create({"name": "Other Secretariat"})
        case_study.sudo().company_id = other_company
        self.env.invalidate_all()
        self.assertFalse(self.Printed.with_user(self.user_secretariat).search([("id", "=", row.id)]))


@tagged("post_install", "-at_install", "hbri_partnership")
class TestHbriPrintedPortalRequests(HbriPrintedCommon, HttpCase):
    """/my/roundtable reads the kept printed titles: the same queries with 5 or 50 case studies to approve."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        new_test_user(cls.env, login="hbri_printed_rep", groups="base.group_portal", partner_id=cls.rep_company.id)

    def _request(self):
        self.url_open("/my/roundtable")  # computes and keeps the printed values of new case studies
        before = self.cr.sql_log_count
        response = self.url_open("/my/roundtable")
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("PT Uji Coba case", response.text)
        return self.cr.sql_log_count - before, response.text

    def test_portal_page_queries_constant(self):
        self._awaiting(5, name="{org} case {index} of the roundtable")
        self._signal_commit()
        self.authenticate("hbri_printed_rep", "hbri_printed_rep")
        few, html = self._request()
        self.assertEqual(html.count("a member company case"), 5)
        self._awaiting(45, name="{org} case {index} of the roundtable")
        self._signal_commit()
        many, html = self._request()
        self.assertEqual(html.count("a member company case"), 50)
        self.assertEqual(many, few, "the portal page's queries grow with the number of case studies")
