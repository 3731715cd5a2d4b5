#!/usr/bin/env python3
# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""One click on *Invite members* of a session by a secretariat user, as the web client sends it.

    cluster_invite.py --url http://127.0.0.1:8291 --db hbri_cluster --login load_staff00 --password ... --session 4

Prints the HTTP status and Odoo's answer (or the connection error); exit code 0 when Odoo answered without
an error. Loopback servers only.
"""

import argparse
import re
import sys
import time
from urllib.parse import urlsplit

import requests


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--login", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--session", type=int, default=0)
    parser.add_argument("--pdf", help="instead of inviting: GET this /report/pdf/... path and tell what came back")
    parser.add_argument("--timeout", type=float, default=300)
    args = parser.parse_args()
    host = urlsplit(args.url).hostname or ""
    if not (host == "localhost" or re.fullmatch(r"127(\.\d{1,3}){3}", host)):
        sys.exit(f"cluster_invite.py calls loopback servers only, not {host}")
    http = requests.Session()
    call = {"jsonrpc": "2.0", "method": "call", "id": 1}
    login = dict(call, params={"db": args.db, "login": args.login, "password": args.password})
    answer = http.post(f"{args.url}/web/session/authenticate", json=login, timeout=60).json()
    if "result" not in answer:
        sys.exit(f"login failed: {answer.get('error')}")
    if args.pdf:
        print("pdf: calling", flush=True)
        started = time.monotonic()
        try:
            response = http.get(f"{args.url}{args.pdf}", timeout=args.timeout)
        except requests.RequestException as exc:
            print(f"pdf: no answer after {time.monotonic() - started:.1f} s: {type(exc).__name__}")
            return 1
        kind = response.headers.get("Content-Type", "")
        text = ""
        if not kind.startswith("application/pdf"):
            # the message Odoo's error page shows (its <title> is only "Odoo"), else the page's start
            page = re.sub(r"\s+", " ", response.text)
            found = re.search(r"The PDF could not be produced within[^<]*", page)
            text = found.group(0).strip() if found else page[:300]
        print(f"pdf: HTTP {response.status_code} {kind} after {time.monotonic() - started:.1f} s {text}")
        return 0 if response.status_code == 200 and kind.startswith("application/pdf") else 1
    params = {"model": "hbri.roundtable.session", "method": "action_invite_members", "args": [[args.session]]}
    params["kwargs"] = {"context": answer["result"].get("user_context") or {}}
    print("invite: calling", flush=True)
    started = time.monotonic()
    try:
        response = http.post(
            f"{args.url}/web/dataset/call_button/hbri.roundtable.session/action_invite_members",
            json=dict(call, params=params),
            timeout=args.timeout,
        )
    except requests.RequestException as exc:
        print(f"invite: no answer after {time.monotonic() - started:.1f} s: {type(exc).__name__}")
        return 1
    body = response.json() if response.headers.get("Content-Type", "").startswith("application/json") else {}
    error = body.get("error", {}).get("data", {}).get("message") if "error" in body else None
    print(f"invite: HTTP {response.status_code} after {time.monotonic() - started:.1f} s; error: {error}")
    return 0 if response.status_code == 200 and "result" in body else 1


if __name__ == "__main__":
    sys.exit(main())
