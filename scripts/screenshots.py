#!/usr/bin/env python3
# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Screenshots of the demo data for the user documentation (hbri_partnership/readme/screenshots/).

Run with Odoo's Python (it has websocket-client and Pillow) against a running Odoo serving the demo database;
`scripts/hbri screenshots` does that with the `hbri` database of `scripts/hbri run`:

    .hbri/venv/bin/python scripts/screenshots.py --url http://127.0.0.1:8069 --db hbri [--only NAME,...]

Headless Chromium is driven over the DevTools protocol: each shot logs in as a demo user (JSON-RPC
/web/session/authenticate, then the session cookie), opens a page, waits until the web client is idle and saves a
PNG. The records shown are looked up at run time by model and domain (the latest held session, a published case
study...), never by database id; when one is missing the script names it and writes nothing.
"""

import argparse
import base64
import http.cookiejar
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import websocket
from PIL import Image, ImageChops

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO / "hbri_partnership" / "readme" / "screenshots"
ADDON = "hbri_partnership"

DESKTOP = (1366, 800)
DESKTOP_TALL = (1366, 1000)  # forms whose interesting tab lies below the fold
PHONE = (375, 812)
STALLED = 8  # seconds after which a pending request no longer holds the page back

# the web client is idle: an action is displayed, nothing is loading nor blocking the UI
BACKOFFICE_READY = """(() => {
    if (document.readyState !== 'complete') return false;
    if (!document.querySelector('.o_action_manager .o_view_controller')) return false;
    if (document.querySelector('.o_loading_indicator')) return false;
    if (document.querySelector('.o_blockUI:not(.o_blockUI_invisible)')) return false;
    return true;
})()"""
PAGE_READY = "document.readyState === 'complete'"
ERROR_PROBE = """(() => {
    const dialog = document.querySelector('.o_error_dialog');
    if (dialog) return dialog.innerText.slice(0, 400);
    const danger = document.querySelector('.o_notification.border-danger, .o_notification_bar.bg-danger');
    if (danger) return danger.parentElement.innerText.slice(0, 400);
    if (location.pathname.startsWith('/web/login')) return 'redirected to the login page';
    return '';
})()"""


class ShotError(Exception):
    """A screenshot cannot be taken: the message says what is missing or went wrong."""


# ---------------------------------------------------------------- Odoo over JSON-RPC
class OdooClient:
    """A logged-in HTTP session on the Odoo server (cookie jar), for JSON-RPC calls and downloads."""

    def __init__(self, url, db, login, password):
        self.url = url.rstrip("/")
        self.db = db
        self.login = login
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        try:
            info = self._jsonrpc("/web/session/authenticate", {"db": db, "login": login, "password": password})
        except ShotError as exc:
            raise ShotError(f"cannot log in as {login!r} on database {db!r}: {exc}") from None
        if not info or not info.get("uid"):
            raise ShotError(f"cannot log in as {login!r} on database {db!r} (wrong login or password?)")
        self.uid = info["uid"]
        self.session_id = next((c.value for c in self.jar if c.name == "session_id"), None)
        if not self.session_id:
            raise ShotError(f"the server set no session cookie for {login!r}")

    def _jsonrpc(self, path, params):
        payload = json.dumps({"jsonrpc": "2.0", "method": "call", "id": 1, "params": params}).encode()
        request = urllib.request.Request(self.url + path, payload, {"Content-Type": "application/json"})
        try:
            with self.opener.open(request, timeout=120) as response:
                answer = json.load(response)
        except urllib.error.URLError as exc:
            raise ShotError(f"{self.url}{path}: {exc}") from None
        if answer.get("error"):
            error = answer["error"]
            raise ShotError(error.get("data", {}).get("message") or error.get("message") or str(error))
        return answer.get("result")

    def call(self, model, method, *args, **kwargs):
        return self._jsonrpc(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    def search_read(self, model, domain, fields, order=None, limit=None):
        return self.call(model, "search_read", domain, fields, order=order, limit=limit)

    def download(self, path):
        with self.opener.open(self.url + path, timeout=300) as response:
            return response.read(), response.headers.get_content_type()


class Finder:
    """Looks records up by model and domain, with the rights of a given user, and fails by naming them."""

    def __init__(self, client):
        self.client = client

    def one(self, what, model, domains, fields=("id", "display_name"), order="id desc"):
        """The first record of the first domain (of a list of preferred domains) that matches."""
        if domains and isinstance(domains[0], tuple):
            domains = [domains]
        for domain in domains:
            records = self.client.search_read(model, domain, list(fields), order=order, limit=1)
            if records:
                return records[0]
        raise ShotError(
            f"the demo data has no {what} ({model} matching {domains[-1]!r}, seen as user {self.client.login!r})"
        )


# ---------------------------------------------------------------- Chromium over the DevTools protocol
def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Chromium:
    """A headless Chromium started here, with one page driven over its DevTools websocket."""

    def __init__(self, binary="chromium"):
        self.port = free_port()
        self.profile = tempfile.mkdtemp(prefix="hbri-shots-chromium-")
        args = [
            shutil.which(binary) or binary,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--font-render-hinting=none",
            "--lang=en-US",
            f"--user-data-dir={self.profile}",
            f"--remote-debugging-port={self.port}",
            "about:blank",
        ]
        self.process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.ws = None
        self.next_id = 0
        self.inflight = {}  # request id: (url, when it started)
        self.last_network = time.monotonic()
        try:
            self._connect()
        except Exception:
            self.close()
            raise

    def _connect(self):
        deadline = time.monotonic() + 30
        targets = None
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise ShotError(f"Chromium exited at start with code {self.process.returncode}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/json/list", timeout=2) as response:
                    targets = [t for t in json.load(response) if t.get("type") == "page"]
                if targets:
                    break
            except (urllib.error.URLError, ConnectionError, json.JSONDecodeError):
                pass
            time.sleep(0.2)
        if not targets:
            raise ShotError("Chromium's DevTools endpoint did not answer within 30 seconds")
        self.ws = websocket.create_connection(targets[0]["webSocketDebuggerUrl"], timeout=60, suppress_origin=True)
        self.send("Page.enable")
        self.send("Network.enable")
        self.send("Runtime.enable")

    def close(self):
        if self.ws:
            try:
                self.ws.close()
            except (OSError, websocket.WebSocketException):
                pass
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.profile, ignore_errors=True)

    # -------------------------------------------------------- protocol
    def _event(self, message):
        method, params = message.get("method"), message.get("params", {})
        if method == "Network.requestWillBeSent":
            # the bus's websocket worker stays open as long as the page: not a request to wait for
            if "websocket" not in params["request"]["url"]:
                self.inflight[params["requestId"]] = (params["request"]["url"], time.monotonic())
        elif method in ("Network.loadingFinished", "Network.loadingFailed"):
            self.inflight.pop(params["requestId"], None)
        else:
            return
        self.last_network = time.monotonic()

    def send(self, method, timeout=60, **params):
        self.next_id += 1
        message_id = self.next_id
        self.ws.send(json.dumps({"id": message_id, "method": method, "params": params}))
        deadline = time.monotonic() + timeout
        while True:
            self.ws.settimeout(max(0.1, deadline - time.monotonic()))
            try:
                message = json.loads(self.ws.recv())
            except websocket.WebSocketTimeoutException:
                raise ShotError(f"Chromium did not answer {method} within {timeout} s") from None
            if message.get("id") == message_id:
                if "error" in message:
                    raise ShotError(f"{method}: {message['error'].get('message')}")
                return message.get("result", {})
            self._event(message)

    def pump(self, seconds):
        """Read the events that arrive during ``seconds``."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            self.ws.settimeout(max(0.01, deadline - time.monotonic()))
            try:
                self._event(json.loads(self.ws.recv()))
            except websocket.WebSocketTimeoutException:
                return

    def evaluate(self, expression, await_promise=False):
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=await_promise)
        if result.get("exceptionDetails"):
            details = result["exceptionDetails"]
            text = details.get("exception", {}).get("description") or details.get("text")
            raise ShotError(f"script failed in the page: {text}")
        return result.get("result", {}).get("value")

    # -------------------------------------------------------- pages
    def set_viewport(self, width, height, mobile=False):
        self.send("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1, mobile=mobile)
        self.send("Emulation.setTouchEmulationEnabled", enabled=mobile)

    def set_session(self, base_url, session_id):
        self.send("Network.clearBrowserCookies")
        self.send("Network.setCookie", name="session_id", value=session_id, url=base_url, httpOnly=True)

    def open(self, url):
        self.inflight.clear()
        result = self.send("Page.navigate", url=url)
        if result.get("errorText"):
            raise ShotError(f"cannot open {url}: {result['errorText']}")

    def wait_idle(self, ready=BACKOFFICE_READY, selector=None, timeout=90, quiet=0.8):
        """Wait until ``ready`` holds, ``selector`` is displayed and the network has been quiet for ``quiet``
        seconds; then fail if the page shows an error."""
        check = ready
        if selector:
            check = f"({ready}) && !!document.querySelector({json.dumps(selector)})"
        deadline = time.monotonic() + timeout
        while True:
            self.pump(0.15)
            error = self.evaluate(ERROR_PROBE)
            if error:
                raise ShotError(f"{self.evaluate('location.href')} shows an error: {error}")
            now = time.monotonic()
            # a request pending for STALLED seconds (a stream, a request of the previous page) does not count
            pending = [url for url, started in self.inflight.values() if now - started < STALLED]
            quiet_enough = not pending and now - self.last_network >= quiet
            if quiet_enough and self.evaluate(check):
                # fonts and images of the last requests
                self.evaluate("document.fonts.ready.then(() => true)", await_promise=True)
                return
            if time.monotonic() > deadline:
                url = self.evaluate("location.href")
                raise ShotError(
                    f"{url} did not settle within {timeout} s (waiting for {selector or 'the web client'}; "
                    f"{len(pending)} request(s) in flight: {', '.join(pending)[:300]})"
                )

    def click(self, selector, ready=BACKOFFICE_READY, then=None):
        found = self.evaluate(
            f"""(() => {{
                const el = document.querySelector({json.dumps(selector)});
                if (!el) return false;
                el.scrollIntoView({{block: 'nearest'}});
                el.click();
                return true;
            }})()"""
        )
        if not found:
            raise ShotError(f"nothing to click at {selector!r} on {self.evaluate('location.href')}")
        self.wait_idle(ready=ready, selector=then)

    def do_action(self, action, options=None, then=None):
        """Run an action in the web client (an xml id or an action dictionary), as a menu or button would."""
        self.evaluate(
            "odoo.__WOWL_DEBUG__.root.env.services.action.doAction("
            f"{json.dumps(action)}, {json.dumps(options or {})}).then(() => true)",
            await_promise=True,
        )
        self.wait_idle(selector=then)

    def capture(self, path, full_page=False, max_height=2400):
        """Save the viewport (or the whole page up to ``max_height`` pixels) as a PNG."""
        metrics = self.send("Page.getLayoutMetrics")
        viewport = metrics["cssLayoutViewport"]
        width, height = viewport["clientWidth"], viewport["clientHeight"]
        if full_page:
            height = min(max_height, max(height, int(metrics["cssContentSize"]["height"])))
        clip = {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}
        result = self.send("Page.captureScreenshot", format="png", clip=clip, captureBeyondViewport=full_page)
        Path(path).write_bytes(base64.b64decode(result["data"]))


# ---------------------------------------------------------------- image files
def optimise_png(path, trim=True):
    """Crop the empty band at the bottom (the background colour of the last row) and store the image with a
    256-colour palette: user-interface screenshots keep their look at a fraction of the size."""
    with Image.open(path) as source:
        image = source.convert("RGB")
    if trim:
        background = Image.new("RGB", image.size, image.getpixel((image.width - 1, image.height - 1)))
        box = ImageChops.difference(image, background).getbbox()
        if box:
            bottom = min(image.height, box[3] + 24)
            if bottom < image.height - 40:
                image = image.crop((0, 0, image.width, bottom))
    image = image.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    image.save(path, optimize=True)


def pdf_pages(pdf_bytes, path, pages=2, dpi=60):
    """The first ``pages`` pages of a PDF side by side on a grey background (pdftoppm, then Pillow)."""
    pdftoppm = shutil.which("pdftoppm")
    if not pdftoppm:
        raise ShotError("pdftoppm is not installed (Debian package poppler-utils)")
    with tempfile.TemporaryDirectory(prefix="hbri-shots-pdf-") as tmp:
        pdf = Path(tmp) / "document.pdf"
        pdf.write_bytes(pdf_bytes)
        cmd = [pdftoppm, "-png", "-r", str(dpi), "-f", "1", "-l", str(pages), str(pdf), str(Path(tmp) / "page")]
        subprocess.run(cmd, check=True)
        images = sorted(Path(tmp).glob("page-*.png"))
        if not images:
            raise ShotError("pdftoppm rendered no page of the PDF")
        opened = [Image.open(image).convert("RGB") for image in images]
        gap = 16
        width = sum(image.width for image in opened) + gap * (len(opened) + 1)
        height = max(image.height for image in opened) + 2 * gap
        sheet = Image.new("RGB", (width, height), (222, 222, 222))
        x = gap
        for image in opened:
            sheet.paste(image, (x, gap))
            x += image.width + gap
        sheet.save(path)


# ---------------------------------------------------------------- the shots
@dataclass
class Shot:
    name: str
    user: str  # "secretariat", "facilitator" or "member": the logins come from the command line
    caption: str
    resolve: object  # function(finders, context) -> dict of what take() needs
    take: object  # function(browser, data, path) -> None
    viewport: tuple = DESKTOP
    trim: bool = True  # crop the empty band at the bottom
    data: dict = field(default_factory=dict)


def act_url(base, action, res_id=None):
    return f"{base}/odoo/action-{ADDON}.{action}" + (f"/{res_id}" if res_id else "")


FORM = ".o_form_view .o_form_sheet"


# -- secretariat ------------------------------------------------------------------------------------------------
def form_shot(action, record_key, tab=None, shown=None):
    """The capture of a record's form: ``data[record_key]`` opened in ``action``, on its notebook page ``tab``
    (then waiting for the selector ``shown``)."""

    def take(browser, data, path):
        browser.open(act_url(data["base"], action, data[record_key]))
        browser.wait_idle(selector=FORM)
        if tab:
            browser.click(f".o_notebook .nav-link[name='{tab}']", then=shown)
        browser.capture(path)

    return take


def resolve_members(finders, ctx):
    finders["secretariat"].one("member organization", "res.partner", [("hbri_membership_state", "=", "member")])
    return {}


def take_members(browser, data, path):
    browser.open(act_url(data["base"], "hbri_member_action"))
    browser.wait_idle(selector=".o_kanban_view")
    browser.do_action(
        f"{ADDON}.hbri_member_action",
        {
            "viewType": "list",
            "clearBreadcrumbs": True,
            "additionalContext": {"search_default_hbri_members": 1, "search_default_hbri_group_sector": 1},
        },
        then=".o_list_view .o_group_header",
    )
    # open every sector's group, largest first as listed
    for index in range(browser.evaluate("document.querySelectorAll('.o_group_header').length")):
        browser.click(f".o_group_header:nth-child({index + 1} of .o_group_header)")
    browser.capture(path)


def member_organization(finders, ctx):
    """The organization that the portal user (the demo's member representative) represents."""
    admin = finders["admin"]
    user = admin.one(
        f"portal user {ctx['member_login']!r}",
        "res.users",
        [("login", "=", ctx["member_login"])],
        fields=("partner_id",),
    )
    person = admin.one(
        "representative of the portal user", "res.partner", [("id", "=", user["partner_id"][0])], ("parent_id",)
    )
    if not person["parent_id"]:
        raise ShotError(f"the portal user {ctx['member_login']!r} represents no organization (no parent company)")
    return admin.one(
        "member organization of the portal user",
        "res.partner",
        [("id", "=", person["parent_id"][0]), ("hbri_membership_id", "!=", False)],
        fields=("id", "display_name", "hbri_membership_id"),
    )


def resolve_organization(finders, ctx):
    return {"partner_id": member_organization(finders, ctx)["id"]}


take_organization = form_shot(
    "hbri_member_action", "partner_id", tab="hbri_roundtable", shown=".o_field_widget[name='hbri_representative_ids']"
)


def resolve_membership(finders, ctx):
    return {"membership_id": member_organization(finders, ctx)["hbri_membership_id"][0]}


take_membership = form_shot("hbri_membership_action", "membership_id")


def resolve_planner(finders, ctx):
    finders["secretariat"].one("sector open to the roundtable", "hbri.sector", [("roundtable_eligible", "=", True)])
    return {}


def take_planner(browser, data, path):
    browser.open(act_url(data["base"], "hbri_roundtable_session_action"))
    browser.wait_idle(selector=".o_list_view")
    browser.do_action(f"{ADDON}.hbri_session_planner_action", then=".modal .o_form_view")
    browser.capture(path)


def upcoming_session(finders):
    return finders["secretariat"].one(
        "upcoming roundtable session with invitations",
        "hbri.roundtable.session",
        [
            [
                ("kind", "=", "roundtable"),
                ("state", "in", ("planned", "invited")),
                ("attendee_ids", "!=", False),
                ("agenda", "!=", False),
            ],
            [("kind", "=", "roundtable"), ("state", "in", ("planned", "invited")), ("attendee_ids", "!=", False)],
        ],
        order="date_start asc",
    )


def resolve_session(finders, ctx):
    return {"session_id": upcoming_session(finders)["id"]}


take_session = form_shot("hbri_roundtable_session_action", "session_id")


def resolve_invitation(finders, ctx):
    session = upcoming_session(finders)
    member = finders["admin"].one(
        f"portal user {ctx['member_login']!r}", "res.users", [("login", "=", ctx["member_login"])], ("partner_id",)
    )
    attendee = finders["secretariat"].one(
        f"invited representative with an e-mail address in {session['display_name']}",
        "hbri.session.attendee",
        [
            [("session_id", "=", session["id"]), ("partner_id", "=", member["partner_id"][0])],
            [("session_id", "=", session["id"]), ("partner_id.email", "!=", False)],
        ],
    )
    template = finders["secretariat"].one(
        "invitation e-mail template",
        "mail.template",
        [("model", "=", "hbri.session.attendee"), ("name", "ilike", "invitation")],
        order="id asc",
    )
    return {
        "session_id": session["id"],
        "attendee_id": attendee["id"],
        "template_id": template["id"],
        "template_name": template["display_name"],
    }


def take_invitation(browser, data, path):
    # the e-mail exactly as the template renders it for a demo representative, in Odoo's own preview dialog
    browser.open(act_url(data["base"], "hbri_roundtable_session_action", data["session_id"]))
    browser.wait_idle(selector=FORM)
    browser.do_action(
        {
            "type": "ir.actions.act_window",
            "name": data["template_name"],
            "res_model": "mail.template.preview",
            "views": [[False, "form"]],
            "target": "new",
            "context": {
                "default_mail_template_id": data["template_id"],
                "default_resource_ref": f"hbri.session.attendee,{data['attendee_id']}",
            },
        },
        then=".modal .o_form_view .o_field_widget[name='body_html']",
    )
    browser.capture(path)


def resolve_attendance(finders, ctx):
    session = finders["secretariat"].one(
        "held roundtable session with attendance",
        "hbri.roundtable.session",
        [
            ("kind", "=", "roundtable"),
            ("state", "in", ("held", "closed")),
            ("attendee_ids.state", "=", "attended"),
        ],
        order="date_start desc",
    )
    return {"session_id": session["id"]}


take_attendance = form_shot(
    "hbri_roundtable_session_action",
    "session_id",
    tab="attendees",
    shown=".o_field_widget[name='attendee_ids'] .o_list_view",
)


def resolve_presentation(finders, ctx):
    presentation = finders["secretariat"].one(
        "presentation with a public abstract at a held session",
        "hbri.presentation",
        [
            [
                ("session_id.state", "in", ("held", "closed")),
                ("abstract_results", "!=", False),
                ("partnership_id", "!=", False),
            ],
            [("session_id.state", "in", ("held", "closed")), ("abstract_results", "!=", False)],
        ],
    )
    return {"presentation_id": presentation["id"]}


take_presentation = form_shot("hbri_presentation_action", "presentation_id")


def published_case_study(finders):
    return finders["secretariat"].one(
        "published case study", "hbri.case.study", [("state", "=", "published")], order="date_published desc, id desc"
    )


def resolve_case_study(finders, ctx):
    return {"case_study_id": published_case_study(finders)["id"]}


take_case_study = form_shot("hbri_case_study_action", "case_study_id")


def take_case_study_pdf(browser, data, path):
    pdf, content_type = data["client"].download(f"/report/pdf/{ADDON}.report_hbri_case_study/{data['case_study_id']}")
    if content_type != "application/pdf":
        raise ShotError(f"the case study's PDF came back as {content_type}, not a PDF")
    pdf_pages(pdf, path)


def resolve_partnerships(finders, ctx):
    finders["secretariat"].one("partnership", "hbri.partnership", [("stage", "!=", False)])
    return {}


def take_partnerships(browser, data, path):
    browser.open(act_url(data["base"], "hbri_partnership_action"))
    browser.wait_idle(selector=".o_kanban_view .o_kanban_record")
    browser.capture(path)


def resolve_partnership(finders, ctx):
    # the partnership with the most indicators (the most recent among equals)
    records = finders["secretariat"].client.search_read(
        "hbri.partnership", [("indicator_ids", "!=", False)], ["indicator_ids"], order="id desc"
    )
    if not records:
        raise ShotError("the demo data has no partnership with indicators (hbri.partnership, indicator_ids set)")
    return {"partnership_id": max(records, key=lambda r: len(r["indicator_ids"]))["id"]}


take_partnership = form_shot(
    "hbri_partnership_action",
    "partnership_id",
    tab="indicators",
    shown=".o_field_widget[name='indicator_ids'] .o_list_view",
)


# -- facilitator ------------------------------------------------------------------------------------------------
def resolve_notes(finders, ctx):
    # looked up with the facilitator's rights: the notes of the sessions they facilitate
    note = finders["facilitator"].one(
        "off-the-record notes that the facilitator can read",
        "hbri.session.note",
        [[("kind", "=", "qa"), ("is_attributed", "=", True)], [("kind", "=", "qa")], []],
    )
    return {"note_id": note["id"]}


take_notes = form_shot("hbri_session_note_action", "note_id")


def resolve_summary(finders, ctx):
    summary = finders["facilitator"].one(
        "session summary of the facilitator's sessions",
        "hbri.session.summary",
        [[("state", "=", "released")], []],
        order="date_released desc, id desc",
    )
    return {"summary_id": summary["id"]}


take_summary = form_shot("hbri_session_summary_action", "summary_id")


# -- member -----------------------------------------------------------------------------------------------------
def portal_in(lang):
    """The member portal in ``lang`` (whatever the representative's own language): the route is a website
    route, so a language prefix in the URL (/id/my/roundtable) chooses the language of the page."""

    def resolve(finders, ctx):
        language = finders["admin"].one(
            f"active language {lang}",
            "res.lang",
            [("code", "=", lang), ("active", "=", True)],
            ("url_code",),
        )
        return {"url_code": language["url_code"]}

    return resolve


def take_portal(browser, data, path):
    browser.open(f"{data['base']}/{data['url_code']}/my/roundtable")
    browser.wait_idle(ready=PAGE_READY, selector="main")
    if not browser.evaluate("!!document.querySelector('main .o_hbri_portal')"):
        title = browser.evaluate("document.title")
        raise ShotError(f"/my/roundtable shows no member portal for the portal user (page {title!r})")
    # the footer's language selector marks the language of the page (it is absent with one language only)
    page_lang = browser.evaluate(
        "document.querySelector('.js_language_selector .js_change_lang.active')?.dataset.url_code || null"
    )
    if page_lang and page_lang != data["url_code"]:
        raise ShotError(f"the portal page came in {page_lang!r}, not in {data['url_code']!r}")
    browser.capture(path, full_page=True)


def resolve_portal_approval(finders, ctx):
    organization = member_organization(finders, ctx)
    # consenting organizations are computed (not searchable): read them on the case studies awaiting approval
    awaiting = finders["admin"].client.search_read(
        "hbri.case.study", [("state", "=", "awaiting")], ["consenting_partner_ids"], order="id desc"
    )
    mine = [c for c in awaiting if organization["id"] in c["consenting_partner_ids"]]
    if not mine:
        raise ShotError(
            f"the demo data has no case study awaiting the approval of {organization['display_name']} "
            "(hbri.case.study in state awaiting, the organization among those that must consent)"
        )
    language = finders["admin"].one("active language id_ID", "res.lang", [("code", "=", "id_ID")], ("url_code",))
    return {"case_study_id": mine[0]["id"], "url_code": language["url_code"]}


def take_portal_approval(browser, data, path):
    browser.open(f"{data['base']}/{data['url_code']}/my/roundtable/case-study/{data['case_study_id']}")
    browser.wait_idle(ready=PAGE_READY, selector="main")
    if not browser.evaluate("!!document.querySelector('main .o_hbri_case_study_page .o_hbri_approve')"):
        raise ShotError("the portal shows no approval form for the case study awaiting the member's approval")
    browser.capture(path, full_page=True)


SHOTS = [
    Shot(
        "members-by-sector",
        "secretariat",
        "Members > Organizations: the member organizations by sector",
        resolve_members,
        take_members,
    ),
    Shot(
        "organization-roundtable-tab",
        "secretariat",
        "An organization's Roundtable tab: membership, attendance, representatives",
        resolve_organization,
        take_organization,
        viewport=DESKTOP_TALL,
    ),
    Shot("membership", "secretariat", "A membership: guidelines accepted, dates", resolve_membership, take_membership),
    Shot(
        "plan-quarters",
        "secretariat",
        "Sessions > Plan Quarters: the year's sessions in one step",
        resolve_planner,
        take_planner,
    ),
    Shot(
        "session-form",
        "secretariat",
        "An upcoming session: host, facilitator, agenda",
        resolve_session,
        take_session,
    ),
    Shot(
        "invitation-email",
        "secretariat",
        "The invitation e-mail a representative receives",
        resolve_invitation,
        take_invitation,
    ),
    Shot(
        "attendance",
        "secretariat",
        "A held session's attendees: attended, absent, declined",
        resolve_attendance,
        take_attendance,
        viewport=DESKTOP_TALL,
    ),
    Shot(
        "presentation",
        "secretariat",
        "A presentation with its public abstract",
        resolve_presentation,
        take_presentation,
    ),
    Shot(
        "facilitator-notes",
        "facilitator",
        "Off-the-record notes as the session's facilitator sees them",
        resolve_notes,
        take_notes,
    ),
    Shot(
        "session-summary",
        "facilitator",
        "A session summary released to the members",
        resolve_summary,
        take_summary,
    ),
    Shot(
        "case-study",
        "secretariat",
        "A published case study: sections, approval state",
        resolve_case_study,
        take_case_study,
    ),
    Shot(
        "case-study-pdf",
        "secretariat",
        "The case study's PDF, first two pages",
        resolve_case_study,
        take_case_study_pdf,
        trim=False,
    ),
    Shot(
        "partnerships",
        "secretariat",
        "Outcomes > Partnerships by stage",
        resolve_partnerships,
        take_partnerships,
    ),
    Shot(
        "partnership-indicators",
        "secretariat",
        "A partnership's indicators",
        resolve_partnership,
        take_partnership,
        viewport=DESKTOP_TALL,
    ),
    Shot("portal-desktop", "member", "The member portal /my/roundtable", portal_in("id_ID"), take_portal),
    Shot(
        "portal-phone",
        "member",
        "The member portal on a phone",
        portal_in("id_ID"),
        take_portal,
        viewport=PHONE,
    ),
    Shot(
        "portal-case-study-approval",
        "member",
        "A case study awaiting the member's approval, on the portal",
        resolve_portal_approval,
        take_portal_approval,
    ),
    Shot(
        "portal-desktop-en",
        "member",
        "The member portal in English",
        portal_in("en_US"),
        take_portal,
    ),
]


# ---------------------------------------------------------------- main
def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8069", help="Odoo's address (default %(default)s)")
    parser.add_argument("--db", default="hbri", help="the demo database (default %(default)s)")
    parser.add_argument("--out", default=str(DEFAULT_OUT), help="where the PNGs go (default %(default)s)")
    parser.add_argument("--only", help="comma-separated shot names (default: all; see --list)")
    parser.add_argument("--list", action="store_true", help="list the shots and exit")
    parser.add_argument("--chromium", default="chromium", help="Chromium's executable (default %(default)s)")
    for role, login in (("admin", "admin"), ("secretariat", "sekretariat"), ("facilitator", "fasilitator")):
        parser.add_argument(f"--{role}", default=f"{login}:{login}", metavar="LOGIN:PASSWORD")
    parser.add_argument("--member", default="rina:rina", metavar="LOGIN:PASSWORD", help="portal representative")
    args = parser.parse_args(argv)
    names = [s.name for s in SHOTS]
    if args.only:
        wanted = [n.strip() for n in args.only.split(",") if n.strip()]
        unknown = sorted(set(wanted) - set(names))
        if unknown:
            parser.error(f"unknown shot(s): {', '.join(unknown)} (known: {', '.join(names)})")
        args.shots = [s for s in SHOTS if s.name in wanted]
    else:
        args.shots = list(SHOTS)
    return args


def login_pair(value):
    login, _sep, password = value.partition(":")
    return login, password or login


def main(argv=None):
    args = parse_args(argv)
    if args.list:
        for shot in SHOTS:
            print(f"{shot.name:28} {shot.user:12} {shot.viewport[0]}x{shot.viewport[1]}  {shot.caption}")
        return 0
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    ctx = {"member_login": login_pair(args.member)[0]}

    # 1. log in and find every record first: report all that is missing before taking any screenshot
    clients, finders, problems = {}, {}, []
    for role in ["admin", *dict.fromkeys(s.user for s in args.shots)]:
        login, password = login_pair(getattr(args, role))
        try:
            clients[role] = OdooClient(args.url, args.db, login, password)
            finders[role] = Finder(clients[role])
        except ShotError as exc:
            problems.append(f"{role} user: {exc}")
    if not problems:
        for shot in args.shots:
            try:
                shot.data = dict(shot.resolve(finders, ctx), base=args.url.rstrip("/"), client=clients[shot.user])
            except ShotError as exc:
                problems.append(f"{shot.name}: {exc}")
    if problems:
        print("Cannot take the screenshots; missing in the demo data:", file=sys.stderr)
        for problem in problems:
            print(f"  - {problem}", file=sys.stderr)
        return 1

    # 2. take them, one browser for all
    browser = Chromium(args.chromium)
    failed = 0
    try:
        for shot in args.shots:
            path = out / f"{shot.name}.png"
            started = time.monotonic()
            try:
                browser.set_viewport(*shot.viewport, mobile=shot.viewport[0] < 600)
                browser.set_session(shot.data["base"], clients[shot.user].session_id)
                shot.take(browser, shot.data, path)
                optimise_png(path, trim=shot.trim)
            except (ShotError, OSError, subprocess.CalledProcessError, websocket.WebSocketException) as exc:
                failed += 1
                print(f"FAILED {shot.name}: {exc}", file=sys.stderr)
                continue
            size = os.path.getsize(path) // 1024
            print(
                f"{path.relative_to(REPO) if path.is_relative_to(REPO) else path}  {size} KiB  "
                f"({clients[shot.user].login}, {time.monotonic() - started:.1f} s)"
            )
    finally:
        browser.close()
    print(f"{len(args.shots) - failed} screenshot(s) written to {out}, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
