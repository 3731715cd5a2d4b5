#!/usr/bin/env python3
# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Data and database checks of the multi-worker load test (`scripts/hbri load`), run with Odoo's Python.

    load_data.py prepare -c odoo.conf -d hbri_load --plan plan.json --base-url http://127.0.0.1:8069
    load_data.py check   -c odoo.conf -d hbri_load --plan plan.json --results results.json --odoo-log odoo.log

``prepare`` fills a database where hbri_partnership is installed (without demo data): member organizations
with an active membership and one representative each, who has a portal user; secretariat users; sessions
taking place today, to which every representative is invited with Odoo's own "Invite members" (the invitation
e-mails are queued, their RSVP links read back from the queued bodies, then the e-mails cancelled: this
machine sends no mail). It writes the plan the load driver (`scripts/load.py`) follows.

``check`` compares the database after the run with what the clients were told (see `check_rows`).
Hand-written: the data and the promises checked are ours; its log check counts what `checklog-odoo` cannot tell
apart, a serialization failure Odoo retried and the lines of a fault injected on purpose (`check_log`).
"""

import argparse
import json
import re
import sys
import time
from collections import Counter
from contextlib import closing
from datetime import date, timedelta
from pathlib import Path

from odoo import SUPERUSER_ID, api, fields
from odoo.fields import Command
from odoo.modules.registry import Registry
from odoo.tools import config

RSVP_LINK = re.compile(r'href="(https?://[^"]+/hbri/rsvp/[^"/]+/(accept|decline))"')
SECTORS = [f"hbri_partnership.hbri_sector_{key}" for key in ("business", "ngo", "academia", "donor")]
FINAL_STATES = ("attended", "absent")
SERIALIZATION_ERROR = "could not serialize access due to concurrent update"
EXPLAINED_BY_FAULT = ("kill", "pg", "invite")  # the cluster's faults that explain errors and log lines in their window
FAULT_LOG = {"pdf": [r"WARNING .* odoo\.http: The PDF could not be produced within"]}  # Odoo's lines of a fault


# ---------------------------------------------------------------------------------------------- prepare


def prepare(env, args):
    icp = env["ir.config_parameter"]
    # the RSVP links of the e-mails point at the load server; an admin login must not change it
    icp.set_param("web.base.url", args.base_url)
    icp.set_param("web.base.url.freeze", "True")
    today = fields.Date.context_today(env.user)
    guideline = env["hbri.guideline"].create(
        {"name": "Participation Guidelines", "version": "load-1", "date_effective": date(today.year - 2, 1, 1)}
    )
    organizations, representatives = create_members(env, args.reps, "Load", guideline, today)
    reps = [
        {"login": f"load_rep{index:03d}", "password": f"load-rep-{index:03d}", "partner_id": rep.id, "rows": []}
        for index, rep in enumerate(representatives)
    ]
    staff = [{"login": f"load_staff{index:02d}", "password": f"load-staff-{index:02d}"} for index in range(args.staff)]
    users = env["res.users"].with_context(no_reset_password=True)
    portal = [Command.set([env.ref("base.group_portal").id])]
    users.create([{k: rep[k] for k in ("login", "password", "partner_id")} | {"group_ids": portal} for rep in reps])
    secretariat = [Command.set([env.ref("hbri_partnership.hbri_partnership_group_secretariat").id])]
    names = [{"name": f"Load Secretariat {i:02d}", "email": f"staff{i:02d}@load.example"} for i in range(len(staff))]
    users.create([user | name | {"group_ids": secretariat} for user, name in zip(staff, names, strict=True)])
    # sessions of today: started an hour ago, end in five hours; invitations still answerable, attendance
    # taken at the door by the secretariat
    # several sessions on the same day: confirmed as additional to the quarter's roundtable
    sessions = env["hbri.roundtable.session"]
    for index in range(args.sessions):
        host = organizations[index % len(organizations)]
        sessions |= create_session(env, f"Load Session {index + 1}", timedelta(hours=-1), host, index > 0)
    inviter = env["res.users"].search([("login", "=", staff[0]["login"])]) if staff else env.user
    for session in sessions:  # the button acts on one session
        session.with_user(inviter).action_invite_members()
    attendees = env["hbri.session.attendee"].search([("session_id", "in", sessions.ids)])
    links = read_rsvp_links(env, attendees)
    # members who joined after the invitations: the staff all click "Invite members" at once when the run starts
    late = create_members(env, args.late, "Late", guideline, today)
    # this machine sends no mail: the queue's scheduled action stays off in this throwaway database
    env.ref("mail.ir_cron_mail_scheduler_action").active = False
    rep_by_partner = {rep["partner_id"]: rep for rep in reps}
    rows = [{"id": a.id, "session_id": a.session_id.id, "partner_id": a.partner_id.id} for a in attendees]
    for row in rows:
        rep_by_partner[row["partner_id"]]["rows"].append(dict(row, links=links[row["id"]]))
    expected = len(reps) * len(sessions)
    if len(rows) != expected:
        sys.exit(f"prepare: {len(rows)} attendee rows created, {expected} expected")
    plan = {"db": env.cr.dbname, "base_url": args.base_url, "sessions": sessions.ids, "reps": reps, "staff": staff}
    plan |= {"rows": rows, "late_partners": late[1].ids}
    Path(args.plan).write_text(json.dumps(plan, indent=1), encoding="utf-8")
    print(
        f"prepared {env.cr.dbname}: {len(organizations)} member organizations, {len(reps)} representatives with "
        f"portal users, {len(staff)} secretariat users, {len(sessions)} sessions of today, {len(rows)} invitations "
        f"(RSVP links read from the {len(rows)} queued e-mails), {len(late[0])} members who joined after the "
        "invitations",
        flush=True,
    )


def create_members(env, count, prefix, guideline, today):
    """``count`` member organizations with an active membership and one primary representative each."""
    organizations = env["res.partner"].create(
        [
            {
                "name": f"{prefix} Member {index:03d}",
                "is_company": True,
                "hbri_sector_id": env.ref(SECTORS[index % len(SECTORS)]).id,
                "email": f"info@{prefix.lower()}{index:03d}.example",
            }
            for index in range(count)
        ]
    )
    representatives = env["res.partner"].create(
        [
            {
                "name": f"{prefix} Representative {index:03d}",
                "parent_id": org.id,
                "email": f"rep{index:03d}@{prefix.lower()}.example",
                "hbri_representative_role": "primary",
                "hbri_representative_active": True,
            }
            for index, org in enumerate(organizations)
        ]
    )
    year_ago = today - timedelta(days=365)
    membership = {"date_start": year_ago, "date_accepted": year_ago, "state": "active", "guideline_id": guideline.id}
    env["hbri.membership"].create(
        [
            dict(membership, partner_id=org.id, accepted_by_id=rep.id)
            for org, rep in zip(organizations, representatives, strict=True)
        ]
    )
    return organizations, representatives


def create_session(env, name, start_in, host, additional):
    """A session with a complete invitation (where to go, a confirmed host): *Invite members* invites at once
    instead of asking whether to send an incomplete one. In English: the driver reads the pages' texts."""
    start = fields.Datetime.now().replace(microsecond=0) + start_in
    values = {"name": name, "date_start": start, "date_end": start + timedelta(hours=6), "tz": "Asia/Jakarta"}
    values.update(language="en_US", online_url="https://meet.example.com/load", is_additional=additional)
    session = env["hbri.roundtable.session"].create(dict(values, host_partner_id=host.id))
    session.action_confirm_host()
    return session


def read_rsvp_links(env, attendees):
    """The accept/decline links of each attendee's queued invitation e-mail; the e-mails are then cancelled."""
    mails = env["mail.mail"].search(
        [("model", "=", "hbri.session.attendee"), ("res_id", "in", attendees.ids), ("state", "=", "outgoing")]
    )
    links = {}
    for mail in mails:
        found = {answer: url for url, answer in RSVP_LINK.findall(str(mail.body_html or ""))}
        if set(found) == {"accept", "decline"}:
            links[mail.res_id] = found
    missing = set(attendees.ids) - set(links)
    if missing:
        sys.exit(f"prepare: no invitation e-mail with both RSVP links for attendee rows {sorted(missing)[:10]}")
    mails.write({"state": "cancel"})
    return links


def prepare_bulk(env, args):
    """``--count`` more members and a session nobody is invited to yet (the cluster's interrupted invitation)."""
    today = fields.Date.context_today(env.user)
    guideline = env["hbri.guideline"].search([], limit=1)
    organizations, representatives = create_members(env, args.count, "Bulk", guideline, today)
    # additional: the load sessions may hold this quarter's roundtable
    session = create_session(env, "Bulk Session", timedelta(days=7), organizations[0], True)
    plan = {"session_id": session.id, "partner_ids": representatives.ids}
    Path(args.plan).write_text(json.dumps(plan), encoding="utf-8")
    print(f"prepared {args.count} more members and the session {session.id} with no invitation", flush=True)


# ---------------------------------------------------------------------------------------------- check


def expected_states(writes, uncertain=()):
    """The states a row may hold after the run, from the writes the clients were told were applied.

    Each write is the driver's record (value, sent, received: times in its clock). A write w is *superseded*
    when another applied write on the same row was sent after w's answer was received: the server then ran it
    after w, whatever the workers did. The final state must be the value of one write that is not superseded (among
    overlapping writes, either may have committed last). No applied write: the row keeps its initial state.

    ``uncertain`` writes got no answer from Odoo (the node serving them died, nginx answered 502): they may have
    been committed or not, so the row may hold their value too unless an applied write superseded them, and
    without any applied write it may still hold its initial state. They are never a reason to lose an
    applied write.
    """
    candidates = [*writes, *uncertain]
    allowed = {write["value"] for write in candidates if not any(other["sent"] > write["received"] for other in writes)}
    if not writes:
        allowed.add("invited")
    return allowed


def check_rows(cr, plan, results):
    failures = []
    sessions = plan["sessions"]
    cr.execute(
        "SELECT id, session_id, partner_id, state FROM hbri_session_attendee WHERE session_id = ANY(%s)", (sessions,)
    )
    db_rows = {row_id: (session_id, partner_id, state) for row_id, session_id, partner_id, state in cr.fetchall()}
    pairs = Counter(row[:2] for row in db_rows.values())
    duplicates = [(*pair, count) for pair, count in pairs.items() if count > 1]
    planned = {row["id"]: (row["session_id"], row["partner_id"]) for row in plan["rows"]}
    # the late members' rows are created during the run, by the staff's simultaneous "Invite members"
    late_pairs = {(session, partner) for session in sessions for partner in plan.get("late_partners", [])}
    lost = sorted(set(planned) - set(db_rows))
    moved = sorted(row_id for row_id in set(planned) & set(db_rows) if db_rows[row_id][:2] != planned[row_id])
    added = {db_rows[row_id][:2] for row_id in set(db_rows) - set(planned)}
    extra = sorted(added - late_pairs)
    missing_late = sorted(late_pairs - added)
    # a late member missing from a session whose *Invite members* a staff user was told had succeeded is a lost
    # write; from a session where every click failed (each user saw the error), an invitation nobody was told of
    invites = results.get("invites")
    acknowledged = {session for session, ok in invites if ok} if invites is not None else set(sessions)
    missing_acknowledged = [pair for pair in missing_late if pair[0] in acknowledged]
    expected = len(planned) + len(late_pairs)
    print(
        f"rows: {len(db_rows)} in the database, {expected} expected ((representatives + late members) x sessions); "
        f"lost {len(lost)}, late members not invited {len(missing_acknowledged)}, unexpected {len(extra)}, "
        f"duplicated (session, person) {len(duplicates)}, changed owner {len(moved)}; sessions whose Invite "
        f"members succeeded {len(acknowledged)} of {len(sessions)}"
    )
    if lost or extra or missing_late or duplicates or moved or len(db_rows) != expected:
        failures.append(
            f"attendee rows: lost {lost[:10]}, not invited {missing_late[:10]}, unexpected {extra[:10]}, "
            f"duplicates {duplicates[:10]}"
        )

    # the writes of each row by outcome; an error: committed or not, the user was not told it was recorded
    by_row = {"applied": {}, "refused": {}, "error": {}}
    for write in results["writes"]:
        by_row[write["outcome"]].setdefault(write["row"], []).append(write)
    applied, refused, uncertain = by_row.values()
    wrong = []
    for row_id, (_session, _partner, state) in db_rows.items():
        allowed = expected_states(applied.get(row_id, []), uncertain.get(row_id, []))
        if state not in allowed:
            wrong.append((row_id, state, sorted(allowed)))
    written = sum(1 for row_id in db_rows if row_id in applied)
    print(
        f"last answers: {len(db_rows) - len(wrong)} of {len(db_rows)} rows hold the last applied write the "
        f"clients were told about ({written} rows written, {sum(map(len, applied.values()))} applied writes)"
    )
    if wrong:
        failures.append(f"{len(wrong)} rows lost their last answer, e.g. (row, state, expected) {wrong[:5]}")

    # A representative is refused only when the secretariat had recorded the attendance: an applied staff
    # write of attended/absent on that row was sent before the refusal was received.
    unexplained = []
    for row_id, refusals in refused.items():
        # an attendance mark that got an error may have been committed before its node died
        marks = [w["sent"] for w in applied.get(row_id, []) + uncertain.get(row_id, []) if w["value"] in FINAL_STATES]
        for refusal in refusals:
            if not any(sent < refusal["received"] for sent in marks):
                unexplained.append((row_id, refusal["kind"]))
    total_refused = sum(map(len, refused.values()))
    print(
        f"refusals: {total_refused} answers refused because the attendance was already recorded, "
        f"{len(unexplained)} without a prior attendance mark"
    )
    if unexplained:
        failures.append(f"{len(unexplained)} answers refused with no attendance recorded before: {unexplained[:5]}")
    numbers = {
        "rows lost": len(lost) + len(missing_acknowledged),
        "late members not invited, every click failed": len(missing_late) - len(missing_acknowledged),
        "rows duplicated": len(extra) + len(duplicates),
        "rows changed owner": len(moved),
        "last answer lost": len(wrong),
        "refusals unexplained": len(unexplained),
    }
    return failures, numbers


def log_time(line):
    """Epoch seconds of an Odoo log line (its local time), None when the line has none."""
    match = re.match(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d),(\d{3}) ", line)
    if not match:
        return None
    return time.mktime(time.strptime(match.group(1), "%Y-%m-%d %H:%M:%S")) + int(match.group(2)) / 1000


def fault_window(path):
    """The events of a cluster fault (scripts/cluster.sh: name and epoch seconds), and the fault's window: from the
    fault until the nodes serve again, plus 5 s (the invite fault's node serves again, node_up, before its second
    click and mail queue; the others at recovered). No window without a fault."""
    events = {}
    with open(path, encoding="utf-8") as lines:
        for name, wall in (line.split() for line in lines if line.strip()):
            events.setdefault(name, float(wall))
    if "fault" not in events:
        return events, None
    return events, (events["fault"], events.get("node_up", events.get("recovered", time.time() - 5)) + 5)


def check_requests(results, fault, window):
    """The errors users saw; a failure unless the fault explains it. A node killed (kill, invite) explains nginx's
    502 on a request in flight on it or sent within the window; PostgreSQL restarted (pg) any error of a request
    within it, and the logouts Odoo makes after it. Requests are (kind, status, seconds, ok, note, answered at)."""
    requests = results.get("requests", [])
    explains = fault in EXPLAINED_BY_FAULT and window

    def explained(r):
        sent, answered = r[5] - r[2], r[5]
        if sent <= window[0] <= answered:
            return True  # in flight at the kill or the restart: any error (a 502, a truncated answer)
        if fault == "pg" and answered >= window[0] and r[4] == "logged out":
            return True
        return answered >= window[0] and sent <= window[1] and (fault == "pg" or r[1] == 502)

    errors = [r for r in requests if not r[3]]
    during = [r for r in requests if window and window[0] <= r[5] <= window[1]]
    unexplained = [r for r in errors if not (explains and explained(r))]
    writes = results.get("writes", [])
    numbers = {
        "requests": len(requests),
        "errors": len(errors),
        "5xx": sum(1 for r in errors if r[1] >= 500),
        "no answer": sum(1 for r in errors if r[1] == 0),
        "requests during fault": len(during) if window else "-",
        "errors during fault": sum(1 for r in during if not r[3]) if window else "-",
        "errors by kind": dict(Counter(f"{r[0]} {r[1]}" for r in errors)),
        "errors not explained": len(unexplained),
        "writes": {o: sum(1 for w in writes if w["outcome"] == o) for o in ("applied", "refused", "error")},
    }
    print(
        f"requests: {len(requests)}, {len(errors)} errors seen by users ({numbers['5xx']} 5xx, "
        f"{numbers['no answer']} unanswered), {len(unexplained)} not explained by a fault"
    )
    notes = sorted({f"{r[0]} {r[1]} {r[4]}"[:200] for r in unexplained})
    return ([f"{len(unexplained)} errors seen by users, e.g. {notes[:5]}"] if unexplained else []), numbers


def check_log(path, window=None, allow=()):
    """Serialization failures Odoo retried, and any other WARNING/ERROR/CRITICAL line of the run.

    Odoo logs the failed UPDATE of a concurrent-update conflict as an ERROR ("bad query" followed by
    "ERROR: could not serialize access due to concurrent update") before it retries the request (INFO
    "SERIALIZATION_FAILURE, N tries left"): those are conflicts, not failures, as long as no request gave up
    ("maximum number of tries reached"). A fault injected on purpose makes Odoo log what it met: the lines
    within ``window`` (from, to) or matching an ``allow`` pattern (the PDF time limit's message) are the
    fault's, counted and shown but not failures.
    """
    lines = Path(path).read_text(encoding="utf-8", errors="replace").splitlines()
    retried = maxed = conflicts = 0
    bad, expected = [], []
    for index, line in enumerate(lines):
        if "tries left, try again" in line:
            retried += 1
        if "maximum number of tries reached" in line:
            maxed += 1
        if not re.match(r"^\S+ \S+ \d+ (WARNING|ERROR|CRITICAL) ", line):
            continue
        following = lines[index + 1 : index + 4]
        at = log_time(line)
        if " odoo.sql_db: bad query: " in line and any(SERIALIZATION_ERROR in other for other in following):
            conflicts += 1
        elif (window and at is not None and window[0] <= at <= window[1]) or any(re.search(p, line) for p in allow):
            expected.append(line)
        else:
            bad.append(line)
    print(
        f"Odoo's log: {conflicts} concurrent-update conflicts (logged by Odoo as 'bad query'), {retried} requests "
        f"retried by Odoo, {maxed} given up, {len(expected)} WARNING/ERROR lines of the fault, {len(bad)} other "
        "WARNING/ERROR lines"
    )
    for line in expected[:5]:
        print(f"  (the fault's) {line[:300]}")
    for line in bad[:10]:
        print(f"  {line[:300]}")
    failures = []
    if maxed:
        failures.append(f"{maxed} requests gave up after Odoo's retries")
    if conflicts > retried:
        failures.append(f"{conflicts - retried} concurrent-update conflicts were not retried")
    if bad:
        failures.append(f"{len(bad)} WARNING/ERROR lines in Odoo's log")
    return failures, {"log lines of the fault": len(expected), "log lines other": len(bad), "log given up": maxed}


def check(registry, args):
    plan, results = (json.loads(Path(path).read_text(encoding="utf-8")) for path in (args.plan, args.results))
    with closing(registry.cursor()) as cr:
        failures, numbers = check_rows(cr, plan, results)
    events, window = fault_window(args.fault_events) if args.fault_events else ({}, None)
    request_failures, request_numbers = check_requests(results, args.fault, window)
    failures += request_failures
    numbers.update(request_numbers)
    if "fault" in events:
        numbers["fault at s"] = round(events["fault"] - results["started"], 1)
        recovered = events.get("recovered")
        numbers["recovered after s"] = None if recovered is None else round(recovered - events["fault"], 1)
    if args.odoo_log:
        log_window = window if args.fault in EXPLAINED_BY_FAULT else None
        log_failures, log_numbers = check_log(args.odoo_log, log_window, FAULT_LOG.get(args.fault, ()))
        failures += log_failures
        numbers.update(log_numbers)
    failures += results.get("failures", [])
    for failure in failures:
        print(f"CHECK FAILED: {failure}")
    print("load checks: " + ("FAILED" if failures else "all passed"))
    if args.summary:
        Path(args.summary).write_text(json.dumps(numbers | {"failures": failures}, indent=1), encoding="utf-8")
    return 1 if failures else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("step", choices=["prepare", "check", "bulk"])
    parser.add_argument("--count", type=int, default=300, help="bulk: members to add")
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--plan", required=True)
    parser.add_argument("--results")
    parser.add_argument("--odoo-log")
    parser.add_argument("--fault", default="none", help="check: the cluster's fault (what it explains is no failure)")
    parser.add_argument("--fault-events", help="check: the cluster fault's events (scripts/cluster.sh)")
    parser.add_argument("--summary", help="check: the numbers of the checks as JSON")
    parser.add_argument("--base-url", default="http://127.0.0.1:8069")
    parser.add_argument("--reps", type=int, default=20)
    parser.add_argument("--staff", type=int, default=5)
    parser.add_argument("--sessions", type=int, default=3)
    parser.add_argument("--late", type=int, default=5, help="members to invite when the run starts")
    parser.add_argument("--logfile")
    args = parser.parse_args()
    logfile = ["--logfile", args.logfile] if args.logfile else []
    config.parse_config(["-c", args.config, "--no-http", *logfile], setup_logging=True)
    registry = Registry(args.database)
    if args.step == "check":
        return check(registry, args)
    with registry.cursor() as cr:
        step = prepare_bulk if args.step == "bulk" else prepare
        step(api.Environment(cr, SUPERUSER_ID, {"lang": "en_US", "tracking_disable": True}), args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
