#!/usr/bin/env python3
# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Screenshots of the demo data for the documentation (each addon's readme/screenshots/).

Playwright drives Debian's Chromium (never `playwright install`) against a running Odoo serving the demo
database; `scripts/hbri screenshots` does that with the `hbri` database of `scripts/hbri run`:

    .hbri/tools-venv/bin/python scripts/screenshots.py --url http://127.0.0.1:8069 --db hbri [--only NAME,...]

The shots are the table SHOTS: each logs in as a demo user (or visits anonymously), opens a page, waits until it
is idle and saves a PNG. A page answering an HTTP error, raising a JavaScript error or showing Odoo's error
dialog fails its shot: the shot is named and the exit code is 1. Records are looked up at run time by model and
domain with the user's rights (the latest held session, a published case study...), never by database id.
"""

import argparse
import subprocess
import sys
import tempfile
import time
from collections import namedtuple
from pathlib import Path

from PIL import Image, ImageChops
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parent.parent
ADDON = "hbri_partnership"
WEBSITE, SURVEY, DASHBOARD = (f"{ADDON}_{c}" for c in ("website", "survey", "dashboard"))
DESKTOP, TALL, PHONE = (1280, 800), (1280, 1000), (375, 812)
ROLES = {"admin": "admin", "secretariat": "sekretariat", "facilitator": "fasilitator", "member": "rina"}
FORM = ".o_form_view .o_form_sheet"
# the web client is idle: an action is displayed, nothing loads nor blocks the UI (no Playwright wait says that)
IDLE = """() => document.readyState === 'complete'
    && !!document.querySelector('.o_action_manager .o_view_controller, .o_action_manager .o_action')
    && !document.querySelector('.o_loading_indicator, .o_blockUI:not(.o_blockUI_invisible)')"""
PAGE = "() => document.readyState === 'complete'"
ERROR_PROBE = """() => document.querySelector('.o_error_dialog')?.innerText.slice(0, 400)
    || (location.pathname.startsWith('/web/login') ? 'redirected to the login page' : '')"""


class ShotError(Exception):
    """A screenshot cannot be taken: the message says what is missing or went wrong."""


class Tab:
    """One browser context (its own cookies) logged in as a user, one page in it, and JSON-RPC as that user."""

    def __init__(self, browser, base, db, login, password, viewport):
        phone = viewport[0] < 600
        # visitors: the demo's library is the secretariat's website, served on localhost (the domain it matches)
        self.base, self.errors = (base if login else base.replace("//127.0.0.1:", "//localhost:")), []
        size = {"width": viewport[0], "height": viewport[1]}
        self.context = browser.new_context(viewport=size, is_mobile=phone, has_touch=phone)
        self.context.set_default_timeout(90_000)
        info = login and self.rpc("/web/session/authenticate", db=db, login=login, password=password)
        if login and not (info or {}).get("uid"):
            raise ShotError(f"cannot log in as {login!r} on database {db!r}")
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda exc: self.errors.append(f"JavaScript error: {exc}"))
        self.page.on("response", lambda r: r.status >= 500 and self.errors.append(f"HTTP {r.status} on {r.url}"))

    def rpc(self, path, **params):
        body = {"jsonrpc": "2.0", "method": "call", "params": params}
        response = self.context.request.post(self.base + path, data=body)
        if not response.ok:
            raise ShotError(f"{path} answered HTTP {response.status}")
        if error := response.json().get("error"):
            raise ShotError(error.get("data", {}).get("message") or error.get("message") or str(error))
        return response.json().get("result")

    def call(self, model, method, *args, **kwargs):
        return self.rpc(f"/web/dataset/call_kw/{model}/{method}", model=model, method=method, args=args, kwargs=kwargs)

    def one(self, what, model, *domains, fields=("id", "display_name"), order="id desc"):
        """The first record of the first of ``domains`` (preferred first) that matches, read as this user."""
        for domain in domains:
            if records := self.call(model, "search_read", domain, list(fields), order=order, limit=1):
                return records[0]
        raise ShotError(f"the demo data has no {what} ({model} matching {domains[-1]!r})")

    def pdf(self, report, res_id):
        path = f"/report/pdf/{ADDON}.{report}/{res_id}"
        response = self.context.request.get(self.base + path)
        if not response.ok or not response.headers.get("content-type", "").startswith("application/pdf"):
            raise ShotError(f"{path} answered HTTP {response.status} ({response.headers.get('content-type')})")
        return response.body()

    def open(self, path, selector, ready=IDLE):
        response = self.page.goto(self.base + path)
        if response and response.status >= 400:
            raise ShotError(f"{path} answered HTTP {response.status}")
        self.settle(selector, ready)

    def settle(self, selector=None, ready=IDLE):
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
        if (error := self.page.evaluate(ERROR_PROBE)) or self.errors:
            raise ShotError(f"{self.page.url} shows an error: {error or '; '.join(self.errors)}")

    def click(self, selector, then=None, ready=IDLE):
        self.page.locator(selector).first.click()
        self.settle(then, ready)

    def do_action(self, action, options=None, then=None):
        """Run an action in the web client (an xml id or an action dictionary), as a menu or button would."""
        js = "([a, o]) => odoo.__WOWL_DEBUG__.root.env.services.action.doAction(a, o).then(() => true)"
        self.page.evaluate(js, [action, options or {}])
        self.settle(then)

    def lang_page(self, path, selector, lang):
        self.open(f"/{lang}{path}", selector, ready=PAGE)
        if not (page_lang := self.page.evaluate("document.documentElement.lang")).startswith(lang):
            raise ShotError(f"/{lang}{path} came in {page_lang!r}, not in {lang!r}")


# ---------------------------------------------------------------- image files
def optimise_png(path, trim=True, max_height=2400):
    """Crop the empty band at the bottom (and anything past ``max_height``) and store a 256-colour palette:
    user-interface screenshots keep their look at a fraction of the size."""
    with Image.open(path) as source:
        image = source.convert("RGB")
    image = image.crop((0, 0, image.width, min(image.height, max_height)))
    background = Image.new("RGB", image.size, image.getpixel((image.width - 1, image.height - 1)))
    box = ImageChops.difference(image, background).getbbox()
    if trim and box and box[3] + 24 < image.height - 40:
        image = image.crop((0, 0, image.width, box[3] + 24))
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(path, optimize=True)


def pdf_pages(pdf, path, pages=2, dpi=60, gap=16):
    """The first ``pages`` pages of a PDF side by side on a grey background (pdftoppm of poppler-utils)."""
    with tempfile.TemporaryDirectory(prefix="hbri-shots-") as tmp:
        (Path(tmp) / "document.pdf").write_bytes(pdf)
        subprocess.run(
            ["pdftoppm", "-png", "-r", str(dpi), "-l", str(pages), f"{tmp}/document.pdf", f"{tmp}/p"], check=True
        )
        opened = [Image.open(p).convert("RGB") for p in sorted(Path(tmp).glob("p-*.png"))]
    if not opened:
        raise ShotError("pdftoppm rendered no page of the PDF")
    width = sum(i.width for i in opened) + gap * (len(opened) + 1)
    sheet = Image.new("RGB", (width, max(i.height for i in opened) + 2 * gap), (222, 222, 222))
    for index, image in enumerate(opened):
        sheet.paste(image, (gap + sum(i.width + gap for i in opened[:index]), gap))
    sheet.save(path)


# ---------------------------------------------------------------- how each shot finds its record, opens its page
def find(what, model, *domains, order="id desc"):
    return lambda t: t.one(what, model, *domains, order=order)["id"]


def form(action, finder, tab=None, shown=None, scroll=False, addon=ADDON):
    """A record's form (``finder(t)`` gives its id) opened in ``action``, on its notebook page ``tab`` (scrolled
    to the top of the window with ``scroll``)."""

    def take(t):
        t.open(f"/odoo/action-{addon}.{action}/{finder(t)}", FORM)
        if tab:
            t.click(f".o_notebook .nav-link[name='{tab}']", then=shown)
        if scroll:
            t.page.evaluate("document.querySelector('.o_notebook').scrollIntoView()")

    return take


def member_organization(t):
    """The organization of the demo's portal representative (looked up with the administrator's rights)."""
    domain = [("child_ids.user_ids.login", "=", t.member_login), ("hbri_membership_id", "!=", False)]
    return t.admin.one("member organization of the portal user", "res.partner", domain, fields=("hbri_membership_id",))


ROUNDTABLE = [("kind", "=", "roundtable"), ("state", "in", ("planned", "invited")), ("attendee_ids", "!=", False)]
upcoming_session = find(
    "upcoming session", "hbri.roundtable.session", [*ROUNDTABLE, ("agenda", "!=", False)], ROUNDTABLE
)
published_case_study = find(
    "published case study", "hbri.case.study", [("state", "=", "published")], order="date_published desc"
)


def held_session(*extra):
    domain = [("kind", "=", "roundtable"), ("state", "in", ("held", "closed")), *extra]
    return find("held session", "hbri.roundtable.session", domain, order="date_start desc")


def richest_partnership(t):
    records = t.call("hbri.partnership", "search_read", [("indicator_ids", "!=", False)], ["indicator_ids"])
    if not records:
        raise ShotError("the demo data has no partnership with indicators")
    return max(records, key=lambda r: (len(r["indicator_ids"]), r["id"]))["id"]


def members_by_sector(t):
    t.one("member organization", "res.partner", [("hbri_membership_state", "=", "member")])
    t.open(f"/odoo/action-{ADDON}.hbri_member_action", ".o_kanban_view")
    context = {"search_default_hbri_members": 1, "search_default_hbri_group_sector": 1}
    options = {"viewType": "list", "clearBreadcrumbs": True, "additionalContext": context}
    t.do_action(f"{ADDON}.hbri_member_action", options, then=".o_list_view .o_group_header")
    for index in range(t.page.locator(".o_group_header").count()):
        t.click(f".o_group_header >> nth={index}")


def plan_quarters(t):
    t.one("sector open to the roundtable", "hbri.sector", [("roundtable_eligible", "=", True)])
    t.open(f"/odoo/action-{ADDON}.hbri_roundtable_session_action", ".o_list_view")
    t.do_action(f"{ADDON}.hbri_session_planner_action", then=".modal .o_form_view")


def invitation_email(t):
    """The e-mail exactly as the template renders it for the demo representative, in Odoo's preview dialog."""
    session_id = upcoming_session(t)
    mine = [("session_id", "=", session_id), ("partner_id.user_ids.login", "=", t.member_login)]
    any_ = [("session_id", "=", session_id), ("partner_id.email", "!=", False)]
    attendee = t.one("invited representative with an e-mail address", "hbri.session.attendee", mine, any_)
    domain = [("model", "=", "hbri.session.attendee"), ("name", "ilike", "invitation")]
    template = t.one("invitation e-mail template", "mail.template", domain, order="id asc")
    t.open(f"/odoo/action-{ADDON}.hbri_roundtable_session_action/{session_id}", FORM)
    context = {
        "default_mail_template_id": template["id"],
        "default_resource_ref": f"hbri.session.attendee,{attendee['id']}",
    }
    action = {"type": "ir.actions.act_window", "name": template["display_name"], "res_model": "mail.template.preview"}
    action.update(views=[[False, "form"]], target="new", context=context)
    t.do_action(action, then=".modal .o_form_view .o_field_widget[name='body_html']")


def portal(lang):
    """The member portal in ``lang``: the portal speaks the representative's own language, so it is set for the
    time of the shot (the representative's preference, as she would set it), then put back."""

    def take(t):
        uid = t.rpc("/web/session/get_session_info")["uid"]
        [user] = t.call("res.users", "read", [uid], ["lang"])
        t.call("res.users", "write", [uid], {"lang": {"id": "id_ID", "en": "en_US"}[lang]})
        try:
            t.lang_page("/my/roundtable", "main .o_hbri_portal", lang)
        finally:
            t.call("res.users", "write", [uid], {"lang": user["lang"]})

    return take


def portal_case_study_approval(t):
    organization = member_organization(t)["id"]
    # consenting organizations are computed (not searchable): read them on the case studies awaiting approval
    domain = [("state", "=", "awaiting")]
    awaiting = t.admin.call("hbri.case.study", "search_read", domain, ["consenting_partner_ids"], order="id desc")
    mine = [c["id"] for c in awaiting if organization in c["consenting_partner_ids"]]
    if not mine:
        raise ShotError("the demo data has no case study awaiting the approval of the portal user's organization")
    signature_pad = "main .o_hbri_case_study_page .o_web_sign_name_and_signature"  # mounted after the page loads
    t.open(f"/id/my/roundtable/case-study/{mine[0]}", signature_pad, ready=PAGE)


def library_case_study(t):
    published = t.admin.call("hbri.case.study", "search_read", [("state", "=", "published")], ["attribution_mode"])
    if not (found := sorted(c["id"] for c in published if c["attribution_mode"] == "anonymized")):
        raise ShotError("the demo data has no published anonymized case study")
    t.open(f"/id/library/case-study/{found[0]}", "main .o_hbri_library_case_study", ready=PAGE)


def evaluation_answer(t):
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


def dashboard(sequence):
    """A sheet of the roundtable's dashboards (by its place in the Roundtable group), as the secretariat opens it."""

    def take(t):
        domain = [("dashboard_group_id.name", "=", "Roundtable")]
        boards = t.call("spreadsheet.dashboard", "search_read", domain, ["id"], order="sequence, id")
        if len(boards) <= sequence:
            raise ShotError(f"the Roundtable dashboard group has {len(boards)} dashboard(s), not {sequence + 1}")
        t.open("/odoo/dashboards", ".o_spreadsheet_dashboard_action")
        action = {"type": "ir.actions.client", "tag": "action_spreadsheet_dashboard"}
        action["params"] = {"dashboard_id": boards[sequence]["id"]}
        t.do_action(action, {"clearBreadcrumbs": True}, then=".o_spreadsheet_dashboard_action .o-grid canvas")
        t.page.wait_for_timeout(1500)  # the charts draw after their data
        t.settle()

    return take


def annual_report(t):
    wizard = t.call("hbri.annual.report", "create", {"language": "id_ID", "report_format": "pdf"})
    return t.pdf("report_hbri_annual_report", wizard[0] if isinstance(wizard, list) else wizard)


# ---------------------------------------------------------------- the shots
def partnerships(t):
    t.one("partnership", "hbri.partnership", [("stage", "!=", False)])
    t.open(f"/odoo/action-{ADDON}.hbri_partnership_action", ".o_kanban_view .o_kanban_record")


NOTES = [("kind", "=", "qa"), ("is_attributed", "=", True)], [("kind", "=", "qa")], []
ABSTRACT = [("session_id.state", "in", ("held", "closed")), ("abstract_results", "!=", False)]
SESSION, LISTED = "hbri_roundtable_session_action", ".o_field_widget[name='{}'] .o_list_view"
# take(t) opens the page to shoot, or returns a PDF whose first pages are shot; full: the whole page, not the window
Shot = namedtuple("Shot", "name user caption take addon viewport full", defaults=(ADDON, DESKTOP, False))
# fmt: off
SHOTS = {s.name: s for s in (
    Shot("members-by-sector", "secretariat", "Members > Organizations: the member organizations by sector",
         members_by_sector),
    Shot("organization-roundtable-tab", "secretariat",
         "An organization's Roundtable tab: membership, attendance, representatives",
         form("hbri_member_action", lambda t: member_organization(t)["id"], "hbri_roundtable",
              ".o_field_widget[name='hbri_representative_ids']"), viewport=TALL),
    Shot("membership", "secretariat", "A membership: guidelines accepted, dates",
         form("hbri_membership_action", lambda t: member_organization(t)["hbri_membership_id"][0])),
    Shot("plan-quarters", "secretariat", "Sessions > Plan Quarters: the year's sessions in one step", plan_quarters),
    Shot("session-form", "secretariat", "An upcoming session: host, facilitator, agenda",
         form(SESSION, upcoming_session)),
    Shot("invitation-email", "secretariat", "The invitation e-mail a representative receives", invitation_email),
    Shot("attendance", "secretariat", "A held session's attendees: attended, absent, declined",
         form(SESSION, held_session(("attendee_ids.state", "=", "attended")), "attendees",
              LISTED.format("attendee_ids")), viewport=TALL),
    Shot("presentation", "secretariat", "A presentation with its public abstract",
         form("hbri_presentation_action", find("presentation with a public abstract at a held session",
              "hbri.presentation", [*ABSTRACT, ("partnership_id", "!=", False)], ABSTRACT))),
    Shot("facilitator-notes", "facilitator", "Off-the-record notes as the session's facilitator sees them",
         form("hbri_session_note_action", find("off-the-record notes the facilitator reads",
              "hbri.session.note", *NOTES))),
    Shot("session-summary", "facilitator", "A session summary released to the members",
         form("hbri_session_summary_action", find("summary of the facilitator's sessions",
              "hbri.session.summary", [("state", "=", "released")], []))),
    Shot("case-study", "secretariat", "A published case study: sections, approval state",
         form("hbri_case_study_action", published_case_study)),
    Shot("case-study-pdf", "secretariat", "The case study's PDF, first two pages",
         lambda t: t.pdf("report_hbri_case_study", published_case_study(t))),
    Shot("partnerships", "secretariat", "Outcomes > Partnerships by stage", partnerships),
    Shot("partnership-indicators", "secretariat", "A partnership's indicators",
         form("hbri_partnership_action", richest_partnership, "indicators", LISTED.format("indicator_ids")),
         viewport=TALL),
    Shot("portal-desktop", "member", "The member portal /my/roundtable", portal("id"), full=True),
    Shot("portal-phone", "member", "The member portal on a phone", portal("id"), viewport=PHONE, full=True),
    Shot("portal-case-study-approval", "member", "A case study awaiting the member's approval, on the portal",
         portal_case_study_approval, full=True),
    Shot("portal-desktop-en", "member", "The member portal in English", portal("en"), full=True),
    Shot("library-id", "visitor", "The public case-study library, in Bahasa Indonesia",
         lambda t: t.lang_page("/library", "main .o_hbri_library", "id"), WEBSITE),
    Shot("library-en", "visitor", "The public case-study library, in English",
         lambda t: t.lang_page("/library", "main .o_hbri_library", "en"), WEBSITE),
    Shot("library-case-study", "visitor", "An anonymized case study's page in the library", library_case_study,
         WEBSITE),
    Shot("evaluation-answer", "member", "An attendee answers the session's evaluation, from the portal",
         evaluation_answer, SURVEY),
    Shot("evaluation-totals", "secretariat", "A session's evaluation totals, as staff see them",
         form(SESSION, held_session(("evaluation_is_shown", "=", True)), "evaluation",
              ".o_field_widget[name='evaluation_usefulness_avg']", scroll=True), SURVEY),
    Shot("dashboard", "secretariat", "The roundtable dashboard, as the secretariat opens it", dashboard(0),
         DASHBOARD),
    Shot("dashboard-evaluations", "secretariat", "The dashboard's session evaluations sheet", dashboard(1),
         DASHBOARD),
    Shot("annual-report", "secretariat", "The annual report (PDF), first two pages", annual_report),
)}
# fmt: on


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8069", help="Odoo's address (default %(default)s)")
    parser.add_argument("--db", default="hbri", help="the demo database (default %(default)s)")
    parser.add_argument("--out", help="where the PNGs go (default: each addon's readme/screenshots/)")
    parser.add_argument("--only", help="comma-separated shot names (default: all; see --list)")
    parser.add_argument("--list", action="store_true", help="list the shots and exit")
    parser.add_argument("--chromium", default="/usr/bin/chromium", help="Chromium's executable (default %(default)s)")
    for role, login in ROLES.items():
        parser.add_argument(f"--{role}", default=f"{login}:{login}", metavar="LOGIN:PASSWORD")
    args = parser.parse_args(argv)
    wanted = [n.strip() for n in (args.only or "").split(",") if n.strip()] or list(SHOTS)
    if unknown := sorted(set(wanted) - set(SHOTS)):
        parser.error(f"unknown shot(s): {', '.join(unknown)} (known: {', '.join(SHOTS)})")
    if args.list:
        for s in SHOTS.values():
            print(f"{s.name:28} {s.user:12} {'{}x{}'.format(*s.viewport):10} {s.addon:28} {s.caption}")
        return 0
    base, failed = args.url.rstrip("/"), []
    credentials = {role: getattr(args, role).partition(":")[::2] for role in ROLES} | {"visitor": ("", "")}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=args.chromium, args=["--no-sandbox", "--hide-scrollbars"])
        admin = Tab(browser, base, args.db, *credentials["admin"], DESKTOP)
        for s in (SHOTS[name] for name in wanted):
            out = Path(args.out) if args.out else REPO / s.addon / "readme" / "screenshots"
            out.mkdir(parents=True, exist_ok=True)
            path, started, tab = out / f"{s.name}.png", time.monotonic(), None
            try:
                tab = Tab(browser, base, args.db, *credentials[s.user], s.viewport)
                tab.admin, tab.member_login = admin, credentials["member"][0]
                pdf = s.take(tab)
                # a focused field may have scrolled the page: the whole page from its top, no floating header
                if s.full:
                    tab.page.evaluate("window.scrollTo(0, 0)")
                if pdf:
                    pdf_pages(pdf, path)
                else:
                    tab.page.screenshot(path=path, full_page=s.full, animations="disabled")
                optimise_png(path, trim=not pdf)
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
    print(f"{len(wanted) - len(failed)} screenshot(s) written, {len(failed)} failed {' '.join(failed)}".rstrip())
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
