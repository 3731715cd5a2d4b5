#!/usr/bin/env python3
# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Screenshots of the demo data for the documentation (each addon's readme/screenshots/).

Playwright drives Debian's Chromium (never `playwright install`) against a running Odoo serving the demo
database; `scripts/hbri screenshots` does that with the `hbri` database of `scripts/hbri run`:

    .hbri/tools-venv/bin/python scripts/screenshots.py --url http://127.0.0.1:8069 --db hbri [--only NAME,...]

Each shot logs in as a demo user (or visits anonymously), opens a page, waits until it is idle and saves a PNG.
A page answering an HTTP error, raising a JavaScript error or showing Odoo's error dialog fails its shot: the
shot is named and the exit code is 1. Records are looked up at run time (the latest held session, a published
case study...), never by database id.
"""

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageChops
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parent.parent
ADDON = "hbri_partnership"
DESKTOP, TALL, PHONE = (1280, 800), (1280, 1000), (375, 812)
# the web client is idle: an action is displayed, nothing loads nor blocks the UI
BACKOFFICE = """() => document.readyState === 'complete'
    && !!document.querySelector('.o_action_manager .o_view_controller, .o_action_manager .o_action')
    && !document.querySelector('.o_loading_indicator, .o_blockUI:not(.o_blockUI_invisible)')"""
PAGE = "() => document.readyState === 'complete'"
ERROR_PROBE = """() => {
    const dialog = document.querySelector('.o_error_dialog');
    if (dialog) return dialog.innerText.slice(0, 400);
    if (location.pathname.startsWith('/web/login')) return 'redirected to the login page';
    return '';
}"""


class ShotError(Exception):
    """A screenshot cannot be taken: the message says what is missing or went wrong."""


@dataclass
class Shot:
    name: str
    user: str  # admin, secretariat, facilitator, member (logins from the command line) or visitor
    caption: str
    take: object  # function(Tab, Path)
    addon: str = ADDON
    viewport: tuple = DESKTOP
    trim: bool = True  # crop the empty band at the bottom


SHOTS = {}


def shot(name, user, caption, **options):
    def register(take):
        SHOTS[name] = Shot(name, user, caption, take, **options)
        return take

    return register


class Tab:
    """One browser context (its own cookies) logged in as a user, one page in it, and JSON-RPC as that user."""

    def __init__(self, browser, base, db, login, password, viewport):
        phone = viewport[0] < 600
        # visitors: the demo's library is the secretariat's website, served on localhost (the domain it matches)
        self.base, self.errors = (base.replace("//127.0.0.1:", "//localhost:") if not login else base), []
        self.context = browser.new_context(
            viewport=dict(zip(("width", "height"), viewport, strict=True)), is_mobile=phone, has_touch=phone
        )
        self.context.set_default_timeout(90_000)
        if login:
            info = self.rpc("/web/session/authenticate", db=db, login=login, password=password)
            if not (info or {}).get("uid"):
                raise ShotError(f"cannot log in as {login!r} on database {db!r}")
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda exc: self.errors.append(f"JavaScript error: {exc}"))
        self.page.on("response", lambda r: r.status >= 500 and self.errors.append(f"HTTP {r.status} on {r.url}"))

    def rpc(self, path, **params):
        response = self.context.request.post(
            self.base + path, data={"jsonrpc": "2.0", "method": "call", "id": 1, "params": params}
        )
        if not response.ok:
            raise ShotError(f"{path} answered HTTP {response.status}")
        answer = response.json()
        if answer.get("error"):
            error = answer["error"]
            raise ShotError(error.get("data", {}).get("message") or error.get("message") or str(error))
        return answer.get("result")

    def call(self, model, method, *args, **kwargs):
        path = f"/web/dataset/call_kw/{model}/{method}"
        return self.rpc(path, model=model, method=method, args=list(args), kwargs=kwargs)

    def one(self, what, model, *domains, fields=("id", "display_name"), order="id desc"):
        """The first record of the first of ``domains`` (preferred first) that matches, read as this user."""
        for domain in domains:
            records = self.call(model, "search_read", domain, list(fields), order=order, limit=1)
            if records:
                return records[0]
        raise ShotError(f"the demo data has no {what} ({model} matching {domains[-1]!r})")

    def download(self, path, content_type):
        response = self.context.request.get(self.base + path)
        if not response.ok or not response.headers.get("content-type", "").startswith(content_type):
            raise ShotError(f"{path} answered HTTP {response.status} ({response.headers.get('content-type')})")
        return response.body()

    # ------------------------------------------------------------ pages
    def open(self, path, selector, ready=BACKOFFICE):
        response = self.page.goto(self.base + path)
        if response and response.status >= 400:
            raise ShotError(f"{path} answered HTTP {response.status}")
        self.settle(selector, ready)

    def settle(self, selector=None, ready=BACKOFFICE):
        """Wait for ``selector``, a quiet network and ``ready``; then fail if the page shows an error."""
        try:
            if selector:
                self.page.wait_for_selector(selector, state="attached")
            try:
                self.page.wait_for_load_state("networkidle", timeout=10_000)
            except PlaywrightError:
                pass  # a request still pending after 10 s (a stream, a long poll) does not hold the page back
            self.page.wait_for_function(ready)
            self.page.evaluate("document.fonts.ready.then(() => true)")
        except PlaywrightError as exc:
            raise ShotError(f"{self.page.url}: {str(exc).splitlines()[0]}") from None
        error = self.page.evaluate(ERROR_PROBE)
        if error or self.errors:
            raise ShotError(f"{self.page.url} shows an error: {error or '; '.join(self.errors)}")

    def click(self, selector, then=None, ready=BACKOFFICE):
        self.page.locator(selector).first.click()
        self.settle(then, ready)

    def do_action(self, action, options=None, then=None):
        """Run an action in the web client (an xml id or an action dictionary), as a menu or button would."""
        self.page.evaluate(
            "([a, o]) => odoo.__WOWL_DEBUG__.root.env.services.action.doAction(a, o).then(() => true)",
            [action, options or {}],
        )
        self.settle(then)

    def capture(self, path, full_page=False):
        self.page.screenshot(path=path, full_page=full_page, animations="disabled")


# ---------------------------------------------------------------- image files
def optimise_png(path, trim=True, max_height=2400):
    """Crop the empty band at the bottom (and anything past ``max_height``) and store a 256-colour palette:
    user-interface screenshots keep their look at a fraction of the size."""
    with Image.open(path) as source:
        image = source.convert("RGB")
    image = image.crop((0, 0, image.width, min(image.height, max_height)))
    if trim:
        background = Image.new("RGB", image.size, image.getpixel((image.width - 1, image.height - 1)))
        box = ImageChops.difference(image, background).getbbox()
        if box and box[3] + 24 < image.height - 40:
            image = image.crop((0, 0, image.width, box[3] + 24))
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(path, optimize=True)


def pdf_pages(pdf, path, pages=2, dpi=60):
    """The first ``pages`` pages of a PDF side by side on a grey background (pdftoppm of poppler-utils)."""
    if not shutil.which("pdftoppm"):
        raise ShotError("pdftoppm is not installed (Debian package poppler-utils)")
    with tempfile.TemporaryDirectory(prefix="hbri-shots-") as tmp:
        (Path(tmp) / "document.pdf").write_bytes(pdf)
        subprocess.run(
            ["pdftoppm", "-png", "-r", str(dpi), "-l", str(pages), f"{tmp}/document.pdf", f"{tmp}/page"], check=True
        )
        opened = [Image.open(p).convert("RGB") for p in sorted(Path(tmp).glob("page-*.png"))]
    if not opened:
        raise ShotError("pdftoppm rendered no page of the PDF")
    gap = 16
    sheet = Image.new(
        "RGB",
        (sum(i.width for i in opened) + gap * (len(opened) + 1), max(i.height for i in opened) + 2 * gap),
        (222, 222, 222),
    )
    for index, image in enumerate(opened):
        sheet.paste(image, (gap + sum(i.width + gap for i in opened[:index]), gap))
    sheet.save(path)


# ---------------------------------------------------------------- the shots
FORM = ".o_form_view .o_form_sheet"


def act(action, res_id=None, addon=ADDON):
    return f"/odoo/action-{addon}.{action}" + (f"/{res_id}" if res_id else "")


def form_shot(name, user, caption, action, find, tab=None, shown=None, scroll=False, **options):
    """A record's form (``find(tab)`` gives its id) opened in ``action``, on its notebook page ``tab`` (scrolled
    to the top of the window with ``scroll``)."""

    @shot(name, user, caption, **options)
    def take(t, path):
        t.open(act(action, find(t)), FORM)
        if tab:
            t.click(f".o_notebook .nav-link[name='{tab}']", then=shown)
        if scroll:
            t.page.evaluate("document.querySelector('.o_notebook').scrollIntoView()")
        t.capture(path)

    return take


def member_organization(t):
    """The organization of the demo's portal representative (looked up with the administrator's rights)."""
    user = t.admin.one("portal user", "res.users", [("login", "=", t.member_login)], fields=("partner_id",))
    person = t.admin.one("representative", "res.partner", [("id", "=", user["partner_id"][0])], fields=("parent_id",))
    if not person["parent_id"]:
        raise ShotError(f"the portal user {t.member_login!r} represents no organization")
    return t.admin.one(
        "member organization of the portal user",
        "res.partner",
        [("id", "=", person["parent_id"][0]), ("hbri_membership_id", "!=", False)],
        fields=("id", "hbri_membership_id"),
    )


def upcoming_session(t):
    roundtable = [("kind", "=", "roundtable"), ("state", "in", ("planned", "invited")), ("attendee_ids", "!=", False)]
    session = t.one("upcoming session", "hbri.roundtable.session", [*roundtable, ("agenda", "!=", False)], roundtable)
    return session["id"]


def held_session(t, *extra):
    done = [("kind", "=", "roundtable"), ("state", "in", ("held", "closed"))]
    return t.one("held session", "hbri.roundtable.session", [*done, *extra], order="date_start desc")["id"]


def published_case_study(t):
    return t.one("published case study", "hbri.case.study", [("state", "=", "published")], order="date_published desc")


def anonymized_case_study(t):
    published = t.admin.call(
        "hbri.case.study", "search_read", [("state", "=", "published")], ["attribution_mode"], order="id"
    )
    found = [c["id"] for c in published if c["attribution_mode"] == "anonymized"]
    if not found:
        raise ShotError("the demo data has no published anonymized case study")
    return found[0]


@shot("members-by-sector", "secretariat", "Members > Organizations: the member organizations by sector")
def members_by_sector(t, path):
    t.one("member organization", "res.partner", [("hbri_membership_state", "=", "member")])
    t.open(act("hbri_member_action"), ".o_kanban_view")
    context = {"search_default_hbri_members": 1, "search_default_hbri_group_sector": 1}
    options = {"viewType": "list", "clearBreadcrumbs": True, "additionalContext": context}
    t.do_action(f"{ADDON}.hbri_member_action", options, then=".o_list_view .o_group_header")
    for index in range(t.page.locator(".o_group_header").count()):
        t.click(f".o_group_header >> nth={index}")
    t.capture(path)


form_shot(
    "organization-roundtable-tab",
    "secretariat",
    "An organization's Roundtable tab: membership, attendance, representatives",
    "hbri_member_action",
    lambda t: member_organization(t)["id"],
    tab="hbri_roundtable",
    shown=".o_field_widget[name='hbri_representative_ids']",
    viewport=TALL,
)
form_shot(
    "membership",
    "secretariat",
    "A membership: guidelines accepted, dates",
    "hbri_membership_action",
    lambda t: member_organization(t)["hbri_membership_id"][0],
)


@shot("plan-quarters", "secretariat", "Sessions > Plan Quarters: the year's sessions in one step")
def plan_quarters(t, path):
    t.one("sector open to the roundtable", "hbri.sector", [("roundtable_eligible", "=", True)])
    t.open(act("hbri_roundtable_session_action"), ".o_list_view")
    t.do_action(f"{ADDON}.hbri_session_planner_action", then=".modal .o_form_view")
    t.capture(path)


form_shot(
    "session-form",
    "secretariat",
    "An upcoming session: host, facilitator, agenda",
    "hbri_roundtable_session_action",
    upcoming_session,
)


@shot("invitation-email", "secretariat", "The invitation e-mail a representative receives")
def invitation_email(t, path):
    # the e-mail exactly as the template renders it for the demo representative, in Odoo's own preview dialog
    session_id = upcoming_session(t)
    member = t.admin.one("portal user", "res.users", [("login", "=", t.member_login)], fields=("partner_id",))
    attendee = t.one(
        "invited representative with an e-mail address",
        "hbri.session.attendee",
        [("session_id", "=", session_id), ("partner_id", "=", member["partner_id"][0])],
        [("session_id", "=", session_id), ("partner_id.email", "!=", False)],
    )
    template = t.one(
        "invitation e-mail template",
        "mail.template",
        [("model", "=", "hbri.session.attendee"), ("name", "ilike", "invitation")],
        order="id asc",
    )
    t.open(act("hbri_roundtable_session_action", session_id), FORM)
    action = {
        "type": "ir.actions.act_window",
        "name": template["display_name"],
        "res_model": "mail.template.preview",
        "views": [[False, "form"]],
        "target": "new",
        "context": {
            "default_mail_template_id": template["id"],
            "default_resource_ref": f"hbri.session.attendee,{attendee['id']}",
        },
    }
    t.do_action(action, then=".modal .o_form_view .o_field_widget[name='body_html']")
    t.capture(path)


form_shot(
    "attendance",
    "secretariat",
    "A held session's attendees: attended, absent, declined",
    "hbri_roundtable_session_action",
    lambda t: held_session(t, ("attendee_ids.state", "=", "attended")),
    tab="attendees",
    shown=".o_field_widget[name='attendee_ids'] .o_list_view",
    viewport=TALL,
)
form_shot(
    "presentation",
    "secretariat",
    "A presentation with its public abstract",
    "hbri_presentation_action",
    lambda t: t.one(
        "presentation with a public abstract at a held session",
        "hbri.presentation",
        [
            ("session_id.state", "in", ("held", "closed")),
            ("abstract_results", "!=", False),
            ("partnership_id", "!=", False),
        ],
        [("session_id.state", "in", ("held", "closed")), ("abstract_results", "!=", False)],
    )["id"],
)
form_shot(
    "facilitator-notes",
    "facilitator",
    "Off-the-record notes as the session's facilitator sees them",
    "hbri_session_note_action",
    lambda t: t.one(
        "off-the-record notes the facilitator reads",
        "hbri.session.note",
        [("kind", "=", "qa"), ("is_attributed", "=", True)],
        [("kind", "=", "qa")],
        [],
    )["id"],
)
form_shot(
    "session-summary",
    "facilitator",
    "A session summary released to the members",
    "hbri_session_summary_action",
    lambda t: t.one("summary of the facilitator's sessions", "hbri.session.summary", [("state", "=", "released")], [])[
        "id"
    ],
)
form_shot(
    "case-study",
    "secretariat",
    "A published case study: sections, approval state",
    "hbri_case_study_action",
    lambda t: published_case_study(t)["id"],
)


@shot("case-study-pdf", "secretariat", "The case study's PDF, first two pages", trim=False)
def case_study_pdf(t, path):
    pdf = t.download(f"/report/pdf/{ADDON}.report_hbri_case_study/{published_case_study(t)['id']}", "application/pdf")
    pdf_pages(pdf, path)


@shot("partnerships", "secretariat", "Outcomes > Partnerships by stage")
def partnerships(t, path):
    t.one("partnership", "hbri.partnership", [("stage", "!=", False)])
    t.open(act("hbri_partnership_action"), ".o_kanban_view .o_kanban_record")
    t.capture(path)


def richest_partnership(t):
    records = t.call("hbri.partnership", "search_read", [("indicator_ids", "!=", False)], ["indicator_ids"])
    if not records:
        raise ShotError("the demo data has no partnership with indicators")
    return max(records, key=lambda r: (len(r["indicator_ids"]), r["id"]))["id"]


form_shot(
    "partnership-indicators",
    "secretariat",
    "A partnership's indicators",
    "hbri_partnership_action",
    richest_partnership,
    tab="indicators",
    shown=".o_field_widget[name='indicator_ids'] .o_list_view",
    viewport=TALL,
)


def portal_shot(name, caption, lang, viewport=DESKTOP):
    """The member portal in ``lang``: the portal speaks the representative's own language, so it is set for the
    time of the shot (the representative's preference, as she would set it), then put back."""

    @shot(name, "member", caption, viewport=viewport)
    def take(t, path):
        uid = t.rpc("/web/session/get_session_info")["uid"]
        [user] = t.call("res.users", "read", [uid], ["lang"])
        code = {"id": "id_ID", "en": "en_US"}[lang]
        t.call("res.users", "write", [uid], {"lang": code})
        try:
            t.open(f"/{lang}/my/roundtable", "main .o_hbri_portal", ready=PAGE)
            page_lang = t.page.evaluate("document.documentElement.lang")
            if not page_lang.startswith(lang):
                raise ShotError(f"the portal page came in {page_lang!r}, not in {lang!r}")
            t.capture(path, full_page=True)
        finally:
            t.call("res.users", "write", [uid], {"lang": user["lang"]})


portal_shot("portal-desktop", "The member portal /my/roundtable", "id")
portal_shot("portal-phone", "The member portal on a phone", "id", viewport=PHONE)


@shot("portal-case-study-approval", "member", "A case study awaiting the member's approval, on the portal")
def portal_case_study_approval(t, path):
    organization = member_organization(t)["id"]
    # consenting organizations are computed (not searchable): read them on the case studies awaiting approval
    awaiting = t.admin.call(
        "hbri.case.study", "search_read", [("state", "=", "awaiting")], ["consenting_partner_ids"], order="id desc"
    )
    mine = [c["id"] for c in awaiting if organization in c["consenting_partner_ids"]]
    if not mine:
        raise ShotError("the demo data has no case study awaiting the approval of the portal user's organization")
    t.open(f"/id/my/roundtable/case-study/{mine[0]}", "main .o_hbri_case_study_page #o_hbri_approve_form", ready=PAGE)
    t.capture(path, full_page=True)


portal_shot("portal-desktop-en", "The member portal in English", "en")


# -- companions -------------------------------------------------------------------------------------------------
def library_shot(name, caption, lang):
    @shot(name, "visitor", caption, addon="hbri_partnership_website")
    def take(t, path):
        t.open(f"/{lang}/library", "main .o_hbri_library", ready=PAGE)
        if not t.page.evaluate("document.documentElement.lang").startswith(lang):
            raise ShotError(f"/{lang}/library did not come in {lang!r}")
        t.capture(path)


library_shot("library-id", "The public case-study library, in Bahasa Indonesia", "id")
library_shot("library-en", "The public case-study library, in English", "en")


@shot(
    "library-case-study",
    "visitor",
    "An anonymized case study's page in the library",
    addon="hbri_partnership_website",
)
def library_case_study(t, path):
    t.open(f"/id/library/case-study/{anonymized_case_study(t)}", "main .o_hbri_library_case_study", ready=PAGE)
    t.capture(path)


@shot(
    "evaluation-answer",
    "member",
    "An attendee answers the session's evaluation, from the portal",
    addon="hbri_partnership_survey",
)
def evaluation_answer(t, path):
    t.open("/id/my/roundtable", "main .o_hbri_portal", ready=PAGE)
    link = t.page.locator("a.o_hbri_evaluation")
    if not link.count():
        raise ShotError("the portal shows the member no evaluation to answer (the demo answers all but hers)")
    link.first.click()
    t.settle(".o_survey_form_content", ready=PAGE)
    if t.page.locator("button[value='start']").count():  # not started yet (a started one resumes on its question)
        t.settle("button[value='start']:not(.disabled)", ready=PAGE)
        t.click("button[value='start']", then=".o_survey_form_content .o_survey_choice_btn", ready=PAGE)
    # a usefulness score chosen, nothing submitted: the demo keeps her evaluation to answer
    t.page.locator(".o_survey_form_content .o_survey_choice_btn").nth(3).click()
    t.page.wait_for_timeout(300)
    t.capture(path)


form_shot(
    "evaluation-totals",
    "secretariat",
    "A session's evaluation totals, as staff see them",
    "hbri_roundtable_session_action",
    lambda t: held_session(t, ("evaluation_is_shown", "=", True)),
    tab="evaluation",
    shown=".o_field_widget[name='evaluation_usefulness_avg']",
    scroll=True,
    addon="hbri_partnership_survey",
)


def dashboard_shot(name, caption, sequence):
    """A sheet of the roundtable's dashboards (by its place in the Roundtable group), as the secretariat opens it."""

    @shot(name, "secretariat", caption, addon="hbri_partnership_dashboard")
    def take(t, path):
        boards = t.call(
            "spreadsheet.dashboard",
            "search_read",
            [("dashboard_group_id.name", "=", "Roundtable")],
            ["id"],
            order="sequence, id",
        )
        if len(boards) <= sequence:
            raise ShotError(f"the Roundtable dashboard group has {len(boards)} dashboard(s), not {sequence + 1}")
        t.open("/odoo/dashboards", ".o_spreadsheet_dashboard_action")
        action = {
            "type": "ir.actions.client",
            "tag": "action_spreadsheet_dashboard",
            "params": {"dashboard_id": boards[sequence]["id"]},
        }
        t.do_action(action, {"clearBreadcrumbs": True}, then=".o_spreadsheet_dashboard_action .o-grid canvas")
        t.page.wait_for_timeout(1500)  # the charts draw after their data
        t.settle()
        t.capture(path)


dashboard_shot("dashboard", "The roundtable dashboard, as the secretariat opens it", 0)
dashboard_shot("dashboard-evaluations", "The dashboard's session evaluations sheet", 1)


@shot("annual-report", "secretariat", "The annual report (PDF), first two pages", trim=False)
def annual_report(t, path):
    wizard = t.call("hbri.annual.report", "create", {"language": "id_ID", "report_format": "pdf"})
    wizard = wizard[0] if isinstance(wizard, list) else wizard
    pdf_pages(t.download(f"/report/pdf/{ADDON}.report_hbri_annual_report/{wizard}", "application/pdf"), path)


# ---------------------------------------------------------------- main
def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8069", help="Odoo's address (default %(default)s)")
    parser.add_argument("--db", default="hbri", help="the demo database (default %(default)s)")
    parser.add_argument("--out", help="where the PNGs go (default: each addon's readme/screenshots/)")
    parser.add_argument("--only", help="comma-separated shot names (default: all; see --list)")
    parser.add_argument("--list", action="store_true", help="list the shots and exit")
    parser.add_argument("--chromium", default="/usr/bin/chromium", help="Chromium's executable (default %(default)s)")
    for role, login in (("admin", "admin"), ("secretariat", "sekretariat"), ("facilitator", "fasilitator")):
        parser.add_argument(f"--{role}", default=f"{login}:{login}", metavar="LOGIN:PASSWORD")
    parser.add_argument("--member", default="rina:rina", metavar="LOGIN:PASSWORD", help="portal representative")
    args = parser.parse_args(argv)
    wanted = [n.strip() for n in (args.only or "").split(",") if n.strip()] or list(SHOTS)
    unknown = sorted(set(wanted) - set(SHOTS))
    if unknown:
        parser.error(f"unknown shot(s): {', '.join(unknown)} (known: {', '.join(SHOTS)})")
    args.shots = [SHOTS[name] for name in wanted]
    return args


def main(argv=None):
    args = parse_args(argv)
    if args.list:
        for s in SHOTS.values():
            size = "{}x{}".format(*s.viewport)
            print(f"{s.name:28} {s.user:12} {size:10} {s.addon:28} {s.caption}")
        return 0
    base = args.url.rstrip("/")
    credentials = {role: getattr(args, role).partition(":")[::2] for role in SHOTS_ROLES}
    credentials["visitor"] = ("", "")
    failed = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=args.chromium, args=["--no-sandbox", "--hide-scrollbars"])
        admin = Tab(browser, base, args.db, *credentials["admin"], DESKTOP)
        for s in args.shots:
            out = Path(args.out) if args.out else REPO / s.addon / "readme" / "screenshots"
            out.mkdir(parents=True, exist_ok=True)
            path, started, tab = out / f"{s.name}.png", time.monotonic(), None
            try:
                tab = Tab(browser, base, args.db, *credentials[s.user], s.viewport)
                tab.admin, tab.member_login = admin, credentials["member"][0]
                s.take(tab, path)
                optimise_png(path, trim=s.trim)
            except (ShotError, PlaywrightError, OSError, subprocess.CalledProcessError) as exc:
                failed.append(s.name)
                print(f"FAILED {s.name}: {str(exc).strip()}", file=sys.stderr)
                continue
            finally:
                if tab:
                    tab.context.close()
            shown = path.relative_to(REPO) if path.is_relative_to(REPO) else path
            print(f"{shown}  {path.stat().st_size // 1024} KiB  ({s.user}, {time.monotonic() - started:.1f} s)")
        browser.close()
    print(f"{len(args.shots) - len(failed)} screenshot(s) written, {len(failed)} failed {' '.join(failed)}".rstrip())
    return 1 if failed else 0


SHOTS_ROLES = ("admin", "secretariat", "facilitator", "member")

if __name__ == "__main__":
    sys.exit(main())
