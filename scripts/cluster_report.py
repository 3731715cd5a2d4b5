#!/usr/bin/env python3
# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Numbers of one scenario of `scripts/hbri cluster` (standard library only), and the table of all of them.

    cluster_report.py --fault kill --dir .hbri/cluster/kill --upstreams 127.0.0.1:8291=node1,127.0.0.1:8292=node2
    cluster_report.py --table --dirs .hbri/cluster/none .hbri/cluster/kill ...
    cluster_report.py --verdict --dirs .hbri/cluster/smtp    (one line, PASSED or FAILED; exit status 1 on FAILED)

A scenario's folder holds the load driver's results.json (every request with its answer time), `started` (the
wall-clock time the clients started), `events` (the fault injector's: `fault`, `recovered`, wall-clock times),
nginx's access log of the run (with $upstream_addr), both nodes' Odoo logs and the load test's check output.
"""

import argparse
import json
import os
import re
import sys

CRON_NAME = "Roundtable: end memberships and remind renewals"


def read_events(folder):
    events = {}
    path = os.path.join(folder, "events")
    if os.path.exists(path):
        with open(path, encoding="utf-8") as lines:
            for line in lines:
                name, _sep, wall = line.strip().partition(" ")
                if name:
                    events.setdefault(name, float(wall))
    return events


def split(folder, upstreams):
    """Requests per node from nginx's $upstream_addr; "a, b" is a request nginx passed on to the other node."""
    counts = {}
    with open(os.path.join(folder, "access.log"), encoding="utf-8", errors="replace") as lines:
        for line in lines:
            match = re.search(r"upstream=(.*?) ustatus=", line)
            if not match:
                continue
            addresses = [a.strip() for a in match.group(1).split(",")]
            if len(addresses) > 1:
                key = "passed on"
            elif addresses[0] == "odoo":  # nginx names the upstream block when no node was left to try
                key = "no live node"
            else:
                key = upstreams.get(addresses[0], addresses[0])
            counts[key] = counts.get(key, 0) + 1
    return counts


def check_numbers(folder):
    with open(os.path.join(folder, "check.txt"), encoding="utf-8", errors="replace") as check:
        text = check.read()
    numbers = {}
    match = re.search(
        r"lost (\d+), late members not invited (\d+), unexpected (\d+), duplicated \S+ person\) (\d+)", text
    )
    if match:
        numbers["rows lost"] = int(match.group(1)) + int(match.group(2))
        numbers["rows duplicated"] = int(match.group(3)) + int(match.group(4))
    match = re.search(r"last answers: (\d+) of (\d+) rows", text)
    if match:
        numbers["last answer lost"] = int(match.group(2)) - int(match.group(1))
    numbers["checks"] = "passed" if "load checks: all passed" in text else "failed"
    numbers["check failures"] = re.findall(r"CHECK FAILED: (.*)", text)
    return numbers


def cron_runs(folder):
    runs = {}
    for node in ("node1", "node2"):
        path = os.path.join(folder, f"{node}.log")
        if os.path.exists(path):
            with open(path, encoding="utf-8", errors="replace") as log:
                runs[node] = sum(1 for line in log if f"Job '{CRON_NAME}'" in line and "starting" in line)
    return runs


def mail_numbers(folder):
    """Messages the SMTP sink accepted (duplicates: the same recipients and subject twice) and the queue after."""
    received = []
    path = os.path.join(folder, "smtp-messages.jsonl")
    if os.path.exists(path):
        with open(path, encoding="utf-8") as lines:
            received = [json.loads(line) for line in lines if line.strip()]
    keys = [(tuple(sorted(m["to"])), m["subject"]) for m in received]
    queue = ""
    if os.path.exists(os.path.join(folder, "mail-queue.txt")):
        with open(os.path.join(folder, "mail-queue.txt"), encoding="utf-8") as queue_file:
            queue = "; ".join(line.strip() for line in queue_file if line.strip())
    numbers = {"mails received": len(received), "mails duplicated": len(keys) - len(set(keys)), "mail queue": queue}
    refused_path = os.path.join(folder, "mail-refused.txt")
    if os.path.exists(refused_path):
        # each e-mail the relay refused (recipient, subject): how many times the sink received it afterwards
        with open(refused_path, encoding="utf-8") as lines:
            refused = [tuple(line.rstrip("\n").split("\t", 1)) for line in lines if line.strip()]
        per_recipient = {}
        for message in received:
            for to in message["to"]:
                key = (to.lower(), message["subject"])
                per_recipient[key] = per_recipient.get(key, 0) + 1
        expected = {}
        for key in refused:
            expected[key] = expected.get(key, 0) + 1
        # one entry per refused e-mail: 1 delivered as often as it was queued, 0 never, 2 more often
        times = []
        for key, count in expected.items():
            got = per_recipient.get(key, 0)
            times += [0 if got == 0 else 1 if got == count else 2] * count
        numbers["refused mails"] = len(refused)
        numbers["refused mails delivered once"] = sum(1 for n in times if n == 1)
        numbers["refused mails delivered twice or more"] = sum(1 for n in times if n > 1)
        numbers["refused mails never delivered"] = sum(1 for n in times if n == 0)
    if os.path.exists(os.path.join(folder, "mail-queue-refused.txt")):
        with open(os.path.join(folder, "mail-queue-refused.txt"), encoding="utf-8") as refused:
            numbers["mail queue while refused"] = "; ".join(line.strip() for line in refused if line.strip())
    bulk = [key for key in keys if any(to.endswith("@bulk.example") for to in key[0])]
    if os.path.exists(os.path.join(folder, "invite-rows.txt")):
        with open(os.path.join(folder, "invite-rows.txt"), encoding="utf-8") as rows:
            numbers["bulk session"] = rows.read().strip()
        numbers["bulk members mailed"] = len({key[0] for key in bulk})
        numbers["bulk mails duplicated"] = len(bulk) - len(set(bulk))
    for name in ("pdf-1.txt", "pdf-2.txt"):
        if os.path.exists(os.path.join(folder, name)):
            with open(os.path.join(folder, name), encoding="utf-8") as answer:
                numbers[name] = " | ".join(line.strip() for line in answer if line.strip())
    if os.path.exists(os.path.join(folder, "invite-rows.txt")):
        for name in ("invite-1.txt", "invite-2.txt"):
            if os.path.exists(os.path.join(folder, name)):
                with open(os.path.join(folder, name), encoding="utf-8") as answer:
                    numbers[name] = " | ".join(line.strip() for line in answer if line.strip())
    return numbers


def scenario(args):
    folder = args.dir
    upstreams = dict(pair.split("=", 1) for pair in args.upstreams.split(","))
    with open(os.path.join(folder, "results.json"), encoding="utf-8") as results_file:
        results = json.load(results_file)
    requests = results.get("requests", [])
    events = read_events(folder)
    started = None
    if os.path.exists(os.path.join(folder, "started")):
        with open(os.path.join(folder, "started"), encoding="utf-8") as started_file:
            started = float(started_file.read().strip())
    report = {"fault": args.fault, "requests": len(requests), "elapsed": round(results.get("elapsed", 0), 1)}
    report["errors"] = sum(1 for r in requests if not r[3])
    report["5xx"] = sum(1 for r in requests if r[1] >= 500)
    report["no answer"] = sum(1 for r in requests if r[1] == 0)
    if "fault" in events and started is not None:
        begin = events["fault"] - started
        end = events.get("recovered", events["fault"] + 60) - started
        window = [r for r in requests if begin <= r[5] <= end + 5]
        report["fault at s"] = round(begin, 1)
        report["recovered after s"] = round(events["recovered"] - events["fault"], 1) if "recovered" in events else None
        report["requests during fault"] = len(window)
        report["errors during fault"] = sum(1 for r in window if not r[3])
        kinds = {}
        for r in window:
            if not r[3]:
                key = f"{r[0]} {r[1]}"
                kinds[key] = kinds.get(key, 0) + 1
        report["errors by kind"] = kinds
    writes = results.get("writes", [])
    report["writes"] = {o: sum(1 for w in writes if w["outcome"] == o) for o in ("applied", "refused", "error")}
    report["split"] = split(folder, upstreams)
    report.update(check_numbers(folder))
    if args.fault == "cron":
        report["cron runs"] = cron_runs(folder)
    report.update(mail_numbers(folder))
    with open(os.path.join(folder, "report.json"), "w", encoding="utf-8") as out:
        json.dump(report, out, indent=1)
    for key, value in report.items():
        print(f"{key}: {value}")


def table(folders):
    print(
        "\n| fault | requests (during fault) | errors seen by users (during fault) | writes applied / refused / error "
        "| rows lost / duplicated / last answer lost | recovered after | node1 / node2 / passed on / no live node |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for folder in folders:
        path = os.path.join(folder, "report.json")
        if not os.path.exists(path):
            continue
        with open(path, encoding="utf-8") as report_file:
            r = json.load(report_file)
        during = r.get("requests during fault", "-")
        errors_during = r.get("errors during fault", "-")
        w = r["writes"]
        s = r["split"]
        recovered = r.get("recovered after s")
        print(
            f"| {r['fault']} | {r['requests']} ({during}) | {r['errors']} ({errors_during}) | "
            f"{w['applied']} / {w['refused']} / {w['error']} | {r.get('rows lost', '?')} / "
            f"{r.get('rows duplicated', '?')} / {r.get('last answer lost', '?')} | "
            f"{'-' if recovered is None else f'{recovered} s'} | "
            f"{s.get('node1', 0)} / {s.get('node2', 0)} / {s.get('passed on', 0)} / {s.get('no live node', 0)} |"
        )


def verdict(folders):
    """One line: PASSED or FAILED with what failed (every check of every scenario is judged); 0 or 1."""
    failures, parts = [], []
    for folder in folders:
        path = os.path.join(folder, "report.json")
        if not os.path.exists(path):
            failures.append(f"{os.path.basename(folder)}: no report")
            continue
        with open(path, encoding="utf-8") as report_file:
            r = json.load(report_file)
        name = r["fault"]
        wrong = []
        for key in ("rows lost", "rows duplicated", "last answer lost"):
            if r.get(key) != 0:
                wrong.append(f"{key} {r.get(key, '?')}")
        if r.get("5xx"):
            wrong.append(f"{r['5xx']} responses 5xx")
        if r.get("errors"):
            wrong.append(f"{r['errors']} errors seen by users")
        if r.get("checks") != "passed":
            wrong.append("load checks failed: " + "; ".join(r.get("check failures", []))[:300])
        if r.get("mails duplicated"):
            wrong.append(f"{r['mails duplicated']} e-mails received twice")
        if "refused mails" in r:
            if not r["refused mails"]:
                wrong.append("the relay refused no e-mail (nothing was tested)")
            if r["refused mails delivered twice or more"] or r["refused mails never delivered"]:
                wrong.append(
                    f"refused e-mails: {r['refused mails never delivered']} never delivered, "
                    f"{r['refused mails delivered twice or more']} delivered twice"
                )
        writes = r.get("writes", {})
        summary = (
            f"{name}: {r['requests']} requests, {writes.get('applied', 0)} writes applied, 0 lost, 0 duplicated"
            if not wrong
            else f"{name}: " + ", ".join(wrong)
        )
        if "refused mails" in r and not wrong:
            summary += f", {r['refused mails delivered once']} of {r['refused mails']} refused e-mails delivered once"
        parts.append(summary)
        failures.extend(f"{name}: {w}" for w in wrong)
    if failures:
        print("cluster verdict: FAILED (" + "; ".join(failures) + ")")
        return 1
    print("cluster verdict: PASSED (" + "; ".join(parts) + ")")
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fault")
    parser.add_argument("--dir")
    parser.add_argument("--upstreams", default="")
    parser.add_argument("--table", action="store_true")
    parser.add_argument("--verdict", action="store_true", help="judge every check of the scenarios in --dirs")
    parser.add_argument("--dirs", nargs="*", default=[])
    args = parser.parse_args()
    if args.verdict:
        return verdict(args.dirs)
    if args.table:
        table(args.dirs)
    else:
        scenario(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
