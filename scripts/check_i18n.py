"""Translation gates of the test command.

Usage: python check_i18n.py COMMITTED_POT FRESH_POT [PO ...]

- the committed .pot must hold exactly the messages of a .pot freshly exported from the installed code;
- every .po must translate every message of the .pot (no untranslated, no fuzzy entry) and keep each
  message's placeholders.
Prints one line per problem on stdout; exits 1 when there is any.
"""

import re
import sys

import polib

PLACEHOLDER_RE = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\{.*?\}\}")


# A session's generated name ("Roundtable 2026-Q3") is written by the addon in every installed language; the demo's
# sessions are dated relative to the day of the install, so their names (exported as terms of the demo records)
# change with the calendar: they are neither required in the .pot nor to be translated.
GENERATED_TERMS = ("model:hbri.roundtable.session,name:",)


def _generated_only(entry):
    return bool(entry.occurrences) and all(
        any(path.startswith(prefix) for prefix in GENERATED_TERMS) for path, _line in entry.occurrences
    )


def _keys(pofile):
    return {
        (entry.msgctxt, entry.msgid)
        for entry in pofile
        if not entry.obsolete and entry.msgid and not _generated_only(entry)
    }


def main(argv):
    committed, fresh = polib.pofile(argv[1]), polib.pofile(argv[2])
    problems = []
    missing = _keys(fresh) - _keys(committed)
    extra = _keys(committed) - _keys(fresh)
    if missing or extra:
        problems.append(
            f"{argv[1]} disagrees with the code: {len(missing)} message(s) missing, {len(extra)} obsolete "
            "(run scripts/hbri i18n)"
        )
        problems.extend(f"  missing: {msgid[:80]!r}" for _ctx, msgid in sorted(missing)[:10])
    for po_path in argv[3:]:
        po = polib.pofile(po_path)
        translated = {(e.msgctxt, e.msgid): e for e in po.translated_entries()}
        untranslated = [key for key in _keys(committed) if key not in translated]
        if untranslated:
            problems.append(f"{po_path}: {len(untranslated)} untranslated or fuzzy message(s)")
            problems.extend(f"  untranslated: {msgid[:80]!r}" for _ctx, msgid in sorted(untranslated)[:10])
        for (_ctx, msgid), entry in translated.items():
            if sorted(PLACEHOLDER_RE.findall(msgid)) != sorted(PLACEHOLDER_RE.findall(entry.msgstr)):
                problems.append(f"{po_path}: placeholders differ in {msgid[:60]!r}")
    for line in problems:
        print(line)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
