"""Translation gates of the test command.

Usage: python check_i18n.py COMMITTED_POT FRESH_POT [PO ...]

- the committed .pot must hold exactly the messages of a .pot freshly exported from the installed code;
- every .po must translate every message of the .pot (no untranslated, no fuzzy entry) and keep each
  message's placeholders.
Prints one line per problem on stdout; exits 1 when there is any. Hand-written: msgcmp and `msgfmt --check-format`
know neither the generated terms below nor placeholders outside python-format entries (QWeb's {{ }}).
"""

import re
import sys

import polib

PLACEHOLDER_RE = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\{.*?\}\}")
# A session's generated name ("Roundtable 2026-Q3") is written by the addon in every installed language; the demo's
# sessions are dated relative to the day of the install, so their names (exported as terms of the demo records)
# change with the calendar: they are neither required in the .pot nor to be translated.
GENERATED = "model:hbri.roundtable.session,name:"


def keys(entries):
    return {
        (e.msgctxt, e.msgid): e
        for e in entries
        if not e.obsolete and e.msgid and not (e.occurrences and all(p.startswith(GENERATED) for p, _ in e.occurrences))
    }


def main(committed_path, fresh_path, *po_paths):
    committed, fresh = keys(polib.pofile(committed_path)), keys(polib.pofile(fresh_path))
    problems, missing, extra = [], sorted(fresh.keys() - committed.keys()), committed.keys() - fresh.keys()
    if missing or extra:
        what = f"{len(missing)} message(s) missing, {len(extra)} obsolete (run scripts/hbri i18n)"
        problems.append(f"{committed_path} disagrees with the code: {what}")
        problems += [f"  missing: {msgid[:80]!r}" for _ctx, msgid in missing[:10]]
    for po_path in po_paths:
        translated = keys(polib.pofile(po_path).translated_entries())
        if untranslated := sorted(committed.keys() - translated.keys()):
            problems.append(f"{po_path}: {len(untranslated)} untranslated or fuzzy message(s)")
            problems += [f"  untranslated: {msgid[:80]!r}" for _ctx, msgid in untranslated[:10]]
        problems += [
            f"{po_path}: placeholders differ in {msgid[:60]!r}"
            for (_ctx, msgid), e in translated.items()
            if sorted(PLACEHOLDER_RE.findall(msgid)) != sorted(PLACEHOLDER_RE.findall(e.msgstr))
        ]
    print("\n".join(problems), end="\n" if problems else "")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
