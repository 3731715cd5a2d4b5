#!/usr/bin/env python3
# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Load driver of `scripts/hbri load` and `scripts/hbri cluster`: representatives and secretariat staff at once.

    load.py --plan plan.json --results results.json [--duration 120] [--think 0.5]

    load.py --click http://127.0.0.1:8290 --db hbri_cluster --login L --password P (--invite SESSION | --pdf PATH)

Locust used as a library (headless `Environment` and its local runner, one gevent process, in its own virtual
environment), talking only to the loopback server named in the plan. Representatives answer their invitations
through the e-mail links and the portal, staff users take attendance in the back office and click *Invite
members* all at once when the run starts (what each user does and why: docs/load-test.md); Locust's statistics
print the requests and latencies, and every request and every write is recorded for `load_data.py check`.
HttpUser, not OdooLocust: OdooLocust talks XML-RPC, our users use the portal's forms and the web client's JSON-RPC.
"""

import argparse
import json
import random
import re
import sys
import threading
import time
from urllib.parse import urljoin, urlsplit

import gevent
import locust
import requests
from locust.env import Environment
from locust.exception import StopUser
from locust.log import setup_logging
from locust.stats import print_error_report, print_percentile_stats, print_stats

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
NAMED = {"fields": {"display_name": {}}}
STAFF_FIELDS = ("role", "state", "date_answered", "eligibility_issue")
STAFF_SPEC = {"partner_id": NAMED, "organization_id": NAMED} | {key: {} for key in STAFF_FIELDS}


class LoginFailed(RuntimeError):
    pass


class Run:
    """What the users share: the plan's data, the deadline and the records `load_data.py check` reads."""

    started = deadline = 0.0
    requests = []  # (kind, status, seconds, ok, note, answered at), times in epoch seconds
    writes = []  # what each user was told of each write on an attendee row (docs/load-test.md)
    invites = []  # (session, ok): the staff's *Invite members* clicks and whether Odoo said it was done
    failures = []  # users that stopped on an error

    @classmethod
    def record(cls, name, response, response_time, start_time, exception=None, **_kwargs):
        """Locust's request event: every request, with what the user saw."""
        status = getattr(response, "status_code", 0) or 0
        answered = start_time + response_time / 1000
        cls.requests.append(
            (name, status, response_time / 1000, exception is None, str(exception or "")[:300], answered)
        )

    @classmethod
    def write(cls, **values):
        cls.writes.append(values)


class Person(locust.HttpUser):
    """A user of the plan: logs in (again after a pause when it fails, as a person does: the failed attempts stay
    counted as errors the user saw), then acts in a loop, reading each page before the next click."""

    abstract = True
    people = []  # the plan's entries, one per user
    think = 0.5

    def wait_time(self):
        return max(0.0, min(self.rng.uniform(0, 2 * self.think), Run.deadline - time.time()))

    def on_start(self):
        self.who = self.people.pop(0)
        self.rng = random.Random(self.who["login"])
        for attempt in range(LOGIN_ATTEMPTS):
            try:
                self.login()
                break
            except LoginFailed as exc:
                if attempt == LOGIN_ATTEMPTS - 1 or not self.running():
                    Run.failures.append(f"{self.who['login']}: {exc}")
                    raise StopUser() from exc
                gevent.sleep(min(2.0, max(0.0, Run.deadline - time.time())))
        self.after_login()

    def after_login(self):
        """What the user does once, right after logging in."""

    def running(self):
        return time.time() < Run.deadline

    def call(self, http, kind, method, url, judge, **kwargs):
        """One request, named ``kind`` in the statistics; ``judge(response)`` returns (ok, note): what the user saw.
        Returns (response or None when no answer came, ok, note, sent, received)."""
        sent = time.time()
        request = http.request(
            method, url, name=kind, catch_response=True, allow_redirects=False, timeout=TIMEOUT, **kwargs
        )
        with request as response:
            if response.error:
                ok, note = False, f"{type(response.error).__name__}: {response.error}"
            else:
                ok, note = judge(response)
            if ok:
                response.success()
            else:
                response.failure(note or f"HTTP {response.status_code}")
        return (None if response.error else response), ok, note, sent, time.time()


class Representative(Person):
    """Half the time an e-mail link (no login: a mail client), otherwise the portal page's forms."""

    def on_start(self):
        self.mail_client = locust.clients.HttpSession(self.host, self.environment.events.request, self)
        super().on_start()
        self.rows = {row["id"]: row for row in self.who["rows"]}

    def login(self):
        token = None

        def form(response):
            nonlocal token
            token = CSRF.search(response.text)
            return bool(token), "" if token else "no login form"

        self.call(self.client, "portal login", "GET", "/web/login", form)
        if not token:
            raise LoginFailed("no login form")
        data = {"login": self.who["login"], "password": self.who["password"], "csrf_token": token.group(1)}
        _response, ok, _note, _sent, _received = self.call(
            self.client,
            "portal login",
            "POST",
            "/web/login",
            lambda r: (r.status_code in (302, 303) and "session_id" in self.client.cookies, ""),
            data=dict(data, redirect="/my/roundtable"),
        )
        if not ok:
            raise LoginFailed(f"login of {self.who['login']} failed")

    @locust.task
    def answer_by_mail(self):
        row = self.rows[self.rng.choice(list(self.rows))]
        answer = self.rng.choice(("accept", "decline"))
        value, kind, link = "accepted" if answer == "accept" else "declined", "rsvp e-mail link", row["links"][answer]

        def page(response):  # opening the link shows the invitation and a confirmation form; it records nothing
            if response.status_code == 200 and CSRF.search(response.text) and "please confirm" in response.text:
                return True, ""
            if response.status_code == 403 and "already been recorded" in response.text:
                return True, "refused"
            return False, response.text[:200]

        response, ok, note, _sent, _received = self.call(self.mail_client, "rsvp e-mail page", "GET", link, page)
        if not ok or note == "refused" or not self.running():
            return
        thanks = "your attendance is confirmed" if answer == "accept" else "we recorded that you will not attend"

        def confirmed(response):
            text = response.text
            if response.status_code == 200 and thanks in text and not any(e in text for e in ERROR_PAGE):
                return True, "applied"
            if response.status_code == 403 and "already been recorded" in text:
                return True, "refused"
            return False, "error"

        token = {"csrf_token": CSRF.search(response.text).group(1)}
        _response, ok, note, sent, received = self.call(self.mail_client, kind, "POST", link, confirmed, data=token)
        outcome = note if ok else "error"
        Run.write(row=row["id"], kind=kind, value=value, sent=sent, received=received, outcome=outcome)

    def load_page(self, url, expect=None):
        def shown(response):
            text = response.text
            if response.status_code in (302, 303) and "/web/login" in response.headers.get("Location", ""):
                # logged out (Odoo logs out the sessions it served while its database was unusable): the user
                # sees the login page and logs in again
                return False, "logged out"
            ok = response.status_code == 200 and "o_hbri_portal" in text and not any(e in text for e in ERROR_PAGE)
            ok = ok and (expect is None or expect in text)
            return ok, "" if ok else text[:200]

        response, ok, note, _sent, _received = self.call(self.client, "portal page", "GET", url, shown)
        if note == "logged out":
            try:
                self.login()
            except LoginFailed:
                pass
        return response.text if ok else None

    @locust.task
    def answer_on_portal(self):
        page = self.load_page("/my/roundtable")
        if page is None:
            return
        forms = sorted({(int(row_id), answer) for row_id, answer in PORTAL_FORM.findall(page)})
        token = CSRF.search(page)
        if not forms or not token or not self.running():
            return  # every row's attendance is recorded: nothing to answer on the page
        row_id, answer = self.rng.choice(forms)
        value, kind = "accepted" if answer == "accept" else "declined", "portal answer"

        def redirected(response):
            location = response.headers.get("Location", "")
            if response.status_code in (302, 303) and location.endswith(f"/my/roundtable?message={answer}"):
                return True, "applied"
            if response.status_code in (302, 303) and location.endswith("/my/roundtable?message=rsvp_error"):
                return True, "refused"
            return False, "error"

        url, data = f"/my/roundtable/rsvp/{row_id}/{answer}", {"csrf_token": token.group(1)}
        response, ok, note, sent, received = self.call(self.client, kind, "POST", url, redirected, data=data)
        Run.write(row=row_id, kind=kind, value=value, sent=sent, received=received, outcome=note if ok else "error")
        if ok:  # the browser follows the redirect, which shows the answer or the refusal
            location = response.headers["Location"]
            self.load_page(urljoin(self.host, location), expect=PORTAL_MESSAGES[location[-6:]])


class Staff(Person):
    """The secretariat at the door: the Attendance list of a session, then a row's button or its status."""

    db = ""
    sessions = []
    barrier = None

    def rpc(self, kind, path, params):
        """A JSON-RPC call as the web client makes it; returns (ok, result, sent, received)."""
        body = {}

        def answered(response):
            nonlocal body
            try:
                body = response.json()
            except ValueError:
                body = {}
            ok = response.status_code == 200 and "result" in body and "error" not in body
            error = body.get("error", {}).get("data", {}).get("message", response.text[:200])
            return ok, "" if ok else json.dumps(error)

        payload = {"jsonrpc": "2.0", "method": "call", "params": params, "id": 1}
        _response, ok, _note, sent, received = self.call(self.client, kind, "POST", path, answered, json=payload)
        return ok, body.get("result"), sent, received

    def login(self):
        params = {"db": self.db, "login": self.who["login"], "password": self.who["password"]}
        ok, result, _sent, _received = self.rpc("staff login", "/web/session/authenticate", params)
        if not ok or not result.get("uid"):
            raise LoginFailed(f"login of {self.who['login']} failed")
        company = (result.get("user_companies") or {}).get("current_company")
        self.odoo_context = dict(result.get("user_context") or {}, allowed_company_ids=[company] if company else [])

    def after_login(self):
        """All staff click "Invite members" on each session at the same moment (members who joined late)."""
        sessions = list(self.sessions)
        self.rng.shuffle(sessions)
        self.barrier.wait(timeout=TIMEOUT * 2)
        for session_id in sessions:
            params = {"model": "hbri.roundtable.session", "method": "action_invite_members", "args": [[session_id]]}
            path = "/web/dataset/call_button/hbri.roundtable.session/action_invite_members"
            ok, _result, _sent, _received = self.rpc(
                "staff invite members", path, dict(params, kwargs={"context": self.odoo_context})
            )
            Run.invites.append((session_id, ok))

    def call_kw(self, kind, method, args, kwargs, button=False):
        route = "call_button" if button else "call_kw"
        params = {"model": "hbri.session.attendee", "method": method, "args": args, "kwargs": kwargs}
        return self.rpc(kind, f"/web/dataset/{route}/hbri.session.attendee/{method}", params)

    @locust.task
    def take_attendance(self):
        session_id = self.rng.choice(self.sessions)
        kwargs = {"specification": STAFF_SPEC, "domain": [["session_id", "=", session_id]], "limit": 80}
        ok, result, _sent, _received = self.call_kw(
            "staff attendance list", "web_search_read", [], dict(kwargs, context=self.odoo_context)
        )
        if not ok or not result.get("records") or not self.running():
            return
        record = self.rng.choice(result["records"])
        roll = self.rng.random()
        if roll < 0.5:
            # the row's buttons: Attended is hidden on an attended row, Absent on an absent one
            value = "attended" if roll < 0.25 else "absent"
            if record["state"] == value:
                value = "absent" if value == "attended" else "attended"
            method, kind = "action_attended" if value == "attended" else "action_absent", "staff attendance button"
            ok, _result, sent, received = self.call_kw(
                kind, method, [[record["id"]]], {"context": self.odoo_context}, True
            )
        else:
            value, kind = self.rng.choice(("accepted", "declined")), "staff list edit"
            kwargs = {"specification": STAFF_SPEC, "context": self.odoo_context}
            ok, _result, sent, received = self.call_kw(kind, "web_save", [[record["id"]], {"state": value}], kwargs)
        outcome = "applied" if ok else "error"
        Run.write(row=record["id"], kind=kind, value=value, sent=sent, received=received, outcome=outcome)


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


def drive(args, plan, base_url):
    """The plan's users for --duration seconds; a user's task under way at the deadline ends (its write recorded)."""
    reps, staff = plan["reps"][: args.reps], plan["staff"][: args.staff]
    Representative.people, Representative.fixed_count = list(reps), len(reps)
    Staff.people, Staff.fixed_count, Staff.db, Staff.sessions = list(staff), len(staff), plan["db"], plan["sessions"]
    Staff.barrier, Person.think = threading.Barrier(len(staff)), args.think
    env = Environment(user_classes=[Representative, Staff], host=base_url, stop_timeout=TIMEOUT + 30)
    env.events.request.add_listener(Run.record)
    env.events.user_error.add_listener(lambda user_instance, exception, **_k: Run.failures.append(f"{exception!r}"))
    print(
        f"driving {base_url} for {args.duration:.0f} s: {len(reps)} representatives (e-mail links and portal), "
        f"{len(staff)} secretariat users (attendance), {len(plan['sessions'])} sessions, {len(plan['rows'])} rows; "
        f"pauses of {args.think:.1f} s on average between a user's actions",
        flush=True,
    )
    Run.started = time.time()
    Run.deadline = Run.started + args.duration
    if args.started_file:
        with open(args.started_file, "w", encoding="utf-8") as out:
            out.write(f"{Run.started:.3f}\n")
    runner = env.create_local_runner()
    runner.start(len(reps) + len(staff), spawn_rate=100)  # every user within a quarter of a second
    gevent.spawn_later(args.duration, runner.quit).join()
    print(f"ran {time.time() - Run.started:.1f} s")
    for show in (print_stats, print_percentile_stats, print_error_report):
        show(env.stats, **({"current": False} if show is print_stats else {}))
    outcomes = sorted({(w["kind"], w["outcome"]) for w in Run.writes})
    counts = [f"{k} {o} {sum(1 for w in Run.writes if (w['kind'], w['outcome']) == (k, o))}" for k, o in outcomes]
    print("writes: " + ", ".join(counts))
    return Run.failures  # the errors users saw are judged by load_data.py check, with what a fault explains


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--plan")
    parser.add_argument("--results")
    parser.add_argument("--duration", type=float, default=120)
    parser.add_argument("--reps", type=int, help="representatives driven (default: all of the plan)")
    parser.add_argument("--staff", type=int, help="staff users driven (default: all of the plan)")
    parser.add_argument("--think", type=float, default=0.5, help="mean pause of a user between two actions (s)")
    parser.add_argument("--wait", type=float, default=180, help="seconds to wait for the server to answer")
    parser.add_argument("--started-file", help="written when the clients start (the cluster's faults count from it)")
    parser.add_argument("--click", metavar="URL", help="one click (--invite or --pdf) instead of the load")
    for name in ("--db", "--login", "--password", "--pdf"):
        parser.add_argument(name)
    parser.add_argument("--invite", type=int, metavar="SESSION")
    parser.add_argument("--timeout", type=float, default=300)
    args = parser.parse_args()
    if args.click:
        return one_click(args)
    if not (args.plan and args.results):
        sys.exit("load.py needs --plan and --results (or --click)")
    with open(args.plan, encoding="utf-8") as plan_file:
        plan = json.load(plan_file)
    base_url = loopback(plan["base_url"])
    if not (0 < args.duration <= 900):
        sys.exit("--duration must be between 1 and 900 seconds")
    if not wait_ready(base_url, args.wait):
        sys.exit(f"{base_url} did not answer within {args.wait:.0f} s")
    setup_logging("WARNING")
    failures = drive(args, plan, base_url)
    with open(args.results, "w", encoding="utf-8") as out:
        results = {"started": Run.started, "elapsed": time.time() - Run.started, "writes": Run.writes}
        results.update(invites=Run.invites, failures=failures)
        json.dump(dict(results, requests=Run.requests), out)
    for failure in failures:
        print(f"LOAD FAILED: {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
