#!/usr/bin/env python3
# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The numbers of each scenario of `scripts/hbri cluster` (standard library only), their table and the verdict.

    cluster_report.py --upstreams 127.0.0.1:8291=node1,127.0.0.1:8292=node2 .hbri/cluster/none .hbri/cluster/kill

Each folder is a scenario, named after its fault; its numbers go to its report.json and are printed, then the
table of the scenarios and one line: PASSED or FAILED (exit status 1).

A scenario's folder holds the numbers and failures of `load_data.py check` (check.json: the rows, the errors users
saw and Odoo's log lines, each judged with what the fault explains), nginx's access log of the run (with
$upstream_addr), both nodes' Odoo logs and what the fault injector wrote (e-mails, clicks). This adds the split
between the nodes, the e-mails and each fault's own promise. Hand-written: what is judged is each fault's own
promise (docs/cluster.md, "Verdict"), no tool's.
"""

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

CRON_NAME = "Roundtable: end memberships and remind renewals"


def read(folder, name, default=None):
    """The text of one of the scenario's files, ``default`` when the scenario did not write it."""
    path = Path(folder, name)
    return path.read_text(encoding="utf-8", errors="replace") if path.exists() else default


def joined(text, sep=" | "):
    return sep.join(line.strip() for line in (text or "").splitlines() if line.strip())


def split(folder, upstreams):
    """Requests per node from nginx's $upstream_addr; "a, b" is a request nginx passed on to another node."""
    counts = Counter()
    for found in re.findall(r"upstream=(.*?) ustatus=", read(folder, "access.log", "")):
        addresses = [a.strip() for a in found.split(",")]
        if len(addresses) > 1:
            counts["passed on"] += 1
        else:  # nginx names the upstream block when no node was left to try
            counts["no live node" if addresses[0] == "odoo" else upstreams.get(addresses[0], addresses[0])] += 1
    return dict(counts)


def cron_runs(folder):
    starts = f"Job '{CRON_NAME}'"
    return {
        node: sum(starts in line and "starting" in line for line in read(folder, f"{node}.log", "").splitlines())
        for node in ("node1", "node2")
    }


def mail_numbers(folder):
    """Messages the SMTP sink accepted (duplicates: the same recipients and subject twice) and the queue after."""
    received = [json.loads(line) for line in read(folder, "smtp-messages.jsonl", "").splitlines() if line.strip()]
    keys = [(tuple(sorted(m["to"])), m["subject"]) for m in received]
    numbers = {"mails received": len(received), "mails duplicated": len(keys) - len(set(keys))}
    numbers["mail queue"] = joined(read(folder, "mail-queue.txt"), "; ")
    refused = read(folder, "mail-refused.txt")
    if refused is not None:
        # each e-mail the relay refused (recipient, subject): received as often as it was queued (once), never,
        # or more often
        expected = Counter(tuple(line.split("\t", 1)) for line in refused.splitlines() if line.strip())
        got = Counter((to.lower(), m["subject"]) for m in received for to in m["to"])
        times = Counter()
        for key, count in expected.items():
            times[0 if not got[key] else 1 if got[key] == count else 2] += count
        numbers["refused mails"] = sum(expected.values())
        numbers["refused mails delivered once"] = times[1]
        numbers["refused mails delivered twice or more"] = times[2]
        numbers["refused mails never delivered"] = times[0]
        numbers["mail queue while refused"] = joined(read(folder, "mail-queue-refused.txt"), "; ")
    answers = ["pdf-1.txt", "pdf-2.txt"]
    rows = read(folder, "invite-rows.txt")
    if rows is not None:
        bulk = [key for key in keys if any(to.endswith("@bulk.example") for to in key[0])]
        numbers["bulk session"] = rows.strip()
        numbers["bulk members mailed"] = len({key[0] for key in bulk})
        numbers["bulk members"] = len(json.loads(read(folder, "bulk.json", "{}")).get("partner_ids", []))
        numbers["bulk mails duplicated"] = len(bulk) - len(set(bulk))
        answers += ["invite-1.txt", "invite-2.txt"]
    for name in answers:
        if (text := read(folder, name)) is not None:
            numbers[name] = joined(text)
    return numbers


def scenario(folder, upstreams):
    report = {"fault": Path(folder).name}
    report.update(json.loads(read(folder, "check.json", '{"failures": ["load_data.py check wrote no numbers"]}')))
    report["split"] = split(folder, upstreams)
    if report["fault"] == "cron":
        report["cron runs"] = cron_runs(folder)
    report.update(mail_numbers(folder))
    Path(folder, "report.json").write_text(json.dumps(report, indent=1), encoding="utf-8")
    print(f"\n{report['fault']}:")
    for key, value in report.items():
        print(f"  {key}: {value}")
    return report


def judge(r):
    """What failed in one scenario (a list of texts; empty: passed): every load check (no attendee row lost, doubled
    or holding an answer nobody was told about, no error users saw nor Odoo log line that the fault does not
    explain), no e-mail received twice, and the promise of its fault."""
    wrong = [failure[:300] for failure in r.get("failures", [])]
    if r.get("mails duplicated"):
        wrong.append(f"{r['mails duplicated']} e-mails received twice")
    fault = r["fault"]
    if fault in ("kill", "pg", "invite") and r.get("recovered after s") is None:
        wrong.append("the nodes did not serve again")
    if fault == "cron" and sum(r.get("cron runs", {}).values()) != 1:
        wrong.append(f"the daily job ran {r.get('cron runs')} times (once expected)")
    if "refused mails" in r:
        if not r["refused mails"]:
            wrong.append("the relay refused no e-mail (nothing was tested)")
        if r["refused mails delivered twice or more"] or r["refused mails never delivered"]:
            wrong.append(
                f"refused e-mails: {r['refused mails never delivered']} never delivered, "
                f"{r['refused mails delivered twice or more']} delivered twice"
            )
    if fault == "invite":
        match = re.match(r"(\d+) rows, (\d+) people, (\d+) marked invited", r.get("bulk session", ""))
        bulk = r.get("bulk members", 0)
        if not match or len(set(match.groups())) != 1:
            wrong.append(f"bulk session: {r.get('bulk session', 'no numbers')} (one row per person, each invited)")
        if not bulk or r.get("bulk members mailed") != bulk or r.get("bulk mails duplicated"):
            wrong.append(
                f"bulk invitations: {r.get('bulk members mailed')} of {bulk} new members mailed, "
                f"{r.get('bulk mails duplicated')} twice"
            )
        if "error: None" not in r.get("invite-2.txt", "") or "HTTP 200" not in r.get("invite-2.txt", ""):
            wrong.append(f"the second click: {r.get('invite-2.txt', 'no answer')}")
    if fault == "pdf":
        for name in ("pdf-1.txt", "pdf-2.txt"):
            answer = r.get(name, "")
            if "HTTP 422" not in answer or "could not be produced within" not in answer:
                wrong.append(f"{name}: no clear message: {answer[:200]}")
    return wrong


def verdict(reports):
    """The table of the scenarios, then one line: PASSED or FAILED with what failed (see `judge`); 0 or 1."""
    print(
        "\n| fault | requests (during fault) | errors seen by users (during fault; explained by the fault) "
        "| writes applied / refused / error | rows lost / duplicated / last answer lost | recovered after "
        "| node1 / node2 / passed on / no live node | checks |\n| --- | --- | --- | --- | --- | --- | --- | --- |"
    )
    failures, parts = [], []
    for r in reports:
        name, wrong, w, s = r["fault"], judge(r), r.get("writes", {}), r["split"]
        recovered = r.get("recovered after s")
        print(
            f"| {name} | {r.get('requests', '?')} ({r.get('requests during fault', '-')}) | {r.get('errors', '?')} "
            f"({r.get('errors during fault', '-')}; {r.get('errors', 0) - r.get('errors not explained', 0)}) | "
            f"{w.get('applied', '?')} / {w.get('refused', '?')} / {w.get('error', '?')} | {r.get('rows lost', '?')} / "
            f"{r.get('rows duplicated', '?')} / {r.get('last answer lost', '?')} | "
            f"{'-' if recovered is None else f'{recovered} s'} | {s.get('node1', 0)} / {s.get('node2', 0)} / "
            f"{s.get('passed on', 0)} / {s.get('no live node', 0)} | "
            f"{'passed' if not wrong else 'FAILED: ' + '; '.join(wrong)} |"
        )
        failures.extend(f"{name}: {failure}" for failure in wrong)
        if not wrong:
            summary = f"{name}: {r['requests']} requests, {w['applied']} writes applied, 0 lost, 0 duplicated"
            if "refused mails" in r:
                once, refused = r["refused mails delivered once"], r["refused mails"]
                summary += f", {once} of {refused} refused e-mails delivered once"
            parts.append(summary)
    print()
    if failures:
        print("cluster verdict: FAILED (" + "; ".join(failures) + ")")
        return 1
    print("cluster verdict: PASSED (" + "; ".join(parts) + ")")
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--upstreams", required=True, help="ADDRESS=NAME,...: each node's name in nginx's log")
    parser.add_argument("dirs", nargs="+", help="the scenarios' folders, each named after its fault")
    args = parser.parse_args()
    upstreams = dict(pair.split("=", 1) for pair in args.upstreams.split(","))
    return verdict([scenario(folder, upstreams) for folder in args.dirs])


if __name__ == "__main__":
    sys.exit(main())
