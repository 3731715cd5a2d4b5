# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Anonymization engine: who can be recognized in a text, and how to replace them.

The dictionary is built from the database (every organization and person the roundtable knows, with their short
forms, honorific forms, aliases, e-mail addresses, web hosts and phone numbers). Texts are matched after
normalization (HTML unescaped, markup ignored, whitespace and nbsp collapsed, case and accents folded), at word
boundaries, longest match first.

The engine: word n-gram hashing (:class:`FormTable`), not a character automaton. Every match is at word
boundaries, so a form covers whole words of the text: the text is split into words once, each distinct word is
checked against the first words of the forms (a bit filter, then a binary search), and only after such a word
are its n-grams hashed and looked up in a sorted array of 64-bit hashes, every hit compared with the stored form.
Why: the Aho-Corasick trie of pyahocorasick that did the same held 5.8 million nodes for the 600,000 forms of
50,000 organizations and 70,000 people (268-288 MiB kept in every Odoo process); the tables hold some 40 bytes a
form (34 MiB), scan ten pages in a fraction of the time, and need no compiled dependency. Phone numbers are
found by a regular expression and looked up by their last eight digits in a sorted array; e-mail addresses and
web hosts are forms like the others (their words are separated by "@", "." and "-"). Measurements:
docs/anonymization.md.
"""

import bisect
import itertools
import re
import string
import threading
import unicodedata
from array import array
from collections.abc import Mapping
from contextlib import closing
from datetime import timedelta

from lxml import etree
from lxml import html as lxml_html
from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.tools import SQL

DEFAULT_LEGAL_FORMS = (
    "PT, Tbk, CV, Persero, Perum, Perumda, Firma, UD, Koperasi, Yayasan, Perkumpulan, Lembaga, Dinas, UPTD, "
    "Ltd, Inc, LLC, GmbH, Foundation, Association, Co"
)
HONORIFICS = (
    "Bapak",
    "Pak",
    "Ibu",
    "Bu",
    "Sdr.",
    "Sdr",
    "Sdri.",
    "Sdri",
    "Saudara",
    "Saudari",
    "Mbak",
    "Mas",
    "Dr.",
    "Dr",
    "dr.",
    "Prof.",
    "Prof",
    "Mr.",
    "Mr",
    "Mrs.",
    "Mrs",
    "Ms.",
    "Ms",
    "Ir.",
    "Drs.",
    "Dra.",
    "H.",
    "Hj.",
)
# Words too ordinary to stand for anyone on their own: never generated as short forms (aliases still may be).
COMMON_WORDS = frozenset(
    """
    a an and the of for in on at to by with from de di ke dan atau yang untuk dengan dari pada oleh
    bank sehat kesehatan health klinik clinic rumah sakit hospital puskesmas kabupaten kota provinsi daerah
    nasional national indonesia nusantara internasional international universitas university fakultas faculty
    pusat center centre studi study institut institute sekolah school group grup holding company perusahaan
    mitra partner partners kemitraan partnership foundation yayasan lembaga organisasi organization organisation
    masyarakat community komunitas sosial social ibu anak women children mother family keluarga kader
    makmur jaya abadi sentosa sejahtera lestari mandiri utama bersama baru raya indah agung karya
    global asia pacific services service solutions industries industri farma pharma medika medical care
    office kantor dinas balai program project proyek unit team tim forum network jaringan
    persero tbk member anggota public publik swasta private government pemerintah
    putri putra remaja dewi sri ayu wati budi bunga bintang mulia timur barat utara selatan tengah
    """.split()  # noqa: SIM905
)
MIN_FORM_LETTERS = 3
MAX_FORM_LENGTH = 2**16  # longer is no name: never matched
WEAK_MIN_LETTERS = 4
FREQUENT_WORD = 3  # a word in the names of this many entities is not distinctive
ARTICLES = re.compile(r"^(?:a|an|the|sebuah|seorang|suatu|salah satu)\s+", re.IGNORECASE)
SPACES = frozenset(
    " \t\n\r\f\v\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
)
INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")
QUOTES = {"\u2019": "'", "\u2018": "'", "`": "'", "\u02bc": "'", "\u2013": "-", "\u2014": "-"}
MARK_OPEN, MARK_CLOSE = "\ue000", "\ue001"  # private-use characters standing for <mark> while lxml serializes
BLOCK_TAGS = frozenset(
    "p div li ul ol br tr td th table h1 h2 h3 h4 h5 h6 blockquote pre section article header footer hr dt dd".split()  # noqa: SIM905
)
HONORIFIC_FORMS = frozenset(h.lower().rstrip(".") for h in HONORIFICS)
HONORIFIC_BEFORE = re.compile(
    r"(?<![\w.])(?:bapak|pak|ibu|bu|sdri?\.?|saudara|saudari|mbak|mas|"
    r"dr\.?|prof\.?|mrs?\.?|ms\.?|ir\.|drs\.|dra\.|hj?\.) $"
)
PHONE_RE = re.compile(r"\+?\(?\d[\d .()/-]{7,}\d")
EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
HOST_RE = re.compile(
    r"(?:https?://)?(?:www\.)?[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:co\.id|or\.id|go\.id|ac\.id|web\.id|my\.id|"
    r"com|org|net|id|int|edu|gov|io|info|biz)\b(?:/\S*)?",
    re.IGNORECASE,
)


_FOLDED = {}  # character -> its folded form ("" dropped, " " a space)


def _fold(char):
    folded = _FOLDED.get(char)
    if folded is None:
        if char in INVISIBLE:
            folded = ""
        elif char in SPACES or char.isspace():
            folded = " "
        else:
            plain = QUOTES.get(char, char)
            folded = "".join(
                part.casefold() for part in unicodedata.normalize("NFKD", plain) if not unicodedata.combining(part)
            )
        _FOLDED[char] = folded
    return folded


class _Positions:
    """Where each character of a normalized text comes from in the original, without a list of every position:
    runs that map one for one, as (normalized start, original start) in two sorted arrays."""

    __slots__ = ("_norm_starts", "_text_starts")

    def __init__(self, norm_starts, text_starts):
        self._norm_starts = norm_starts
        self._text_starts = text_starts

    def __getitem__(self, position):
        run = bisect.bisect_right(self._norm_starts, position) - 1
        return self._text_starts[run] + position - self._norm_starts[run]


# what collapses: a run of whitespace, a single one at either end, a single one other than a plain space
SPACE_RUN = re.compile(r"\s(?:\s+|(?<=\A\s)|\Z|(?<! ))")
NOT_ASCII = re.compile(r"[^\x00-\x7f]")


class _OneForOne(dict):
    """str.translate table of the characters that fold to exactly one character."""

    def __missing__(self, code):
        folded = _fold(chr(code))
        self[code] = folded if len(folded) == 1 else None
        return self[code]


_ONE_FOR_ONE = _OneForOne()


def normalize(text):
    """(normalized text, index of each normalized character in ``text``: ``index[i]``).

    Case, accents and compatibility forms folded, whitespace (nbsp included) collapsed to one space, invisible
    characters dropped, typographic quotes made plain.
    """
    if text.isascii():
        folded = text.lower().replace("`", "'")
    elif all(_ONE_FOR_ONE[ord(char)] is not None for char in set(NOT_ASCII.findall(text))):
        # accents, nbsp, typographic quotes: one character for one, in C
        folded = text.translate(_ONE_FOR_ONE).lower().replace("`", "'")
    else:
        return _normalize_slowly(text)
    norm_starts, text_starts, pieces = [0], [0], []
    position = length = 0
    for match in SPACE_RUN.finditer(folded):
        start, end = match.span()
        pieces.append(folded[position:start])
        length += start - position
        if start and end < len(folded):  # between words: one space (leading and trailing ones dropped)
            pieces.append(" ")
            norm_starts.append(length)
            text_starts.append(start)
            length += 1
        norm_starts.append(length)
        text_starts.append(end)
        position = end
    if position == 0:
        return folded, _Positions(norm_starts, text_starts)
    pieces.append(folded[position:])
    return "".join(pieces), _Positions(norm_starts, text_starts)


def _normalize_slowly(text):
    """normalize() of a text with characters that fold to none or several (invisible, ligatures, ß)."""
    out = []
    index = []
    space = True
    for position, char in enumerate(text):
        folded = _fold(char)
        if folded == " ":
            if not space:
                out.append(" ")
                index.append(position)
                space = True
        elif folded:
            out.append(folded)
            index.extend([position] * len(folded))
            space = False
    return "".join(out), index


def normalize_form(text):
    if not text:
        return ""
    if text.isascii():
        return " ".join(text.lower().replace("`", "'").split())
    return " ".join("".join(_fold(char) for char in text).split())


def words_of(name):
    """The words of a name, without punctuation around them."""
    return [w.strip(string.punctuation + "\u2019\u2018") for w in (name or "").split() if w.strip(string.punctuation)]


NOT_ALNUM = re.compile(r"[\W_]+")


def letters(form):
    """How many letters and digits ``form`` has."""
    return len(form) if form.isalnum() else len(NOT_ALNUM.sub("", form))


WORD_RE = re.compile(r"[^\W_]+")  # a word: a run of letters and digits (what str.isalnum() accepts)
CORE_RE = re.compile(r"[^\W_](?:.*[^\W_])?", re.DOTALL)  # from the first letter or digit to the last


WORD_SPLIT = re.compile(r"([^\W_]+)")
ASCII_WORD_SPLIT = re.compile(r"([a-zA-Z0-9]+)")  # the same on ASCII text, several times faster


def tokenize(norm):
    """(offsets, hashes, distinct) of the words of normalized text: word ``n`` is
    ``norm[offsets[2n + 1]:offsets[2n + 2]]``, its hash ``hashes[n]``; ``distinct`` the set of the hashes."""
    parts = (ASCII_WORD_SPLIT if norm.isascii() else WORD_SPLIT).split(norm)
    hashes = list(map(hash, parts[1::2]))
    return list(itertools.accumulate(map(len, parts), initial=0)), hashes, set(hashes)


class FormTable:
    """The forms of one kind (normalized strings, each standing for an entity or several), looked up by the
    words of a text.

    A form matched at word boundaries covers whole words of the text: its *core* runs from the first letter of its
    first word to the last letter of its last word, plus whatever punctuation the form has before or after it.
    The table holds, sorted by the 64-bit hash of their core, the forms (in one string, by offsets), their values
    and the hashes; and, sorted by the hash of a core's first word, the largest number of words of a core that
    starts with it. A text is scanned word by word: a word that starts no core costs one binary search, one that
    does looks up its following n-grams up to that many words. Every hit is compared with the stored form, so a
    hash collision can neither add a match nor hide one (equal hashes are all compared).

    Some 40 bytes a form (hash 8, offset 4, value 4, the form's characters), against hundreds of bytes for a
    Python string in a dict or the nodes of a character trie.
    """

    __slots__ = (
        "_first_bits",
        "_first_hashes",
        "_first_mask",
        "_first_words",
        "_forms",
        "_hashes",
        "_offsets",
        "_prefixes",
        "_values",
    )

    def __init__(self, forms, value_of):
        hashes = array("q")
        values = array("i")
        texts = []
        prefixes = {}  # position in texts -> characters before the core (rare: forms are mostly words)
        first_words = {}  # hash of a core's first word -> the largest number of words of such a core
        for form, keys in forms.items():
            if len(form) >= MAX_FORM_LENGTH:  # longer is no name: never matched
                continue
            if form[0].isalnum() and form[-1].isalnum():
                core = form
            else:
                match = CORE_RE.search(form)
                if match is None:
                    continue
                core = match.group()
                if match.start():
                    prefixes[len(texts)] = match.start()
            words = WORD_RE.findall(core)
            first = hash(words[0])
            if first_words.get(first, 0) < len(words):
                first_words[first] = len(words)
            hashes.append(hash(core))
            values.append(value_of(keys))
            texts.append(form)
        order = sorted(range(len(texts)), key=hashes.__getitem__)
        self._hashes = array("q", [hashes[i] for i in order])
        self._values = array("i", [values[i] for i in order])
        self._forms = "".join([texts[i] for i in order])
        self._offsets = array("q", itertools.accumulate([len(texts[i]) for i in order], initial=0))
        rank = {i: position for position, i in enumerate(order)} if prefixes else {}
        self._prefixes = {rank[i]: length for i, length in prefixes.items()}
        firsts = sorted(first_words.items())
        self._first_hashes = array("q", [h for h, _count in firsts])
        self._first_words = array("H", [min(count, 65535) for _h, count in firsts])
        # a bit per hash of a first word (16 bits a word at least): most words of a text start no form, and a bit
        # test costs less than a binary search
        size = 1 << max(10, (len(firsts) * 16).bit_length())
        bits = bytearray(size >> 3)
        for first, _count in firsts:
            bits[(first & (size - 1)) >> 3] |= 1 << (first & 7)
        self._first_bits, self._first_mask = bytes(bits), size - 1

    def __len__(self):
        return len(self._hashes)

    def find(self, norm, tokens):
        """[(start, end, value)] of every form found in ``norm`` at word boundaries (overlaps included)."""
        offsets_of, word_hashes, distinct = tokens
        hashes, values, forms, offsets, prefixes = (
            self._hashes,
            self._values,
            self._forms,
            self._offsets,
            self._prefixes,
        )
        first_hashes, first_words, bits, mask = (
            self._first_hashes,
            self._first_words,
            self._first_bits,
            self._first_mask,
        )
        count, first_count, total = len(hashes), len(first_hashes), len(word_hashes)
        found = []
        if not count:
            return found
        bisect_left = bisect.bisect_left
        # each distinct word of the text once: does it start a form, and of how many words at most
        starting = {}
        for word_hash in distinct:
            if bits[(word_hash & mask) >> 3] >> (word_hash & 7) & 1:
                first = bisect_left(first_hashes, word_hash)
                if first < first_count and first_hashes[first] == word_hash:
                    starting[word_hash] = first_words[first]
        if not starting:
            return found
        for number in [number for number, word_hash in enumerate(word_hashes) if word_hash in starting]:
            word_hash = word_hashes[number]
            start = offsets_of[2 * number + 1]
            for last in range(number, min(number + starting[word_hash], total)):
                core_hash = word_hash if last == number else hash(norm[start : offsets_of[2 * last + 2]])
                position = bisect_left(hashes, core_hash)
                while position < count and hashes[position] == core_hash:
                    form = forms[offsets[position] : offsets[position + 1]]
                    begin = start - prefixes.get(position, 0)
                    if begin >= 0 and norm.startswith(form, begin):
                        found.append((begin, begin + len(form), values[position]))
                    position += 1
        return found


class EntityTable(Mapping):
    """{entity key: Entity} of a finalized dictionary, in arrays (an Entity is made when asked for): a Python
    object per entity would weigh some 200 bytes each."""

    __slots__ = ("_keys", "_kinds", "_names", "_offsets", "_sectors")

    def __init__(self, entities):
        keys = sorted(entities)
        self._keys = array("q", keys)
        self._sectors = array("q", [entities[key].sector_id or 0 for key in keys])
        self._kinds = bytes([entities[key].kind == "person" for key in keys])
        self._names = "".join([entities[key].name for key in keys])
        self._offsets = array("q", itertools.accumulate([len(entities[key].name) for key in keys], initial=0))

    def _position(self, key):
        if not isinstance(key, int):
            return None
        position = bisect.bisect_left(self._keys, key)
        if position < len(self._keys) and self._keys[position] == key:
            return position
        return None

    def __getitem__(self, key):
        position = self._position(key)
        if position is None:
            raise KeyError(key)
        return Entity(
            key,
            "person" if self._kinds[position] else "organization",
            self._names[self._offsets[position] : self._offsets[position + 1]],
            key,
            self._sectors[position] or None,
        )

    def __contains__(self, key):
        return self._position(key) is not None

    def __iter__(self):
        return iter(self._keys)

    def __len__(self):
        return len(self._keys)


class Entity:
    """Someone who can be recognized: an organization or a person."""

    __slots__ = ("key", "kind", "name", "partner_id", "sector_id")

    def __init__(self, key, kind, name, partner_id, sector_id):
        self.key = key
        self.kind = kind
        self.name = name
        self.partner_id = partner_id
        self.sector_id = sector_id


class AnonymizationDictionary:
    """Every known form of every entity, in three tables: forms that are replaced (strong), single distinctive
    words that are only reported by the residual check (weak), and given and family names that are replaced after
    an honorific (parts).

    While building, ``strong``, ``weak`` and ``parts`` map a normalized form to its entity key (an int) or, for a
    form shared by several entities, a tuple of keys. :meth:`finalize` turns them into :class:`FormTable` arrays
    (and the entities into an :class:`EntityTable`) and drops them: a dictionary of 50,000 organizations holds
    hundreds of thousands of forms, and a Python object per form would weigh hundreds of MiB.
    """

    def __init__(self, legal_forms=()):
        self.entities = {}
        self.strong = {}
        self.weak = {}
        self.parts = {}  # given and family names: replaced after an honorific ("Ibu Siti"), reported alone
        self.phones = {}
        self.counts = {}  # {"strong": forms, "weak": forms, "parts": forms}, kept after finalize()
        self.legal_forms = {normalize_form(w).rstrip(".") for w in legal_forms if w.strip()}
        self._norm = {}  # word -> normalized word, while building
        self._common = {}  # word -> is_common(word), while building
        self._shared = []  # tuples of the entity keys of forms shared by several entities
        self._strong_table = self._weak_table = self._parts_table = None
        self._phone_numbers = self._phone_keys = array("q")  # last eight digits (sorted) -> entity key
        self.residual_patterns = [
            ("email", EMAIL_RE),
            ("website", HOST_RE),
            ("phone", PHONE_RE),
        ]
        legal = "|".join(re.escape(w) for w in sorted(legal_forms, key=len, reverse=True) if w.strip())
        if legal:
            self.residual_patterns.append(
                ("organization", re.compile(r"\b(?:%s)\.?\s+[A-Z][\w&'.-]*" % legal))  # noqa: UP031
            )
        honorifics = "|".join(re.escape(h.rstrip(".")) for h in HONORIFICS)
        self.residual_patterns.append(("person", re.compile(r"\b(?:%s)\.?\s+[A-Z][\w'-]+" % honorifics)))  # noqa: UP031

    # ------------------------------------------------------------ building
    @classmethod
    def from_rows(cls, legal_forms, partners, aliases=()):
        """The dictionary of ``partners``, rows (id, name, is_company, email, website, phone, sector id), and
        of ``aliases``, rows (partner id, alias), as read by one SQL query each."""
        dictionary = cls(legal_forms)
        norm = dictionary._normalized
        frequency = {}
        for row in partners:
            if row[1]:
                for word in {norm(w) for w in words_of(row[1])}:
                    frequency[word] = frequency.get(word, 0) + 1
        for partner_id, name, is_company, email, website, phone, sector_id in partners:
            if not name:
                continue
            entity = Entity(partner_id, "organization" if is_company else "person", name, partner_id, sector_id)
            dictionary.entities[partner_id] = entity
            if is_company:
                dictionary.add_organization_forms(entity, name, frequency)
            else:
                dictionary.add_person_forms(entity, name, frequency)
            if email or website or phone:
                dictionary.add_contact_forms(entity, email, website, phone)
        for partner_id, alias, *kind in aliases:
            entity = dictionary.entities.get(partner_id)
            if entity is None:
                continue
            if kind and kind[0] == "former":
                # a name it had: every form its name gives, so that a text written with it prints the same
                if entity.kind == "organization":
                    dictionary.add_organization_forms(entity, alias, frequency)
                else:
                    dictionary.add_person_forms(entity, alias, frequency)
                continue
            dictionary.add_form(alias, partner_id)
            stripped = [w for w in words_of(alias) if norm(w).rstrip(".") not in dictionary.legal_forms]
            if stripped:
                dictionary.add_form(" ".join(stripped), partner_id)
        return dictionary.finalize()

    def _normalized(self, word):
        form = self._norm.get(word)
        if form is None:
            form = self._norm[word] = normalize_form(word)
        return form

    def add_entity(self, entity):
        self.entities[entity.key] = entity

    def add_form(self, form, key, strong=True, target=None):
        form = normalize_form(form)
        if not form or NOT_ALNUM.fullmatch(form):
            return
        if target is None:
            target = self.strong if strong else self.weak
        existing = target.get(form)
        if existing is None:
            target[form] = key
        elif existing.__class__ is tuple:
            if key not in existing:
                target[form] = (*existing, key)
        elif existing != key:
            target[form] = (existing, key)

    def add_phone(self, phone, key):
        digits = re.sub(r"\D", "", phone or "")
        if len(digits) >= 8:
            self.phones.setdefault(digits[-8:], key)

    def is_common(self, word, frequency):
        common = self._common.get(word)  # frequency is the same for a whole build
        if common is None:
            form = self._normalized(word)
            common = self._common[word] = (
                letters(form) < MIN_FORM_LETTERS
                or form in COMMON_WORDS
                or form.rstrip(".") in self.legal_forms
                or frequency.get(form, 0) >= FREQUENT_WORD
                or form.isdigit()
            )
        return common

    def _is_legal_form(self, word):
        return self._normalized(word).rstrip(".") in self.legal_forms

    def add_organization_forms(self, entity, name, frequency):
        self.add_form(name, entity.key)
        if "&" in name:
            self.add_form(name.replace("&", " and "), entity.key)
            self.add_form(name.replace("&", " dan "), entity.key)
        all_words = words_of(name)
        core = [w for w in all_words if not self._is_legal_form(w)]
        distinctive = [w for w in core if not self.is_common(w, frequency)]
        if not distinctive:
            return
        leading = []
        for word in all_words:
            if not self._is_legal_form(word):
                break
            leading.append(word)
        candidates = []
        if core != all_words and core:
            candidates.append(core)
        if len(core) >= 2:
            candidates.append(core[:-1])
        for candidate in candidates:
            if any(not self.is_common(word, frequency) for word in candidate):
                self.add_form(" ".join(candidate), entity.key)
                if leading:  # "PT Nusa Telekomunikasi" for "PT Nusa Telekomunikasi Indonesia Tbk"
                    self.add_form(" ".join(leading + candidate), entity.key)
        # word pairs with at least one distinctive word
        for first, second in itertools.pairwise(core):
            if not (self.is_common(first, frequency) and self.is_common(second, frequency)):
                self.add_form(f"{first} {second}", entity.key)
        self._add_organization_word_forms(entity, core, frequency)

    def _add_organization_word_forms(self, entity, core, frequency):
        """Acronyms and single words of an organization's name (without its legal forms)."""
        # acronyms: of the words without legal forms, and words written in capitals
        significant = [w for w in core if self._normalized(w) not in COMMON_WORDS or w[:1].isupper()]
        if len(significant) >= 2:
            acronym = "".join(w[0] for w in significant if w[0].isalnum())
            if len(acronym) >= MIN_FORM_LETTERS:
                self.add_form(acronym, entity.key)
        for position, word in enumerate(core):
            if word.isupper() and letters(word) >= MIN_FORM_LETTERS and self._normalized(word) not in COMMON_WORDS:
                self.add_form(word, entity.key)
            # the last word of a longer name is mostly a place ("... Lombok", "... Cibinong"): not reported alone
            elif position == len(core) - 1 and len(core) > 1:
                continue
            elif not self.is_common(word, frequency) and letters(word) >= WEAK_MIN_LETTERS:
                self.add_form(word, entity.key, strong=False)

    def add_person_forms(self, entity, name, frequency):
        self.add_form(name, entity.key)
        bare = name.split(",")[0]  # "Dr. Sari Dewi, M.Kes" -> without academic degrees
        words = [w for w in words_of(bare) if self._normalized(w).rstrip(".") not in HONORIFIC_FORMS]
        if not words:
            return
        self.add_form(" ".join(words), entity.key)
        given, family = words[0], words[-1]
        if len(words) >= 3:
            self.add_form(f"{given} {family}", entity.key)
        for word in {given, family}:
            if letters(word) < MIN_FORM_LETTERS:
                continue
            self.add_form(word, entity.key, target=self.parts)
            if not self.is_common(word, frequency) and letters(word) >= WEAK_MIN_LETTERS:
                self.add_form(word, entity.key, strong=False)

    def add_contact_forms(self, entity, email=None, website=None, phone=None):
        for address in (email or "").replace(";", ",").split(","):
            address = address.strip().strip("<>")
            if "@" in address:
                self.add_form(address, entity.key)
                domain = address.rsplit("@", 1)[1]
                if entity.kind == "organization" and domain.count(".") >= 1:
                    self.add_form(domain, entity.key)
        if website:
            host = re.sub(r"^[a-z]+://", "", website.strip(), flags=re.IGNORECASE).split("/")[0]
            host = re.sub(r"^www\.", "", host, flags=re.IGNORECASE)
            if "." in host:
                self.add_form(host, entity.key)
        self.add_phone(phone, entity.key)

    def _value(self, keys):
        """The stored value of a form's entity keys: the key itself, or -1 - index of the tuple in _shared."""
        if keys.__class__ is tuple:
            self._shared.append(keys)
            return -1 - (len(self._shared) - 1)
        return keys

    def finalize(self):
        """Turn the forms into compact tables and drop them (and the building caches)."""
        for name in ("strong", "weak", "parts"):
            forms = getattr(self, name)
            if name == "weak":
                forms = {form: keys for form, keys in forms.items() if form not in self.strong}
            table = FormTable(forms, self._value)
            self.counts[name] = len(table)
            setattr(self, f"_{name}_table", table)
        self.entities = EntityTable(self.entities)
        phones = sorted(self.phones.items())
        self._phone_numbers = array("q", (int(digits) for digits, _key in phones))
        self._phone_keys = array("q", (key for _digits, key in phones))
        self.strong, self.weak, self.parts, self.phones, self._norm, self._common = {}, {}, {}, {}, {}, {}
        return self

    # ------------------------------------------------------------ matching
    def _candidates(self, table, norm, tokens=None):
        if table is None or not norm:
            return []
        return table.find(norm, tokens or tokenize(norm))

    @staticmethod
    def _longest_first(candidates, size):
        candidates.sort(key=lambda c: (c[0] - c[1], c[0]))
        taken = bytearray(size)
        chosen = []
        for start, end, keys in candidates:
            if 1 in taken[start:end]:
                continue
            taken[start:end] = b"\x01" * (end - start)
            chosen.append((start, end, keys))
        chosen.sort()
        return chosen

    def _keys(self, value):
        return (value,) if value >= 0 else self._shared[-1 - value]

    def _phone_candidates(self, norm):
        found = []
        numbers = self._phone_numbers
        for match in PHONE_RE.finditer(norm):
            digits = re.sub(r"\D", "", match.group())
            if len(digits) < 8:
                continue
            number = int(digits[-8:])
            position = bisect.bisect_left(numbers, number)
            if position < len(numbers) and numbers[position] == number:
                found.append((match.start(), match.end(), (self._phone_keys[position],)))
        return found

    def _honorific_candidates(self, norm, tokens=None):
        """A given or family name after an honorific: "Ibu Siti", "Pak Rahmawati", "Dr. Siti"."""
        found = []
        for start, end, keys in self._candidates(self._parts_table, norm, tokens):
            match = HONORIFIC_BEFORE.search(norm, max(start - 9, 0), start)
            if match:
                found.append((match.start(), end, keys))
        return found

    def find(self, norm, tokens=None):
        """Non-overlapping strong matches [(start, end, entity keys)] in normalized text, longest first."""
        tokens = tokens or tokenize(norm)
        candidates = [
            (start, end, self._keys(value)) for start, end, value in self._candidates(self._strong_table, norm, tokens)
        ]
        candidates += [
            (start, end, self._keys(value)) for start, end, value in self._honorific_candidates(norm, tokens)
        ]
        candidates += self._phone_candidates(norm)
        return self._longest_first(candidates, len(norm))

    def find_in(self, text):
        """[(start, end, entity keys)] in the original ``text`` (its own character positions)."""
        norm, index = normalize(text)
        return [(index[s], index[e - 1] + 1, keys) for s, e, keys in self.find(norm)]

    def residual_hits(self, text):
        """What still identifies someone in ``text`` (an anonymized rendering): known forms, distinctive words of
        known names (capitalized in the text), and anything that looks like an address, website, phone number,
        a company legal form or an honorific followed by a name.

        [{text, start, end, partner_id (or False), entity, kind}]
        """
        norm, index = normalize(text)
        hits = []
        taken = bytearray(len(text) + 1)

        def add(start, end, keys, kind):
            if 1 in taken[start:end]:
                return
            taken[start:end] = b"\x01" * (end - start)
            entity = self.entities.get(keys[0]) if keys else None
            hits.append(
                {
                    "text": text[start:end],
                    "start": start,
                    "end": end,
                    "partner_id": entity.partner_id if entity else False,
                    "entity": entity.name if entity else "",
                    "kind": entity.kind if entity else kind,
                }
            )

        tokens = tokenize(norm)
        for s, e, keys in self.find(norm, tokens):
            add(index[s], index[e - 1] + 1, keys, "name")
        for s, e, value in self._longest_first(self._candidates(self._weak_table, norm, tokens), len(norm)):
            start, end = index[s], index[e - 1] + 1
            if text[start].isupper():
                add(start, end, self._keys(value), "name")
        for kind, pattern in self.residual_patterns:
            for match in pattern.finditer(text):
                if kind == "phone" and len(re.sub(r"\D", "", match.group())) < 9:
                    continue
                add(match.start(), match.end(), (), kind)
        hits.sort(key=lambda h: h["start"])
        return hits


# The dictionaries kept between requests by this process (all its threads): {(database, company id): (stamp,
# dictionary)}. The stamp is the largest id of the signal table when the dictionary was read; see _get_dictionary.
_DICTIONARIES = {}
_DICTIONARIES_LOCK = threading.Lock()
SIGNAL_TABLE = "hbri_anonymizer_signal"
DIRTY = "hbri_anonymizer_dirty"  # in the transaction's data: it changed what the dictionary reads
MEMO = "hbri_anonymizer_memo"  # in the transaction's data: {company id: dictionary} built in this transaction
SIGNAL_PENDING = "hbri_anonymizer_signal_pending"  # in the cursor's post-commit data: the signal is registered
SIGNAL_KEEP_DAYS = 2


class _TransactionMemo(dict):
    """{company id: dictionary} built by a transaction that changed the data: kept in the cursor's post-commit
    data (cleared on commit and rollback); never copied (tests copy that data around each test)."""

    def __copy__(self):
        return _TransactionMemo()

    def __deepcopy__(self, memo):
        return _TransactionMemo()


def _transaction_data(cr):
    """The data of ``cr``'s transaction, cleared when it commits or rolls back: its post-commit data. A test
    cursor (an HTTP request during a test) wraps the test's own cursor, whose transaction it shares."""
    while "_cursor" in vars(cr):
        cr = vars(cr)["_cursor"]
    return cr.postcommit.data


class HbriAnonymizer(models.AbstractModel):
    _name = "hbri.anonymizer"
    _description = "Anonymization Engine"

    def init(self):
        # insert-only, like Odoo's own orm_signaling_* tables: a row is added after each commit that changed what
        # the dictionary reads; max(id) is the stamp of the data (a sequence would not replicate)
        self.env.cr.execute(
            SQL(
                "CREATE TABLE IF NOT EXISTS %s (id SERIAL PRIMARY KEY, date TIMESTAMP NOT NULL DEFAULT now())",
                SQL.identifier(SIGNAL_TABLE),
            )
        )
        self.env.cr.execute(SQL("INSERT INTO %s DEFAULT VALUES", SQL.identifier(SIGNAL_TABLE)))

    # ------------------------------------------------------------ dictionary
    @api.model
    def _get_legal_forms(self, company=None):
        company = company or self.env.company
        words = company.sudo().hbri_legal_form_words or DEFAULT_LEGAL_FORMS
        return [w.strip() for w in re.split(r"[,\n;]", words) if w.strip()]

    @api.model
    def _known_partner_query(self):
        """SQL selecting the ids of everybody the roundtable knows: organizations of a sector and their people,
        prospects (organizations with a membership or a consultation, whatever their state, even without a
        sector) and their people, partners of partnerships (the public sector included), presenters, presenting
        organizations and attendees of sessions, organizations of case studies, and the staff of the roundtable
        (facilitators, secretariat: users of its groups). Archived ones included; the companies' own partners
        excluded (the secretariat's organization is no one to hide)."""
        staff_group = self.env.ref("hbri_partnership.hbri_partnership_group_user")
        # sudo and active_test: every user of the groups, archived too, whatever the reader may see
        staff = (
            self.env["res.users"]
            .sudo()
            .with_context(active_test=False)
            ._search([("all_group_ids", "in", staff_group.ids)])
        )
        return SQL(
            """
            SELECT p.id
              FROM res_partner p
              LEFT JOIN res_partner c ON c.id = p.commercial_partner_id
             WHERE (p.hbri_sector_id IS NOT NULL
                    OR c.hbri_sector_id IS NOT NULL
                    OR p.commercial_partner_id IN (SELECT partner_id FROM hbri_membership
                                                   UNION SELECT partner_id FROM hbri_consultation)
                    OR p.id IN (SELECT partner_id FROM hbri_partnership_member
                                UNION SELECT partner_id FROM hbri_session_attendee
                                UNION SELECT partner_id FROM hbri_presentation_presenter_rel
                                UNION SELECT partner_id FROM hbri_presentation_partner_rel
                                UNION SELECT partner_id FROM hbri_case_study_partner_rel
                                UNION %(staff)s))
               AND p.id NOT IN (SELECT partner_id FROM res_company WHERE partner_id IS NOT NULL)
            """,
            staff=staff.subselect(SQL.identifier(staff.table, "partner_id")),
        )

    @api.model
    def _get_known_partner_ids(self, partner_ids):
        """The ids among ``partner_ids`` of the partners the dictionary knows (:meth:`_known_partner_query`), in
        one query."""
        if not partner_ids:
            return set()
        # who is known may have changed in this transaction (a sector, a membership, an attendee)
        self.env.flush_all()
        rows = self.env.execute_query(
            SQL(
                "SELECT id FROM res_partner WHERE id = ANY(%s) AND id IN (%s)",
                list(partner_ids),
                self._known_partner_query(),
            )
        )
        return {row[0] for row in rows}

    @api.model
    def _read_dictionary_rows(self):
        """(partners, aliases) of everybody the roundtable knows, as rows, in two queries: partners (id, name,
        is_company, email, website, phone, sector id) in the order of res.partner, aliases (partner id, name).

        Plain SQL, not records: a dictionary of 50,000 organizations reads some 120,000 partners, whose records
        would cost more than everything else of the build."""
        # the changes of this transaction count (a writer sees his own alias at once)
        self.env.flush_all()
        cr = self.env.cr
        cr.execute(
            SQL(
                """
                SELECT p.id, p.name, p.is_company, p.email, p.website, p.phone, p.hbri_sector_id
                  FROM res_partner p
                 WHERE p.id IN (%s)
                 ORDER BY p.complete_name, p.id DESC
                """,
                self._known_partner_query(),
            )
        )
        partners = cr.fetchall()
        cr.execute(SQL("SELECT partner_id, name, kind FROM hbri_partner_alias ORDER BY partner_id, name, id"))
        return partners, cr.fetchall()

    @api.model
    def _build_dictionary(self, company=None):
        """The dictionary of everybody the roundtable knows, read now on this environment's cursor. Callers use
        :meth:`_get_dictionary`, which keeps it between requests."""
        legal_forms = self._get_legal_forms(company)
        partners, aliases = self._read_dictionary_rows()
        return AnonymizationDictionary.from_rows(legal_forms, partners, aliases)

    @api.model
    def _get_dictionary(self, company=None):
        """The dictionary of everybody the roundtable knows, as this transaction sees it: built once and kept
        between requests (and workers' requests) while nothing it reads changes.

        - This transaction changed something the dictionary reads (a name, an alias, a legal-form word, who is
          known): built from this transaction's cursor, once (until its next such change), never kept for others.
        - Otherwise one query reads the stamp (the largest id of the signal table, inserted after every commit
          that changed what the dictionary reads, on any worker or node): the kept dictionary of this stamp is
          returned; else it is rebuilt in a cursor of its own and kept with the stamp that cursor read.
        """
        company = company or self.env.company
        cr = self.env.cr
        data = _transaction_data(cr)
        if data.get(DIRTY):
            memo = data.setdefault(MEMO, _TransactionMemo())
            if company.id not in memo:
                memo[company.id] = self._build_dictionary(company)
            return memo[company.id]
        cr.execute(SQL("SELECT max(id) FROM %s", SQL.identifier(SIGNAL_TABLE)))
        stamp = cr.fetchone()[0]
        key = (cr.dbname, company.id)
        kept = _DICTIONARIES.get(key)
        if kept and kept[0] == stamp:
            return kept[1]
        with closing(self.env.registry.cursor()) as fresh:
            # The stamp first, then the data: the new cursor's snapshot is taken at its first query, so the data
            # it reads is never older than the stamp kept with it (every change was committed before its signal
            # row was inserted). A change committed later inserts a larger id, and the next request rebuilds.
            fresh.execute(SQL("SELECT max(id) FROM %s", SQL.identifier(SIGNAL_TABLE)))
            fresh_stamp = fresh.fetchone()[0]
            env = self.env(cr=fresh)
            dictionary = env["hbri.anonymizer"]._build_dictionary(company.with_env(env))
            fresh.rollback()
        with _DICTIONARIES_LOCK:
            _DICTIONARIES[key] = (fresh_stamp, dictionary)
        return dictionary

    @api.model
    def _signal_change(self):
        """Something the dictionary reads changed in this transaction: this transaction builds its own from now
        on, and once it commits, every process rebuilds its kept dictionary (a signal row, inserted after the
        commit in a cursor of its own, like Odoo's registry signaling)."""
        cr = self.env.cr
        data = _transaction_data(cr)
        data[DIRTY] = True
        data.pop(MEMO, None)
        if cr.postcommit.data.get(SIGNAL_PENDING):
            return
        cr.postcommit.data[SIGNAL_PENDING] = True
        registry = self.env.registry

        @cr.postcommit.add
        def signal():
            with registry.cursor() as signal_cr:
                signal_cr.execute(SQL("INSERT INTO %s DEFAULT VALUES", SQL.identifier(SIGNAL_TABLE)))

    @api.model
    def _purge_signals(self):
        """Drop signal rows older than two days, but the last one (max(id) must never go back)."""
        self.env.cr.execute(
            SQL(
                "DELETE FROM %(table)s WHERE id < (SELECT max(id) FROM %(table)s) AND date < %(limit)s",
                table=SQL.identifier(SIGNAL_TABLE),
                limit=fields.Datetime.now() - timedelta(days=SIGNAL_KEEP_DAYS),
            )
        )

    # ------------------------------------------------------------ labels
    @api.model
    def _labels_for(self, dictionary, keys):
        """{entity key: label} for the entities of one document, in their order of appearance: the sector's
        label, numbered (A, B, …) when several entities of one label appear."""
        sectors = (
            self.env["hbri.sector"]
            .sudo()
            .browse({dictionary.entities[k].sector_id for k in keys if dictionary.entities[k].sector_id})
        )
        sector_labels = {s.id: (s.anonymous_label, s.anonymous_person_label) for s in sectors}
        base = {}
        for key in keys:
            entity = dictionary.entities[key]
            organization_label, person_label = sector_labels.get(entity.sector_id, (False, False))
            if entity.kind == "organization":
                base[key] = organization_label or self.env._("a member organization")
            else:
                base[key] = person_label or self.env._("a participant")
        groups = {}
        for key in keys:
            groups.setdefault(base[key], []).append(key)
        labels = {}
        for label, members in groups.items():
            if len(members) == 1:
                labels[members[0]] = label
                continue
            stem = ARTICLES.sub("", label)
            for number, key in enumerate(members):
                suffix = string.ascii_uppercase[number % 26] + (str(number // 26) if number >= 26 else "")
                labels[key] = f"{stem} {suffix}"
        return labels

    # ------------------------------------------------------------ replacing
    @api.model
    def _entities_in(self, dictionary, texts):
        """The entity keys found in these texts (plain or HTML), in order of first appearance."""
        found = []
        for text in texts:
            if not text:
                continue
            plain = self._html_text(text) if isinstance(text, Markup) else str(text)
            found += [keys for _start, _end, keys in dictionary.find_in(plain)]
        # a form shared by several entities stands for the one the document names unambiguously elsewhere
        certain = {keys[0] for keys in found if len(keys) == 1}
        order = {}
        for keys in found:
            order.setdefault(next((k for k in keys if k in certain), keys[0]), None)
        return list(order)

    @api.model
    def _html_text(self, html):
        """The text a reader sees in an HTML fragment (blocks separated by line breaks)."""
        _root, _segments, text = self._html_segments(html)
        return text

    @api.model
    def _html_segments(self, html):
        root = lxml_html.fragment_fromstring(str(html or ""), create_parent="div")
        segments = []
        pieces = []
        length = 0

        def push(node, attr, value):
            nonlocal length
            segments.append((node, attr, length, length + len(value)))
            pieces.append(value)
            length += len(value)

        def separator():
            nonlocal length
            pieces.append("\n")
            length += 1

        def walk(element):
            block = isinstance(element.tag, str) and element.tag.lower() in BLOCK_TAGS
            if block:
                separator()
            if isinstance(element.tag, str) and element.text:
                push(element, "text", element.text)
            for child in element:
                walk(child)
                if child.tail:
                    push(child, "tail", child.tail)
            if block:
                separator()

        walk(root)
        return root, segments, "".join(pieces)

    @api.model
    def _replace_text(self, dictionary, text, labels, highlight=False):
        """Plain text with every known form replaced by its entity's label."""
        if not text:
            return text
        text = str(text).replace(MARK_OPEN, "").replace(MARK_CLOSE, "")
        out = []
        position = 0
        for start, end, keys in dictionary.find_in(text):
            label = next((labels[k] for k in keys if k in labels), None)
            if label is None:
                continue
            out.append(text[position:start])
            out.append(f"{MARK_OPEN}{label}{MARK_CLOSE}" if highlight else label)
            position = end
        out.append(text[position:])
        return "".join(out)

    @api.model
    def _replace_html(self, dictionary, html, labels, highlight=False):
        """Markup with every known form replaced in its text nodes (across them when markup splits a name), and
        links, titles and alternative texts dropped; labels are escaped by the serializer."""
        if not html:
            return html
        html = str(html).replace(MARK_OPEN, "").replace(MARK_CLOSE, "")
        root, segments, text = self._html_segments(html)
        for element in root.iter():
            if isinstance(element.tag, str):
                for attribute in ("href", "title", "alt", "data-oe-model", "data-oe-id"):
                    element.attrib.pop(attribute, None)
        matches = []
        for start, end, keys in dictionary.find_in(text):
            label = next((labels[k] for k in keys if k in labels), None)
            if label is not None:
                matches.append((start, end, f"{MARK_OPEN}{label}{MARK_CLOSE}" if highlight else label))
        starts = [m[0] for m in matches]
        emitted = set()
        for node, attr, seg_start, seg_end in segments:
            first = max(bisect.bisect_right(starts, seg_start) - 1, 0)
            out = []
            position = seg_start
            for number in range(first, len(matches)):
                start, end, label = matches[number]
                if start >= seg_end:
                    break
                if end <= seg_start:
                    continue
                if start > position:
                    out.append(text[position:start])
                if number not in emitted:
                    out.append(label)
                    emitted.add(number)
                position = max(position, min(end, seg_end))
            out.append(text[position:seg_end])
            setattr(node, attr, "".join(out))
        result = escape(root.text or "") + Markup("").join(
            Markup(etree.tostring(child, encoding="unicode", method="html")) for child in root
        )
        if highlight:
            result = Markup(str(result).replace(MARK_OPEN, "<mark>").replace(MARK_CLOSE, "</mark>"))
        return result
