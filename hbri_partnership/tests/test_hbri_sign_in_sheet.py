# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re

from lxml import html as lxml_html

from odoo.tests import HttpCase, tagged

from .common import pdf_to_text
from .test_hbri_session_documents import SIGN_IN, HbriSessionDocumentsCommon

COLUMNS = {
    "en_US": ["#", "Name", "Organization", "Role", "Signature"],
    "id_ID": ["#", "Nama", "Organisasi", "Peran", "Tanda Tangan"],
}


def _style_value(style, name):
    match = re.search(rf"(?:^|;)\s*{name}\s*:\s*([\d.]+)\s*(%|px)", style or "")
    return (float(match.group(1)), match.group(2)) if match else (None, None)


@tagged("post_install", "-at_install", "hbri_partnership")
class TestHbriSignInSheet(HbriSessionDocumentsCommon, HttpCase):
    """The sheet a facilitator hands round: the columns they need in a sensible order, one row per person
    expected at the session, room to sign; in the session's language."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("id_ID")
        cls.declined = cls.env["res.partner"].create({"name": "Dodi Declined", "parent_id": cls.org_ngo.id})
        cls.env["hbri.session.attendee"].create(
            {"session_id": cls.rt_session.id, "partner_id": cls.declined.id, "role": "member", "state": "declined"}
        )
        cls.expected = cls.rt_session.attendee_ids.filtered(lambda a: a.state != "declined")

    def _table(self, lang):
        self.rt_session.language = lang
        html = self.env(user=self.user_staff)["ir.actions.report"]._render_qweb_html(SIGN_IN, self.rt_session.ids)[0]
        return lxml_html.fromstring(html).xpath("//table[contains(@class, 'hbri-sign-in-table')]")[0]

    def test_columns_rows_and_room_to_sign(self):
        for lang, columns in COLUMNS.items():
            with self.subTest(lang=lang):
                table = self._table(lang)
                headers = table.xpath("./thead/tr/th")
                self.assertEqual([th.text_content().strip() for th in headers], columns)
                widths = [_style_value(th.get("style"), "width") for th in headers]
                self.assertTrue(all(unit == "%" for _value, unit in widths), widths)
                self.assertLessEqual(sum(value for value, _unit in widths), 100)
                signature = widths[-1][0]
                self.assertGreaterEqual(signature, 30, "room for a signature: a third of the page at least")
                self.assertEqual(signature, max(value for value, _unit in widths), "the widest column")
                rows = table.xpath("./tbody/tr")
                self.assertEqual(len(rows), len(self.expected), "one row per person expected, declined ones aside")
                names = [row.xpath("./td")[1].text_content().strip() for row in rows]
                self.assertCountEqual(names, self.expected.partner_id.mapped("name"))
                self.assertNotIn("Dodi Declined", names)
                for row in rows:
                    cells = row.xpath("./td")
                    self.assertEqual(len(cells), len(columns))
                    self.assertEqual(cells[-1].text_content().strip(), "", "the signature cell is left blank")
                    height, unit = _style_value(row.get("style"), "height")
                    self.assertEqual(unit, "px")
                    self.assertGreaterEqual(height, 50, "a row tall enough to sign in")
                # numbered in order, organization shown beside the person, role in the sheet's language
                self.assertEqual([row.xpath("./td")[0].text_content().strip() for row in rows], ["1", "2", "3"])
                role = rows[0].xpath("./td")[3].text_content().strip()
                self.assertEqual(role, "Penyaji" if lang == "id_ID" else "Presenter")

    def test_printed_sheet_reads_in_columns(self):
        """In the PDF, the headings sit on one line in their order, and each person's row reads across."""
        for lang, columns in COLUMNS.items():
            with self.subTest(lang=lang):
                self.rt_session.language = lang
                text = pdf_to_text(self.render_pdf(SIGN_IN, self.rt_session, self.user_staff))
                heading = next(line for line in text.splitlines() if columns[-1] in line and columns[1] in line)
                positions = [heading.index(column) for column in columns[1:]]
                self.assertEqual(positions, sorted(positions), heading)
                # the signature column starts past the middle of the line: the widest one, on the right
                self.assertGreater(positions[-1], len(heading.rstrip()) // 2)
                row = next(line for line in text.splitlines() if "Ayu Representative" in line)
                self.assertRegex(row, r"1\s+Ayu Representative\s+PT Uji Coba\s+(Presenter|Penyaji)")
                self.assertNotIn("Dodi Declined", text)
                for name in self.expected.partner_id.mapped("name"):
                    self.assertIn(name, text)
