# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The word n-gram tables of the anonymization engine: what they find does not depend on the hash function."""

from unittest.mock import patch

from odoo.tests import TransactionCase

from ..models import hbri_anonymizer
from ..models.hbri_anonymizer import DEFAULT_LEGAL_FORMS, AnonymizationDictionary

LEGAL_FORMS = [word.strip() for word in DEFAULT_LEGAL_FORMS.split(",")]
# (id, name, is_company, email, website, phone, sector id)
ROWS = [
    (11, "PT Nusa Telekomunikasi Indonesia Tbk", True, "info@nusatel.co.id", "https://www.nusatel-group.com", False, 7),
    (12, "Siti Aminah Rahmawati", False, "siti.aminah@nusatel.co.id", False, "+62 21 5550 1234", 7),
    (13, "Koperasi Tani Makmur Sejahtera Bersama Jaya", True, False, False, False, False),
    (14, "Dr. Bambang Sutrisno, M.Kes.", False, False, False, False, 8),
    (15, "Harapan & Sehat Farma", True, False, False, False, 8),
    (16, "Yayasan Tani Sejahtera", True, False, False, False, 8),
    (17, "Andi Wijaya", False, False, False, False, False),
]
ALIASES = [
    (11, "NusaTel (Persero)"),
    (15, "H&S."),
    (13, "satu dua tiga empat lima enam tujuh delapan sembilan sepuluh sebelas dua belas"),
]
TEXT = (
    "Opening remarks.  PT Nusa\u00a0Telekomunikasi Indonesia Tbk worked with\tIbu Siti and Dr. Bambang Sutrisno, "
    "M.Kes. on the referral pathway; NusaTel (Persero) paid, H&S. supplied, and Yayasan Tani Sejahtera trained "
    "cadres.\nWrite to siti.aminah@nusatel.co.id or visit www.nusatel-group.com, call +62 (21) 5550-1234.\n"
    "Satu dua tiga empat lima enam tujuh delapan sembilan sepuluh sebelas dua belas was their motto; "
    "Andi Wijaya and Harapan &amp; nobody else. Koperasi Tani Makmur Sejahtera Bersama Jaya closed."
)
EXPECTED = [
    ("PT Nusa\u00a0Telekomunikasi Indonesia Tbk", 11),
    ("Ibu Siti", 12),
    ("Dr. Bambang Sutrisno, M.Kes.", 14),
    ("NusaTel (Persero)", 11),
    ("H&S.", 15),
    ("Yayasan Tani Sejahtera", 16),
    ("siti.aminah@nusatel.co.id", 12),
    ("nusatel-group.com", 11),
    ("+62 (21) 5550-1234", 12),
    ("Satu dua tiga empat lima enam tujuh delapan sembilan sepuluh sebelas dua belas", 13),
    ("Andi Wijaya", 17),
    ("Koperasi Tani Makmur Sejahtera Bersama Jaya", 13),
]


def _colliding_hash(value):
    """A hash function under which most words and n-grams collide (a few buckets only)."""
    return len(value) % 3


class TestHbriAnonymizationHashing(TransactionCase):
    def _found(self, dictionary, text=TEXT):
        return [(text[start:end], keys[0]) for start, end, keys in dictionary.find_in(text)]

    def test_forms_found_with_their_exact_text(self):
        """Every form is found where the text has it, with the characters of the original text (spaces, nbsp,
        tabs, line breaks and punctuation at either end of the form included), and nothing else."""
        dictionary = AnonymizationDictionary.from_rows(LEGAL_FORMS, ROWS, ALIASES)
        self.assertEqual(self._found(dictionary), EXPECTED)

    def test_hash_collisions_neither_hide_nor_add_a_name(self):
        """Forms are looked up by the hash of their words: when every word and n-gram collides with others,
        each hit is compared with the stored form, so the same names are found, and no ordinary word is taken
        for a name."""
        with patch.object(hbri_anonymizer, "hash", _colliding_hash, create=True):
            dictionary = AnonymizationDictionary.from_rows(LEGAL_FORMS, ROWS, ALIASES)
            self.assertEqual(self._found(dictionary), EXPECTED)
            self.assertEqual(self._found(dictionary, "The cadres met on Monday in the district."), [])
            hits = dictionary.residual_hits("The cadres met Siti and Rahmawati on Monday.")
        self.assertEqual([(hit["text"], hit["partner_id"]) for hit in hits], [("Siti", 12), ("Rahmawati", 12)])

    def test_word_boundaries_and_longest_form(self):
        """A form matches whole words only (not inside a longer word: an e-mail address inside a longer one is
        not found, its domain is), and of overlapping forms the longest wins."""
        dictionary = AnonymizationDictionary.from_rows(LEGAL_FORMS, ROWS, ALIASES)
        text = "Koperasi Tani Makmur Sejahtera Bersama Jayabaya; xsiti.aminah@nusatel.co.id; Andi Wijayanto."
        self.assertEqual(
            self._found(dictionary, text),
            [("Koperasi Tani Makmur Sejahtera Bersama", 13), ("nusatel.co.id", 11)],
        )
        text = "Yayasan Tani Sejahtera and Koperasi Tani Makmur Sejahtera Bersama Jaya"
        self.assertEqual(
            self._found(dictionary, text),
            [("Yayasan Tani Sejahtera", 16), ("Koperasi Tani Makmur Sejahtera Bersama Jaya", 13)],
        )

    def test_positions_after_folding(self):
        """Where a name is found is told in the original text whatever normalization did before: accents
        and typographic quotes (one character for one), invisible characters and ligatures (fewer or more
        characters), collapsed whitespace."""
        rows = [(21, "Ma'ruf Effendi", False, False, False, False, False)]
        dictionary = AnonymizationDictionary.from_rows(LEGAL_FORMS, rows)
        for text, name in (
            ("Met  \n MA\u2019RUF   Effendi\u00a0today", "MA\u2019RUF   Effendi"),
            ("Met M\u00e1\u2019r\u00fcf Effendi today", "M\u00e1\u2019r\u00fcf Effendi"),
            ("Met Ma'ruf E\ufb00\u00adendi today", "Ma'ruf E\ufb00\u00adendi"),
            ("Ma'ruf\u200b Effendi", "Ma'ruf\u200b Effendi"),
        ):
            with self.subTest(text=text):
                self.assertEqual(self._found(dictionary, text), [(name, 21)])

    def test_entities_kept_in_arrays(self):
        """The entities of a dictionary answer like a mapping of partner ids: name, kind and sector."""
        dictionary = AnonymizationDictionary.from_rows(LEGAL_FORMS, ROWS, ALIASES)
        self.assertEqual(len(dictionary.entities), len(ROWS))
        self.assertIn(14, dictionary.entities)
        self.assertNotIn(99, dictionary.entities)
        self.assertNotIn("14", dictionary.entities)
        self.assertIsNone(dictionary.entities.get(99))
        entity = dictionary.entities[14]
        self.assertEqual(
            (entity.key, entity.partner_id, entity.name, entity.kind, entity.sector_id),
            (14, 14, "Dr. Bambang Sutrisno, M.Kes.", "person", 8),
        )
        self.assertEqual((dictionary.entities[13].kind, dictionary.entities[13].sector_id), ("organization", None))
        self.assertEqual(sorted(dictionary.entities), [row[0] for row in ROWS])
