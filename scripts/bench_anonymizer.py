#!/usr/bin/env python3
# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The anonymization engine alone, without a database: build, memory and warm scan at any size.

    .hbri/venv/bin/python scripts/bench_anonymizer.py --sizes 1000,10000,50000 [--engine path/to/hbri_anonymizer.py]

Generates organizations (four-word names, e-mail, website, phone; 1.4 people each with three-word names and an
e-mail) as the rows `_read_dictionary_rows()` returns, builds the dictionary (wall and CPU time: on a shared
machine the CPU time is what compares), builds it again under tracemalloc (peak and kept memory), and runs the
warm part of a print and its gate on ten pages (~30,000 characters in seven HTML sections naming 40 entities):
entities found, every section replaced twice (the print and the gate render it), the residual scan. ``--engine``
measures another version of models/hbri_anonymizer.py (e.g. `git show REV:hbri_partnership/models/...`).
"""

import argparse
import gc
import importlib.util
import os
import random
import sys
import time
import tracemalloc

HERE = os.path.dirname(os.path.abspath(__file__))
SYLLABLES = [
    "ba",
    "bi",
    "bu",
    "da",
    "di",
    "du",
    "ka",
    "ki",
    "ku",
    "la",
    "li",
    "lu",
    "ma",
    "mi",
    "mu",
    "na",
    "ni",
    "nu",
    "ra",
    "ri",
    "ru",
    "sa",
    "si",
    "su",
    "ta",
    "ti",
    "tu",
    "wa",
    "wi",
    "ya",
    "jo",
    "ko",
    "no",
    "go",
]
SENTENCES = [
    "The programme reached three districts and trained the community health workers.",
    "Funding came from a blended facility with a results-based tranche.",
    "Lessons were shared at the quarterly roundtable session.",
    "The district health office monitored the referral pathway each month.",
    "Key figures improved after the second year of implementation.",
]


def load_engine(path):
    sys.path.insert(0, os.environ.get("ODOO_SRC", "/opt/odoo"))
    # an Odoo model class must live under odoo.addons
    spec = importlib.util.spec_from_file_location("odoo.addons.bench_anonymizer_engine", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def generate(size, rng):
    def word():
        return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()

    rows, organizations, people = [], [], []
    partner_id = 1
    for index in range(size):
        name = f"PT {word()} {word()} {word()}"
        domain = name.split()[1].lower() + str(index)
        rows.append(
            (partner_id, name, True, f"info@{domain}.co.id", f"https://www.{domain}.co.id", f"+62 21 {index:07d}", 1)
        )
        organizations.append(name)
        partner_id += 1
        for rank in range(2 if rng.random() < 0.4 else 1):
            person = f"{word()} {word()} {word()}"
            email = f"{person.split()[0].lower()}.{rank}@{domain}.co.id"
            rows.append((partner_id, person, False, email, False, False, 1))
            people.append(person)
            partner_id += 1
    paragraphs = []
    while sum(len(p) for p in paragraphs) < 30000:
        sentences = [rng.choice(SENTENCES) for _ in range(5)]
        named = rng.choice(organizations) if rng.random() < 0.5 else "Ibu " + rng.choice(people).split()[0]
        sentences.insert(2, f"{named} coordinated the field work.")
        paragraphs.append("<p>" + " ".join(sentences) + "</p>")
    return rows, paragraphs


def measure(engine, size):
    from markupsafe import Markup

    rng = random.Random(5)
    rows, paragraphs = generate(size, rng)
    legal = [w.strip() for w in engine.DEFAULT_LEGAL_FORMS.split(",")]
    model = engine.HbriAnonymizer

    class Model:  # the model's text helpers need no environment
        def _html_segments(self, html):
            return model._html_segments(self, html)

        def _html_text(self, html):
            return model._html_text(self, html)

    helper = Model()
    sections = [Markup("".join(paragraphs[k::7])) for k in range(7)]
    gc.collect()
    cpu, wall = time.process_time(), time.perf_counter()
    dictionary = engine.AnonymizationDictionary.from_rows(legal, rows)
    build_wall, build_cpu = time.perf_counter() - wall, time.process_time() - cpu

    def warm(dictionary):
        for _render in range(2):
            found = []
            for section in sections:
                found += [keys for _s, _e, keys in dictionary.find_in(model._html_text(helper, section))]
            labels = {keys[0]: f"member company {n}" for n, keys in enumerate(dict.fromkeys(found))}
            replaced = [model._replace_html(helper, dictionary, section, labels) for section in sections]
        return [dictionary.residual_hits(model._html_text(helper, section)) for section in replaced]

    scans = []
    for _run in range(3):
        cpu, wall = time.process_time(), time.perf_counter()
        warm(dictionary)
        scans.append((time.perf_counter() - wall, time.process_time() - cpu))
    counts = dictionary.counts
    del dictionary
    gc.collect()
    tracemalloc.start()
    kept_dictionary = engine.AnonymizationDictionary.from_rows(legal, rows)
    gc.collect()
    kept, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del kept_dictionary
    print(
        f"{size:>6} organizations, {len(rows):>6} entities, {counts['strong']:>7} replaced forms: "
        f"build {build_wall:6.1f} s wall / {build_cpu:5.1f} s CPU, peak {peak / 2**20:5.0f} MiB, kept "
        f"{kept / 2**20:6.1f} MiB; warm print + gate of {sum(len(s) for s in sections)} characters "
        f"{min(scans)[0] * 1000:5.0f} ms wall / {min(s[1] for s in scans) * 1000:4.0f} ms CPU; "
        f"load average {os.getloadavg()[0]:.1f}",
        flush=True,
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,50000")
    parser.add_argument(
        "--engine", default=os.path.join(HERE, "..", "hbri_partnership", "models", "hbri_anonymizer.py")
    )
    args = parser.parse_args()
    engine = load_engine(args.engine)
    for size in args.sizes.split(","):
        measure(engine, int(size))


if __name__ == "__main__":
    main()
