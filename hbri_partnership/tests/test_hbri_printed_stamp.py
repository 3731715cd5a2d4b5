# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
from unittest.mock import patch

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import SQL, mute_logger

from ..models.hbri_case_study import CONTENT_FIELDS, SECTION_FIELDS
from ..models.hbri_case_study_printed import PRINTED_DEPENDS
from .common_anonymization import HbriKeptDictionaryMixin
from .test_hbri_case_study import HbriCaseStudyCommon

# what a page prints of a case study, compared between the kept row and a print computed now
PRINTED_KEYS = (
    "name",
    "period",
    "summary",
    "partners",
    "sectors",
    "themes",
    "partnership",
    "key_figures",
    "sections",
    "consent_names",
    "anonymized",
    "lang",
    "fingerprint",
)


def _write(**values):
    return lambda test, case_study: case_study.write(values)


def _new_org(test, case_study):
    """Set-up: a second organization of the case study's own, the one the change acts on."""
    test.org_extra = test.env["res.partner"].create(
        {"name": "Yayasan Tambahan", "is_company": True, "hbri_sector_id": test.sector_ngo.id}
    )
    case_study.partner_ids = [Command.link(test.org_extra.id)]


def _consent_named(test, case_study):
    test.env["hbri.consent"].create(
        {
            "case_study_id": case_study.id,
            "partner_id": test.org_company.id,
            "representative_id": test.rep_company.id,
            "scope_name": True,
            "scope_publish": True,
            "evidence_file": base64.b64encode(b"%PDF-1.4 signed form"),
            "evidence_filename": "signed.pdf",
        }
    )


# (what changes, set-up before the printed values are kept, the change): every content field and every relation
# the printed values read, each through the path a user takes
CHANGES = [
    ("title", None, _write(name="A new title for the mobile clinic")),
    ("period", None, _write(period="2027–2028")),
    ("key figures", None, _write(key_figures="512 women screened")),
    *(
        (f"section {name}", None, _write(**{name: f"<p>New text of {name} by PT Uji Coba.</p>"}))
        for name in SECTION_FIELDS
    ),
    ("print language", None, _write(print_language="id_ID")),
    (
        "title through the translation dialog",
        None,
        lambda test, c: c.update_field_translations("name", {"en_US": "Translated title of the clinic"}),
    ),
    ("organization added", None, lambda test, c: c.write({"partner_ids": [Command.link(test.org_ngo.id)]})),
    (
        "presentation linked",
        None,
        lambda test, c: c.write({"presentation_ids": [Command.set(test.presentation.ids)]}),
    ),
    ("partnership removed", None, _write(partnership_id=False)),
    ("theme added", None, lambda test, c: c.write({"theme_ids": [Command.link(test.theme_other.id)]})),
    ("organization renamed", _consent_named, lambda test, c: test.org_company.write({"name": "PT Nama Baru"})),
    ("sector renamed", None, lambda test, c: test.sector_business.write({"name": "Private enterprise"})),
    (
        "sector's anonymized label",
        None,
        lambda test, c: test.sector_business.write({"anonymous_label": "a member enterprise"}),
    ),
    ("partnership renamed", None, lambda test, c: test.partnership.write({"name": "Posyandu Keliling"})),
    ("theme renamed", None, lambda test, c: test.theme.write({"name": "Mothers' Health"})),
    ("theme archived", None, lambda test, c: test.theme.write({"active": False})),
    ("consent to be named", None, _consent_named),
]


@tagged("post_install", "-at_install", "hbri_partnership")
class TestHbriPrintedStamp(HbriKeptDictionaryMixin, HbriCaseStudyCommon, HttpCase):
    """Kept printed values count while the case study's printed stamp is the one they were written under: checking
    them computes no fingerprint, and no change of what prints can leave an old text counting.

    HttpCase for its registry in test mode: the dictionary, read in a cursor of its own, sees the test's data."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("id_ID")
        cls.theme = cls.env["hbri.session.theme"].create({"name": "Maternal Health"})
        cls.theme_other = cls.env["hbri.session.theme"].create({"name": "Nutrition"})
        cls.Printed = cls.env["hbri.case.study.printed"]

    def _awaiting(self):
        """A case study awaiting the members' approval (a kept state), anonymized until someone consents."""
        case_study = self.env["hbri.case.study"].create(
            {
                "name": f"{self.org_company.name} screens women in Bogor",
                "partner_ids": [Command.set(self.org_company.ids)],
                "partnership_id": self.partnership.id,
                "theme_ids": [Command.set(self.theme.ids)],
                "print_language": "en_US",
                "period": "2025–2026",
                "key_figures": "240 women screened",
                **{name: f"<p>{self.org_company.name} wrote {name}.</p>" for name in SECTION_FIELDS},
            }
        )
        self._set_awaiting(case_study)
        return case_study

    def _set_awaiting(self, case_study):
        # an edit sends an awaiting case study back to review, which prints live: put it back where the pages keep
        # what they print, as if the members had been asked again (the state is no part of the printed stamp)
        self.env.flush_all()
        self.env.cr.execute(SQL("UPDATE hbri_case_study SET state = 'awaiting' WHERE id = %s", case_study.id))
        self.env.invalidate_all()

    def _printed(self, case_study):
        printed = case_study.sudo()._get_printed_list_values()[case_study.id]
        return {key: printed[key] for key in PRINTED_KEYS}

    def _live(self, case_study):
        """What prints now, computed without the kept rows."""
        langs = {case_study.id: case_study._get_print_lang()}
        computed = self.Printed._hbri_compute(case_study.sudo(), langs)[case_study.id]
        return {key: computed[key] for key in PRINTED_KEYS}

    def _spy(self, name):
        model = type(self.env[name.split(":")[0]])
        method = name.split(":")[1]
        return patch.object(model, method, autospec=True, side_effect=getattr(model, method))

    def test_every_content_field_is_followed(self):
        followed = {path.split(".")[0] for path in PRINTED_DEPENDS}
        self.assertFalse(set(CONTENT_FIELDS) - followed, "a content field does not change the printed stamp")
        self.assertIn("consent_ids", followed, "a consent does not change the printed stamp")

    def test_kept_rows_checked_without_fingerprints(self):
        case_studies = self._awaiting() | self._awaiting()
        self._signal_commit()
        case_studies.sudo()._get_printed_list_values()  # computes and keeps
        self.env.invalidate_all()
        with (
            self._spy("hbri.case.study:_get_consent_fingerprints") as fingerprints,
            self._spy("hbri.case.study.printed:_hbri_compute") as compute,
        ):
            values = case_studies.sudo()._get_printed_list_values()
            self.assertFalse(fingerprints.called, "checking kept rows computed consent fingerprints")
            self.assertFalse(compute.called, "kept rows were printed again")
        self.assertEqual(values[case_studies[0].id]["name"], "a member company screens women in Bogor")
        # the consent fingerprint kept in the row is the one the consents are compared with
        self.assertEqual(values[case_studies[0].id]["fingerprint"], case_studies[0]._get_consent_fingerprint())

    def test_rewritten_rows_compute_the_fingerprint_once(self):
        case_studies = self._awaiting() | self._awaiting()
        self._signal_commit()
        with self._spy("hbri.case.study:_get_consent_fingerprints") as fingerprints:
            case_studies.sudo()._get_printed_list_values()
            self.assertEqual(fingerprints.call_count, 1, "the fingerprints were computed more than once")

    def test_every_change_prints_at_once(self):
        for label, set_up, change in CHANGES:
            with self.subTest(change=label):
                case_study = self._awaiting()
                if set_up:
                    set_up(self, case_study)
                    self._set_awaiting(case_study)
                self._forget_own_changes()
                before = self._printed(case_study)
                self.env.invalidate_all()
                with self._spy("hbri.case.study.printed:_hbri_compute") as compute:
                    self.assertEqual(self._printed(case_study), before)
                    self.assertFalse(compute.called, f"{label}: the kept row was not read")
                change(self, case_study)
                self._set_awaiting(case_study)
                # committed without a new dictionary stamp: only the printed stamp can tell the row is old
                self._forget_own_changes()
                after = self._printed(case_study)
                live = self._live(case_study)
                self.assertEqual(after, live, f"{label}: the page printed an old text")
                self.assertNotEqual(after, before, f"{label}: the change does not show in what prints")
                self.assertEqual(self._printed(case_study), after, f"{label}: the new text was not kept")

    def test_dictionary_signal_prints_at_once(self):
        case_study = self._awaiting()
        case_study.write({"background": "<p>Mothers came to Puskesmas Mawar first.</p>"})
        self._set_awaiting(case_study)
        self._signal_commit()
        self.assertIn("Puskesmas Mawar", self._printed(case_study)["sections"]["background"])
        self.env["res.partner"].create(
            {"name": "Puskesmas Mawar", "is_company": True, "hbri_sector_id": self.sector_public.id}
        )
        self._signal_commit()
        printed = self._printed(case_study)
        self.assertNotIn("Puskesmas Mawar", printed["sections"]["background"])
        self.assertEqual(printed, self._printed(case_study))

    @mute_logger("odoo.models", "odoo.addons.base.models.ir_model")
    def test_nobody_sets_the_printed_stamp(self):
        case_study = self._awaiting()
        self._printed(case_study)
        stamp = case_study.printed_stamp
        self.assertTrue(stamp)
        facilitator = new_test_user(
            self.env,
            login="hbri_stamp_facilitator",
            groups="base.group_user,hbri_partnership.hbri_partnership_group_facilitator",
        )
        for user in (self.user_secretariat, self.user_manager, facilitator, self.env.ref("base.user_admin")):
            CaseStudy = self.env["hbri.case.study"].with_user(user)
            with self.assertRaisesText(UserError, "Printed Stamp cannot be set directly"):
                case_study.with_user(user).write({"printed_stamp": "0"})
            with self.assertRaisesText(UserError, "Printed Stamp cannot be set directly"):
                CaseStudy.create({"name": "Forged", "printed_stamp": stamp})
            with self.assertRaisesText(UserError, "Printed Stamp cannot be set directly"):
                CaseStudy.with_context(default_printed_stamp=stamp).create({"name": "Forged"})
            result = CaseStudy.load([".id", "printed_stamp"], [[str(case_study.id), "0"]])
            self.assertFalse(result["ids"], user.login)
        self.assertEqual(case_study.printed_stamp, stamp)
        # a copy prints on its own stamp
        copy = case_study.copy()
        self.assertTrue(copy.printed_stamp)
        self.assertNotEqual(copy.printed_stamp, stamp)
