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
    summary = os.path.join(folder, "check.json")
    if os.path.exists(summary):
        with open(summary, encoding="utf-8") as summary_file:
            numbers.update(json.load(summary_file))
        numbers["check failures"] = numbers.pop("failures", [])
    numbers["checks"] = "passed" if "load checks: all passed" in text else "failed"
    numbers.setdefault("check failures", re.findall(r"CHECK FAILED: (.*)", text))
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
        if os.path.exists(os.path.join(folder, "bulk.json")):
            with open(os.path.join(folder, "bulk.json"), encoding="utf-8") as plan:
                numbers["bulk members"] = len(json.load(plan)["partner_ids"])
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
        # errors the fault explains, whatever the machine's speed: for a node killed, nginx's 502 on a request
        # in flight on it or sent to it before nginx knew (from the kill until the node serves again); for
        # PostgreSQL restarted, any error on a request in flight from the restart until both nodes serve again
        if args.fault in ("kill", "invite", "pg") and "recovered" in events:
            # invite: the killed node serves again before the second click and the mail queue (node_up)
            end = events.get("node_up", events["recovered"]) - started

            def explained(r):
                sent, answered = r[5] - r[2], r[5]
                if sent <= begin <= answered:
                    return True  # in flight at the kill or the restart: any error (a 502, a truncated answer)
                if args.fault == "pg" and answered >= begin and r[4] == "logged out":
                    return True  # Odoo logs out a session it served while the database was unusable
                in_fault = answered >= begin and sent <= end
                return in_fault and (args.fault == "pg" or r[1] == 502)

            report["errors explained by the fault"] = sum(1 for r in requests if not r[3] and explained(r))
    report["errors not explained"] = report["errors"] - report.get("errors explained by the fault", 0)
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
        "\n| fault | requests (during fault) | errors seen by users (during fault; explained by the fault) "
        "| writes applied / refused / error | rows lost / duplicated / last answer lost | recovered after "
        "| node1 / node2 / passed on / no live node | checks |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
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
        wrong = judge(r)
        print(
            f"| {r['fault']} | {r['requests']} ({during}) | {r['errors']} ({errors_during}; "
            f"{r['errors'] - r.get('errors not explained', r['errors'])}) | "
            f"{w['applied']} / {w['refused']} / {w['error']} | {r.get('rows lost', '?')} / "
            f"{r.get('rows duplicated', '?')} / {r.get('last answer lost', '?')} | "
            f"{'-' if recovered is None else f'{recovered} s'} | "
            f"{s.get('node1', 0)} / {s.get('node2', 0)} / {s.get('passed on', 0)} / {s.get('no live node', 0)} | "
            f"{'passed' if not wrong else 'FAILED: ' + '; '.join(wrong)} |"
        )


def judge(r):
    """What failed in one scenario (a list of texts; empty: passed). Every scenario is judged on the data (no
    attendee row lost, doubled or holding an answer nobody was told about, no e-mail received twice), on the
    errors users saw and Odoo's log lines the fault does not explain, and on the promise of its fault."""
    wrong = []
    for key in ("rows lost", "rows duplicated", "rows changed owner", "last answer lost", "refusals unexplained"):
        if r.get(key, 0) != 0 or (key in ("rows lost", "rows duplicated", "last answer lost") and key not in r):
            wrong.append(f"{key} {r.get(key, '?')}")
    if r.get("mails duplicated"):
        wrong.append(f"{r['mails duplicated']} e-mails received twice")
    if r.get("errors not explained", r.get("errors")):
        wrong.append(
            f"{r.get('errors not explained', r.get('errors'))} errors seen by users that the fault does not explain"
        )
    if r.get("log lines other") or r.get("log given up"):
        wrong.append(f"{r.get('log lines other', 0)} WARNING/ERROR lines in Odoo's log that the fault does not explain")
    others = [
        f
        for f in r.get("check failures", [])
        if not re.match(r"\d+ (responses 5xx|error responses shown to users|WARNING/ERROR lines)", f)
        and not f.startswith(("attendee rows:", "answers refused"))
        and "lost their last answer" not in f
    ]
    if others:
        wrong.append("load checks: " + "; ".join(others)[:300])
    return wrong + judge_fault(r)


def judge_fault(r):
    """What failed of the promise of the scenario's fault."""
    wrong = []
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


def verdict(folders):
    """One line: PASSED or FAILED with what failed (every scenario judged, see `judge`); 0 or 1."""
    failures, parts = [], []
    for folder in folders:
        path = os.path.join(folder, "report.json")
        if not os.path.exists(path):
            failures.append(f"{os.path.basename(folder)}: no report")
            continue
        with open(path, encoding="utf-8") as report_file:
            r = json.load(report_file)
        name = r["fault"]
        wrong = judge(r)
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
