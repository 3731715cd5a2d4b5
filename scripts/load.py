#!/usr/bin/env python3
# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Load driver of `scripts/hbri load` and `scripts/hbri cluster`: representatives and secretariat staff at once.

    load.py --plan plan.json --results results.json [--duration 120] [--think 0.5]

    load.py --click http://127.0.0.1:8290 --db hbri_cluster --login L --password P (--invite SESSION | --pdf PATH)

Runs in its own virtual environment (requests only), with plain threads, and talks only to the loopback server
named in the plan. Representatives answer their invitations through the e-mail links and the portal, staff users
take attendance in the back office and click *Invite members* all at once when the run starts; every request
and every write is recorded for `load_data.py check` (what each user does and why: docs/load-test.md).
Plain threads, not Locust: Locust 2.47 drivers lost logins that load.py kept, in round 15 and again in round 18
(docs/load-test.md, "Why not Locust").
"""

import argparse
import json
import random
import re
import statistics
import sys
import threading
import time
from collections import Counter
from contextlib import suppress
from pathlib import Path
from urllib.parse import urlsplit

import requests

MAX_REQUESTS_PER_CLIENT = 20000
LOGIN_ATTEMPTS = 5
TIMEOUT = 60  # seconds, per request; Odoo's own limit_time_real is 120
CSRF = re.compile(r'name="csrf_token"\s+value="([^"]+)"')
PORTAL_FORM = re.compile(r'action="/my/roundtable/rsvp/(\d+)/(accept|decline)"')
PORTAL_MESSAGES = {
    "accept": "your attendance is confirmed",
    "ecline": "Your answer was recorded",
    "_error": "This answer can no longer be changed",
}
ERROR_PAGE = ("Internal Server Error", "Traceback", "odoo.exceptions")
ANSWER_VALUE = {"accept": "accepted", "decline": "declined"}
SESSION, ATTENDEE = "hbri.roundtable.session", "hbri.session.attendee"
NAMED = {"fields": {"display_name": {}}}
STAFF_FIELDS = ("role", "state", "date_answered", "eligibility_issue")
STAFF_SPEC = {"partner_id": NAMED, "organization_id": NAMED} | {key: {} for key in STAFF_FIELDS}


class LoginFailed(RuntimeError):
    pass


class Recorder:
    """Requests and writes of all clients; thread-safe."""

    def __init__(self):
        self.lock = threading.Lock()
        self.requests = []  # (kind, status, seconds, ok, note, answered at), times in epoch seconds
        self.writes = []
        self.invites = []  # (session, ok): the staff's *Invite members* clicks and whether Odoo said it was done
        self.started = time.time()

    def request(self, kind, status, seconds, ok, note=""):
        with self.lock:
            self.requests.append((kind, status, seconds, ok, note, time.time()))

    def write(self, **values):
        with self.lock:
            self.writes.append(values)


class Client(threading.Thread):
    def __init__(self, name, base_url, recorder, deadline, seed):
        super().__init__(name=name, daemon=True)
        self.base_url = base_url
        self.recorder = recorder
        self.deadline = deadline
        self.rng = random.Random(seed)
        self.count = 0
        self.failure = None

    def pause(self):
        """A person reads the page before the next click: 0 to 2 x --think seconds, never past the deadline."""
        time.sleep(max(0.0, min(self.rng.uniform(0, 2 * self.think), self.deadline - time.monotonic())))

    def running(self):
        return time.monotonic() < self.deadline and self.count < MAX_REQUESTS_PER_CLIENT

    def after_login(self):
        """What the user does once, right after logging in."""

    def record(self, kind, response, sent, received, ok, note=""):
        """A request that was answered (timed() recorded the others)."""
        if response is not None:
            self.recorder.request(kind, response.status_code, received - sent, ok, note)

    def answered(self, kind, row_id, value, response, sent, received, applied, refused=False):
        """A write's answer for load_data.py check: the request (unless none came back) and the write."""
        outcome = "applied" if applied else "refused" if refused else "error"
        self.record(kind, response, sent, received, outcome != "error", outcome)
        self.recorder.write(row=row_id, kind=kind, value=value, sent=sent, received=received, outcome=outcome)

    def timed(self, kind, http, method, url, **kwargs):
        """One request; returns (response, sent, received) in epoch seconds, response None on failure."""
        self.count += 1
        sent = time.time()
        try:
            response = http.request(method, url, timeout=TIMEOUT, allow_redirects=False, **kwargs)
        except requests.RequestException as exc:
            response = None
            self.recorder.request(kind, 0, time.time() - sent, False, f"{type(exc).__name__}: {exc}")
        return response, sent, time.time()

    def run(self):
        try:
            # a login that failed (the node serving it died, the database restarted) is tried again after a
            # pause, as a person does; the failed attempts stay counted as errors the user saw
            for attempt in range(LOGIN_ATTEMPTS):
                try:
                    self.login()
                    break
                except LoginFailed:
                    if attempt == LOGIN_ATTEMPTS - 1 or not self.running():
                        raise
                    time.sleep(min(2.0, max(0.0, self.deadline - time.monotonic())))
            self.after_login()
            while self.running():
                self.step()
                self.pause()
        except Exception as exc:  # noqa: BLE001 - a client that dies is a failed run, reported with its reason
            self.failure = f"{self.name}: {type(exc).__name__}: {exc}"


class Representative(Client):
    def __init__(self, rep, *args):
        super().__init__(rep["login"], *args)
        self.rep = rep
        self.portal = requests.Session()
        self.mail_client = requests.Session()  # no cookies of the portal: a link opened from a mail client
        self.rows = {row["id"]: row for row in rep["rows"]}

    def login(self):
        url = f"{self.base_url}/web/login"
        response, sent, received = self.timed("portal login", self.portal, "GET", url)
        token = CSRF.search(response.text) if response is not None else None
        self.record("portal login", response, sent, received, bool(token))
        if not token:
            raise LoginFailed("no login form")
        data = {"login": self.rep["login"], "password": self.rep["password"], "csrf_token": token.group(1)}
        data["redirect"] = "/my/roundtable"
        response, sent, received = self.timed("portal login", self.portal, "POST", url, data=data)
        ok = response is not None and response.status_code in (302, 303) and "session_id" in self.portal.cookies
        self.record("portal login", response, sent, received, ok)
        if not ok:
            raise LoginFailed(f"login of {self.rep['login']} failed")

    def step(self):
        if self.rng.random() < 0.5:
            self.answer_by_mail()
        else:
            self.answer_on_portal()

    def answer_by_mail(self):
        row = self.rows[self.rng.choice(list(self.rows))]
        answer = self.rng.choice(("accept", "decline"))
        kind = "rsvp e-mail link"
        # opening the link shows the invitation and a confirmation form; it records nothing
        link = row["links"][answer]
        response, sent, received = self.timed("rsvp e-mail page", self.mail_client, "GET", link)
        if response is None:
            return
        text = response.text
        token = CSRF.search(text)
        form = bool(response.status_code == 200 and token and "please confirm" in text)
        refused = response.status_code == 403 and "already been recorded" in text
        note = "" if form else "refused" if refused else text[:200]
        self.record("rsvp e-mail page", response, sent, received, form or refused, note)
        if not form or not self.running():
            return
        response, sent, received = self.timed(kind, self.mail_client, "POST", link, data={"csrf_token": token.group(1)})
        status, text = (0, "") if response is None else (response.status_code, response.text)
        thanks = "your attendance is confirmed" if answer == "accept" else "we recorded that you will not attend"
        applied = status == 200 and thanks in text and not any(e in text for e in ERROR_PAGE)
        refused = status == 403 and "already been recorded" in text
        self.answered(kind, row["id"], ANSWER_VALUE[answer], response, sent, received, applied, refused)

    def load_page(self, url, expect=None):
        kind = "portal page"
        response, sent, received = self.timed(kind, self.portal, "GET", url)
        if response is None:
            return None
        text = response.text
        if response.status_code in (302, 303) and "/web/login" in response.headers.get("Location", ""):
            # logged out (Odoo logs out the sessions it served while its database was unusable): the user sees
            # the login page and logs in again
            self.recorder.request(kind, response.status_code, received - sent, False, "logged out")
            with suppress(LoginFailed):
                self.login()
            return None
        ok = response.status_code == 200 and "o_hbri_portal" in text and not any(e in text for e in ERROR_PAGE)
        ok = ok and (expect is None or expect in text)
        self.recorder.request(kind, response.status_code, received - sent, ok, "" if ok else text[:200])
        return text if ok else None

    def answer_on_portal(self):
        page = self.load_page(f"{self.base_url}/my/roundtable")
        if page is None:
            return
        forms = sorted({(int(row_id), answer) for row_id, answer in PORTAL_FORM.findall(page)})
        token = CSRF.search(page)
        if not forms or not token or not self.running():
            return  # every row's attendance is recorded: nothing to answer on the page
        row_id, answer = self.rng.choice(forms)
        kind = "portal answer"
        url = f"{self.base_url}/my/roundtable/rsvp/{row_id}/{answer}"
        response, sent, received = self.timed(kind, self.portal, "POST", url, data={"csrf_token": token.group(1)})
        redirected = response is not None and response.status_code in (302, 303)
        location = response.headers.get("Location", "") if redirected else ""
        applied = location.endswith(f"/my/roundtable?message={answer}")
        refused = location.endswith("/my/roundtable?message=rsvp_error")
        self.answered(kind, row_id, ANSWER_VALUE[answer], response, sent, received, applied, refused)
        if applied or refused:  # the browser follows the redirect, which shows the answer or the refusal
            self.load_page(requests.compat.urljoin(self.base_url, location), expect=PORTAL_MESSAGES[location[-6:]])


class Staff(Client):
    def __init__(self, user, sessions, *args):
        super().__init__(user["login"], *args)
        self.user = user
        self.sessions = sessions
        self.http = requests.Session()
        self.context = {}
        self.rpc_id = 0

    def rpc(self, kind, path, params):
        """A JSON-RPC call as the web client makes it; returns (ok, result, sent, received)."""
        self.rpc_id += 1
        payload = {"jsonrpc": "2.0", "method": "call", "params": params, "id": self.rpc_id}
        response, sent, received = self.timed(kind, self.http, "POST", f"{self.base_url}{path}", json=payload)
        if response is None:
            return False, None, sent, received
        try:
            body = response.json()
        except ValueError:
            body = {}
        ok = response.status_code == 200 and "result" in body and "error" not in body
        note = "" if ok else json.dumps(body.get("error", {}).get("data", {}).get("message", response.text[:200]))
        self.recorder.request(kind, response.status_code, received - sent, ok, note)
        return ok, body.get("result"), sent, received

    def invite_late_members(self):
        """All staff click "Invite members" on each session at the same moment (members who joined late)."""
        sessions = list(self.sessions)
        self.rng.shuffle(sessions)
        self.barrier.wait(timeout=TIMEOUT * 2)
        for session_id in sessions:
            kwargs = {"context": self.context}
            ok = self.call("staff invite members", SESSION, "action_invite_members", [[session_id]], kwargs, True)[0]
            with self.recorder.lock:
                self.recorder.invites.append((session_id, ok))

    def login(self):
        params = {"db": self.db, "login": self.user["login"], "password": self.user["password"]}
        ok, result, _sent, _received = self.rpc("staff login", "/web/session/authenticate", params)
        if not ok or not result.get("uid"):
            raise LoginFailed(f"login of {self.user['login']} failed")
        company = (result.get("user_companies") or {}).get("current_company")
        self.context = dict(result.get("user_context") or {}, allowed_company_ids=[company] if company else [])

    def after_login(self):
        self.invite_late_members()

    def call(self, kind, model, method, args, kwargs, button=False):
        """A method called as the web client's views call it (a button's through call_button)."""
        route = "call_button" if button else "call_kw"
        params = {"model": model, "method": method, "args": args, "kwargs": kwargs}
        return self.rpc(kind, f"/web/dataset/{route}/{model}/{method}", params)

    def step(self):
        session_id = self.rng.choice(self.sessions)
        domain = [["session_id", "=", session_id]]
        kwargs = {"specification": STAFF_SPEC, "domain": domain, "limit": 80, "context": self.context}
        ok, result, _sent, _received = self.call("staff attendance list", ATTENDEE, "web_search_read", [], kwargs)
        if not ok or not result.get("records") or not self.running():
            return
        record = self.rng.choice(result["records"])
        roll = self.rng.random()
        if roll < 0.5:
            # the row's buttons: Attended is hidden on an attended row, Absent on an absent one
            value = "attended" if roll < 0.25 else "absent"
            if record["state"] == value:
                value = "absent" if value == "attended" else "attended"
            method = "action_attended" if value == "attended" else "action_absent"
            kind = "staff attendance button"
            args, kwargs, button = [[record["id"]]], {"context": self.context}, True
        else:
            value = self.rng.choice(("accepted", "declined"))
            kind, method, button = "staff list edit", "web_save", False
            args, kwargs = [[record["id"]], {"state": value}], {"specification": STAFF_SPEC, "context": self.context}
        ok, _result, sent, received = self.call(kind, ATTENDEE, method, args, kwargs, button)
        # rpc() recorded the request: only the write is left to record
        self.answered(kind, record["id"], value, None, sent, received, ok)


def wait_ready(base_url, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if requests.get(f"{base_url}/web/login", timeout=10).status_code == 200:
                return True
        except requests.RequestException:
            pass
        time.sleep(1)
    return False


def report(recorder, elapsed):
    """Requests per second and latencies per kind of request; the errors users saw are judged by load_data.py check."""
    print(f"\n{'request':<26} {'count':>6} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}   5xx errors")
    kinds = sorted({r[0] for r in recorder.requests})
    for kind in [*kinds, "all"]:
        rows = [r for r in recorder.requests if kind in ("all", r[0])]
        latencies = [r[2] * 1000 for r in rows]
        p95 = statistics.quantiles(latencies, n=20, method="inclusive")[-1] if len(latencies) > 1 else latencies[0]
        print(
            f"{kind:<26} {len(rows):>6} {len(rows) / elapsed:>7.1f} {statistics.median(latencies):>8.0f} "
            f"{p95:>8.0f} {max(latencies):>8.0f} {sum(1 for r in rows if r[1] >= 500):>4} "
            f"{sum(1 for r in rows if not r[3]):>6}"
        )
    outcomes = Counter((write["kind"], write["outcome"]) for write in recorder.writes)
    print("writes: " + ", ".join(f"{kind} {outcome} {n}" for (kind, outcome), n in sorted(outcomes.items())))


def loopback(url):
    host = urlsplit(url).hostname
    if not (host == "localhost" or host == "::1" or re.fullmatch(r"127(\.\d{1,3}){3}", host or "")):
        sys.exit(f"load.py drives loopback servers only, not {host}")
    return url.rstrip("/")


def one_click(args):
    """The cluster's faults: one *Invite members* click on --invite SESSION, or a GET of the report --pdf PATH, by
    --login through the web client's routes; prints the HTTP status and Odoo's answer (0: answered, no error)."""
    url, http, kind = loopback(args.click), requests.Session(), "pdf" if args.pdf else "invite"
    call = {"jsonrpc": "2.0", "method": "call", "id": 1}
    login = dict(call, params={"db": args.db, "login": args.login, "password": args.password})
    answer = http.post(f"{url}/web/session/authenticate", json=login, timeout=60).json()
    if "result" not in answer:
        sys.exit(f"login failed: {answer.get('error')}")
    print(f"{kind}: calling", flush=True)
    started = time.monotonic()
    try:
        if args.pdf:
            response = http.get(f"{url}{args.pdf}", timeout=args.timeout)
        else:
            params = {"model": "hbri.roundtable.session", "method": "action_invite_members", "args": [[args.invite]]}
            params["kwargs"] = {"context": answer["result"].get("user_context") or {}}
            path = "/web/dataset/call_button/hbri.roundtable.session/action_invite_members"
            response = http.post(f"{url}{path}", json=dict(call, params=params), timeout=args.timeout)
    except requests.RequestException as exc:
        print(f"{kind}: no answer after {time.monotonic() - started:.1f} s: {type(exc).__name__}")
        return 1
    took, content = f"after {time.monotonic() - started:.1f} s", response.headers.get("Content-Type", "")
    if args.pdf:
        # the message Odoo's error page shows (its <title> is only "Odoo"), else the page's start
        page = "" if content.startswith("application/pdf") else re.sub(r"\s+", " ", response.text)
        found = re.search(r"The PDF could not be produced within[^<]*", page)
        print(f"pdf: HTTP {response.status_code} {content} {took} {found.group(0).strip() if found else page[:300]}")
        return 0 if response.status_code == 200 and content.startswith("application/pdf") else 1
    body = response.json() if content.startswith("application/json") else {}
    error = body.get("error", {}).get("data", {}).get("message") if "error" in body else None
    print(f"invite: HTTP {response.status_code} {took}; error: {error}")
    return 0 if response.status_code == 200 and "result" in body else 1


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=120)
    parser.add_argument("--think", type=float, default=0.5, help="mean pause of a user between two actions (s)")
    parser.add_argument("--wait", type=float, default=180, help="seconds to wait for the server to answer")
    parser.add_argument("--started-file", help="written when the clients start (the cluster's faults count from it)")
    parser.add_argument("--click", metavar="URL", help="one click (--invite or --pdf) instead of the load")
    for name in ("--plan", "--results", "--db", "--login", "--password", "--pdf"):
        parser.add_argument(name)
    parser.add_argument("--invite", type=int, metavar="SESSION")
    parser.add_argument("--timeout", type=float, default=300)
    args = parser.parse_args()
    if args.click:
        return one_click(args)
    if not (args.plan and args.results):
        sys.exit("load.py needs --plan and --results (or --click)")
    plan = json.loads(Path(args.plan).read_text(encoding="utf-8"))
    base_url = loopback(plan["base_url"])
    if not (0 < args.duration <= 900):
        sys.exit("--duration must be between 1 and 900 seconds")
    if not wait_ready(base_url, args.wait):
        sys.exit(f"{base_url} did not answer within {args.wait:.0f} s")
    reps, staff = plan["reps"], plan["staff"]
    recorder = Recorder()
    deadline = time.monotonic() + args.duration
    Client.think = args.think
    Staff.db = plan["db"]
    Staff.barrier = threading.Barrier(len(staff))
    clients = [Representative(rep, base_url, recorder, deadline, index) for index, rep in enumerate(reps)]
    clients += [Staff(user, plan["sessions"], base_url, recorder, deadline, 1000 + i) for i, user in enumerate(staff)]
    print(
        f"driving {base_url} for {args.duration:.0f} s: {len(reps)} representatives (e-mail links and portal), "
        f"{len(staff)} secretariat users (attendance), {len(plan['sessions'])} sessions, {len(plan['rows'])} rows; "
        f"pauses of {args.think:.1f} s on average between a user's actions",
        flush=True,
    )
    if args.started_file:
        Path(args.started_file).write_text(f"{recorder.started:.3f}\n", encoding="utf-8")
    for client in clients:
        client.start()
    for client in clients:
        client.join(args.duration + TIMEOUT + 30)
    elapsed = time.time() - recorder.started
    failures = [client.failure for client in clients if client.failure]
    failures += [f"{client.name} still running after the deadline" for client in clients if client.is_alive()]
    print(f"ran {elapsed:.1f} s")
    report(recorder, elapsed)
    results = {"started": recorder.started, "elapsed": elapsed, "writes": recorder.writes, "invites": recorder.invites}
    results |= {"failures": failures, "requests": recorder.requests}
    Path(args.results).write_text(json.dumps(results), encoding="utf-8")
    for failure in failures:
        print(f"LOAD FAILED: {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
