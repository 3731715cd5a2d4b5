# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Property-style check of anonymization: organizations and people with awkward names, named in awkward ways,
never appear in the printed PDF, in Indonesian or in English (a seeded generator: every run is the same, and a
failure names its seed)."""

import random
import re

from markupsafe import Markup, escape

from odoo.tests import HttpCase, tagged

from .test_hbri_case_study import REPORT, HbriCaseStudyCommon

SYLLABLES = ("ka", "ru", "ndo", "wi", "sa", "tem", "bo", "lu", "ga", "rim", "pe", "jo", "nyo", "ta", "ke", "mu")


@tagged("post_install", "-at_install")
class TestHbriAnonymizationProperty(HbriCaseStudyCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("id_ID")
        cls.env["ir.module.module"]._load_module_terms(["hbri_partnership"], ["id_ID"], overwrite=True)

    def _word(self, rng, used):
        while True:
            word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(3, 4))).capitalize()
            if word not in used:
                used.add(word)
                return word

    def _world(self, seed):
        """Organizations and people with awkward names, and a text naming them in awkward ways.

        Returns (case study values, identifying strings, identifying patterns)."""
        rng = random.Random(seed)
        used = set()
        words = [self._word(rng, used) for _ in range(40)]
        w = iter(words)
        org_names = [
            f"PT {next(w)} {next(w)} & {next(w)} Tbk",
            f"Yayasan {next(w)}'s {next(w)} {next(w)}",
            f"CV {next(w)} {next(w)} {next(w)}",
            f"Perkumpulan {next(w)} {next(w)}",
        ]
        sectors = [self.sector_business, self.sector_ngo, self.sector_business, self.sector_ngo]
        orgs = self.env["res.partner"]
        for index, (name, sector) in enumerate(zip(org_names, sectors, strict=True)):
            host = f"{next(w).lower()}-{index}.co.id"
            orgs |= self.env["res.partner"].create(
                {
                    "name": name,
                    "is_company": True,
                    "hbri_sector_id": sector.id,
                    "email": f"halo@{host}",
                    "website": f"https://www.{host}/about",
                }
            )
        people = self.env["res.partner"]
        for index, org in enumerate(orgs):
            people |= self.env["res.partner"].create(
                {
                    "name": f"{next(w)} {next(w)} {next(w)}",
                    "parent_id": org.id,
                    "hbri_representative_role": "primary",
                    "active": index != 1,  # an archived contact of an organization of the case study
                    "email": f"rep{index}@{org.email.split('@')[1]}",
                }
            )
        self.user_facilitator.partner_id.name = f"{next(w)} {next(w)} {next(w)}"
        facilitator = self.user_facilitator.partner_id
        own, unrelated = orgs[:3], orgs[3]

        def render(org):
            name = org.name
            core = [x for x in re.findall(r"[\w']+", name) if x not in ("PT", "Tbk", "CV", "Yayasan", "Perkumpulan")]
            forms = [
                escape(name),  # stored escaped: &amp;
                Markup(str(escape(name)).replace(" ", "&nbsp;", 1)),  # a non-breaking space
                Markup(str(escape(name)).replace(" ", "  ")),  # double spaces
                Markup(str(escape(name)).replace(core[0], f"<strong>{core[0]}</strong>", 1)),  # split by markup
                escape(" ".join(core)),  # without its legal form
                escape(" ".join(core[:-1])),  # without its last word
                escape("".join(c[0] for c in core).upper()),  # its initials
                escape(org.email),
                escape(org.website.split("//")[1].split("/")[0].removeprefix("www.")),
            ]
            return rng.choice(forms)

        def render_person(person):
            given, _middle, family = person.name.split()
            forms = [
                f"{rng.choice(['Ibu', 'Pak', 'Bu', 'Bapak', 'Sdr.', 'Dr.'])} {rng.choice([given, family])}",
                f"{given} {family}",
                person.name.replace(" ", "\xa0"),
            ]
            return escape(rng.choice(forms))

        paragraphs = []
        for _ in range(6):
            sentence = Markup("<p>In %s, %s met %s and %s; %s (%s) took notes while %s listened.</p>") % (
                rng.choice(["2024", "the rainy season", "Lombok"]),
                render(rng.choice(own)),
                render(rng.choice(own)),
                render_person(rng.choice(people)),
                render_person(facilitator),
                render(unrelated),
                render_person(rng.choice(people)),
            )
            paragraphs.append(sentence)
        values = {
            "name": f"{own[0].name} with Ibu {people[0].name.split()[0]}",
            "partner_ids": [(6, 0, own.ids)],
            "formation": Markup("").join(paragraphs[:3]),
            "results": Markup("").join(paragraphs[3:]),
            "key_figures": f"Contact {own[1].email} or {unrelated.name}",
        }
        identifying = [x for x in words if x in " ".join((orgs | people | facilitator).mapped("name"))]
        identifying += [org.email.split("@")[1].split(".")[0] for org in orgs]
        acronyms = []
        for org in orgs:
            core = [
                x for x in re.findall(r"[\w']+", org.name) if x not in ("PT", "Tbk", "CV", "Yayasan", "Perkumpulan")
            ]
            acronyms.append("".join(c[0] for c in core).upper())
        return values, identifying, acronyms

    def test_printed_pdf_names_nobody(self):
        for seed in (7, 19, 2026):
            values, identifying, acronyms = self._world(seed)
            case_study = self.env["hbri.case.study"].create(values)
            self.assertEqual(case_study.attribution_mode, "anonymized")
            for lang in ("id_ID", "en_US"):
                with self.subTest(seed=seed, lang=lang):
                    case_study.print_language = lang
                    text = self.pdf_text(self.render_pdf(REPORT, case_study, user=self.user_secretariat))
                    lowered = text.lower()
                    self.assertIn("took notes while", text, "the sections are printed")
                    leaks = [x for x in identifying if x.lower() in lowered]
                    leaks += [x for x in acronyms if re.search(rf"\b{x}\b", text)]
                    where = [text[max(lowered.find(x.lower()) - 60, 0) : lowered.find(x.lower()) + 60] for x in leaks]
                    self.assertFalse(leaks, f"seed {seed}, {lang}: the PDF still prints {leaks} in {where}")
                    title = case_study._get_printed_title()
                    self.assertFalse([x for x in identifying if x.lower() in title.lower()], title)
