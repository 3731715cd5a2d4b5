# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64

from odoo.tests import HttpCase, tagged
from odoo.tools import SQL

from .test_hbri_printed_values import HbriPrintedCommon

TITLE = "Clinics screen women in Bogor"
TITLE_ID = "Klinik memeriksa perempuan di Bogor"
PO = f"""msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

#. module: hbri_partnership
#: model:hbri.case.study,name:hbri_partnership.hbri_test_printed_translation
msgid "{TITLE}"
msgstr "{TITLE_ID}"
"""


@tagged("post_install", "-at_install", "hbri_partnership")
class TestHbriPrintedTranslations(HbriPrintedCommon, HttpCase):
    """Translations loaded from a file bypass the ORM: the member portal and the library print them at once, not
    the text kept before the load."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("id_ID")
        cls.case_study = cls._awaiting(name=TITLE)
        cls.env.cr.execute(SQL("UPDATE hbri_case_study SET print_language = 'id_ID' WHERE id = %s", cls.case_study.id))
        cls.env.invalidate_all()

    def _printed_title(self):
        self.env.invalidate_all()
        return self.case_study.sudo()._get_printed_list_values()[self.case_study.id]["name"]

    def _kept_before_the_load(self):
        self._signal_commit()
        self.assertEqual(self._printed_title(), TITLE)
        self.assertEqual(self._row(self.case_study)[0], TITLE, "the printed title was not kept")

    def test_translation_imported_from_settings_prints_at_once(self):
        self._kept_before_the_load()
        self.env["ir.model.data"].create(
            {
                "module": "hbri_partnership",
                "name": "hbri_test_printed_translation",
                "model": "hbri.case.study",
                "res_id": self.case_study.id,
            }
        )
        self.env["base.language.import"].create(
            {
                "name": "Indonesian",
                "code": "id_ID",
                "filename": "id.po",
                "data": base64.b64encode(PO.encode()),
            }
        ).import_lang()
        self.assertEqual(self.case_study.with_context(lang="id_ID").name, TITLE_ID)
        self.assertEqual(self._printed_title(), TITLE_ID)

    def test_module_translations_loaded_print_at_once(self):
        self._kept_before_the_load()
        # what a module's .po does to a record it translates: the column written without the ORM
        self.env.cr.execute(
            SQL(
                "UPDATE hbri_case_study SET name = name || jsonb_build_object('id_ID', %s::text) WHERE id = %s",
                TITLE_ID,
                self.case_study.id,
            )
        )
        self.env["ir.module.module"]._load_module_terms(["hbri_partnership"], ["id_ID"])
        self.assertEqual(self._printed_title(), TITLE_ID)
