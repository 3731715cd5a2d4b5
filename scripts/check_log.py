"""Fail on WARNING/ERROR/CRITICAL lines of Odoo logs that are not explicitly allowed.

Usage: python check_log.py ALLOWLIST LOG [LOG ...]

The allowlist holds one Python regular expression a line, searched in the whole log line; the comment
line(s) just above each expression must say why it is allowed (an expression without a reason is an error).
Prints a one-line summary on stdout and the offending lines on stderr; exits 1 when any line is not allowed.
"""

import re
import sys

LEVEL_RE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (WARNING|ERROR|CRITICAL) ")


def read_allowlist(path):
    patterns, reason = [], []
    try:
        with open(path, encoding="utf-8") as handle:
            lines = handle.read().splitlines()
    except FileNotFoundError:
        return patterns
    for number, line in enumerate(lines, 1):
        stripped = line.strip()
        if not stripped:
            reason = []
        elif stripped.startswith("#"):
            reason.append(stripped.lstrip("# "))
        else:
            if not reason:
                sys.exit(f"{path}:{number}: allowed pattern without a reason on the line above it")
            patterns.append(re.compile(stripped))
            reason = []
    return patterns


def main(argv):
    patterns = read_allowlist(argv[1])
    bad = []
    for log_path in argv[2:]:
        with open(log_path, encoding="utf-8", errors="replace") as handle:
            for line in handle:
                if LEVEL_RE.match(line) and not any(p.search(line) for p in patterns):
                    bad.append(f"{log_path}: {line.rstrip()}")
    for line in bad:
        print(line, file=sys.stderr)
    if bad:
        print(f"{len(bad)} WARNING/ERROR line(s) in Odoo's log")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
