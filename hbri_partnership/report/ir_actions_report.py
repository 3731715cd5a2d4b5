# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import contextlib
import os
import signal
import subprocess
from contextvars import ContextVar

import lxml.html

from odoo import models
from odoo.exceptions import UserError
from odoo.tools import config

from odoo.addons.base.models import ir_actions_report as base_ir_actions_report

# A wkhtmltopdf that hangs (a page that never finishes loading, a stuck font cache) would hold the worker until
# Odoo's limit_time_real kills it, and the user would get the proxy's bare "502 Bad Gateway". It is given
# `hbri_partnership.pdf_timeout` seconds (60 by default, at most three quarters of limit_time_real), then it is
# killed with its process group and the user is told.
PDF_TIMEOUT_PARAM = "hbri_partnership.pdf_timeout"
PDF_TIMEOUT_DEFAULT = 60
_pdf_timeout = ContextVar("hbri_pdf_timeout", default=None)
# set while one of HBRI_SCRIPTLESS prints: a ContextVar, which no client can send (a context key can)
_scriptless = ContextVar("hbri_scriptless_report", default=False)


class _PdfTimeoutError(Exception):
    pass


def _run_wkhtmltopdf_within_timeout(args):
    """Odoo's module-level ``_run_wkhtmltopdf`` (the one place it starts wkhtmltopdf), with a time limit when
    this addon's ``ir.actions.report._run_wkhtmltopdf`` set one; as Odoo's otherwise (a database without the
    addon, served by the same process)."""
    timeout = _pdf_timeout.get()
    if timeout is None:
        return _odoo_run_wkhtmltopdf(args)
    command = [base_ir_actions_report._wkhtml().bin, *args]
    # its own process group: a wrapper script's children are killed with it
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, encoding="utf-8", start_new_session=True
    ) as process:
        try:
            stdout, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):  # it ended in the meantime
                os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise _PdfTimeoutError() from None
    return subprocess.CompletedProcess(command, process.returncode, stdout, stderr)


_odoo_run_wkhtmltopdf = getattr(
    base_ir_actions_report._run_wkhtmltopdf, "hbri_odoo_function", base_ir_actions_report._run_wkhtmltopdf
)
_run_wkhtmltopdf_within_timeout.hbri_odoo_function = _odoo_run_wkhtmltopdf
base_ir_actions_report._run_wkhtmltopdf = _run_wkhtmltopdf_within_timeout

# wkhtmltopdf waits `report.print_delay` (1 s by default) once the document is loaded, for the scripts of Odoo's
# reports to draw. These documents have no script: they wait 0.1 s. Kept because a user notices: measured with
# Debian's wkhtmltopdf 0.12.6, one run takes 1.38-1.62 s with 1000 ms and 0.50-0.82 s with 100 ms (the benchmark's
# case-study PDF: 0.70 s for 1, 2.5 s for 20 in one run). An administrator's `report.print_delay` still applies.
HBRI_SCRIPTLESS = (
    "hbri_partnership.report_hbri_session_invitation",
    "hbri_partnership.report_hbri_session_sign_in",
    "hbri_partnership.report_hbri_session_summary",
    "hbri_partnership.report_hbri_case_study",
)
HBRI_PRINT_DELAY = "100"
ODOO_PRINT_DELAY = "1000"  # Odoo's default; another value set by an administrator is kept


# the documents' own font stack, for the layout's header and footer too: Debian's wkhtmltopdf draws the layouts'
# web fonts (Lato by default) as outlines, leaving a company name and address that cannot be searched, copied or
# read by a screen reader
HBRI_FONTS = "font-family: 'DejaVu Sans', 'Liberation Sans', 'Noto Sans', Arial, sans-serif;"


def _has_class(klass):
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {klass} ')"


def _replace_class(node, old, new):
    node.set("class", " ".join(new if token == old else token for token in node.get("class", "").split()))


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    def _prepare_html(self, html, report_model=False):
        if self.report_name and self.report_name.startswith("hbri_partnership."):
            html = self._hbri_layout_in_page(html)
        return super()._prepare_html(html, report_model=report_model)

    def _hbri_layout_in_page(self, html):
        """The company's Document Layout (web.external_layout) printed inside the page, every document in one
        article: the same PDF with any wkhtmltopdf.

        Odoo hands the layout's header and footer to wkhtmltopdf as separate files, which Debian's wkhtmltopdf
        (unpatched Qt) ignores, and one article per document, which it refuses ("does not support more than one
        input document"). Here each header opens its document and each footer closes it (without the page
        numbers only those files could fill), and the documents follow each other in one article, each from a
        new page: one wkhtmltopdf run prints them all, with the logo, colours, address and footer of each
        document's company.
        """
        root = lxml.html.fromstring(html, parser=lxml.html.HTMLParser(encoding="utf-8"))
        articles = root.xpath(f"//div[{_has_class('article')}]")
        if not articles:
            return html
        for article in articles:
            header = article.getprevious()
            if header is not None and header.xpath(f"self::div[{_has_class('header')}]"):
                _replace_class(header, "header", "o_hbri_layout_header")
                header.set("style", f"{HBRI_FONTS} {header.get('style') or ''}".strip())
                article.insert(0, header)
            footer = article.getnext()
            if footer is not None and footer.xpath(f"self::div[{_has_class('footer')}]"):
                # "Page x / y": only wkhtmltopdf's footer file knows the page numbers
                for number in footer.xpath(f".//span[{_has_class('page')}]"):
                    number.getparent().getparent().remove(number.getparent())
                _replace_class(footer, "footer", "o_hbri_layout_footer")
                footer.set("style", f"{HBRI_FONTS} {footer.get('style') or ''}".strip())
                article.append(footer)
        if len(articles) > 1:
            first = articles[0]
            # no record on the whole: Odoo then keeps the PDF whole instead of printing each record again
            document = lxml.html.Element("div", {"class": "article"})
            if first.get("data-oe-lang"):
                document.set("data-oe-lang", first.get("data-oe-lang"))
            first.addprevious(document)
            for index, article in enumerate(articles):
                _replace_class(article, "article", "o_hbri_document")
                if index:
                    article.set("style", f"page-break-before: always; {article.get('style') or ''}")
                document.append(article)
        return lxml.html.tostring(root, encoding="utf-8")

    def _render_qweb_pdf_prepare_streams(self, report_ref, data, res_ids=None):
        report = self._get_report(report_ref)
        if report.report_name == "hbri_partnership.report_hbri_case_study" and res_ids:
            # the PDF's Title metadata (wkhtmltopdf --title): the printed title, anonymized when the case study is
            self = self.with_context(hbri_pdf_title=report._get_hbri_case_study_pdf_title(res_ids))  # noqa: PLW0642
        return super()._render_qweb_pdf_prepare_streams(report_ref, data, res_ids=res_ids)

    def _run_wkhtmltopdf(self, bodies, report_ref=False, *args, **kwargs):
        # another module's report, named by its XML id, is left alone without being read
        ours = report_ref and not (isinstance(report_ref, str) and not report_ref.startswith("hbri_partnership."))
        scriptless = bool(ours and self._get_report(report_ref).report_name in HBRI_SCRIPTLESS)
        timeout = self._get_hbri_pdf_timeout()
        token, scriptless_token = _pdf_timeout.set(timeout), _scriptless.set(scriptless)
        try:
            return super()._run_wkhtmltopdf(bodies, report_ref, *args, **kwargs)
        except _PdfTimeoutError:
            raise UserError(
                self.env._(
                    "The PDF could not be produced within %(seconds)s seconds. Try again in a moment, or print "
                    "fewer documents at a time.",
                    seconds=timeout,
                )
            ) from None
        finally:
            _pdf_timeout.reset(token)
            _scriptless.reset(scriptless_token)

    def _get_hbri_pdf_timeout(self):
        """Seconds wkhtmltopdf may take: the system parameter, kept well below the worker's limit_time_real so
        that the user reads a message before the worker is killed."""
        value = self.env["ir.config_parameter"].sudo().get_param(PDF_TIMEOUT_PARAM, "")
        try:
            timeout = int(value) if value else PDF_TIMEOUT_DEFAULT
        except ValueError:
            timeout = PDF_TIMEOUT_DEFAULT
        if timeout <= 0:
            timeout = PDF_TIMEOUT_DEFAULT
        limit_time_real = config["limit_time_real"]
        if limit_time_real and limit_time_real > 0:
            timeout = min(timeout, max(1, int(limit_time_real * 3 / 4)))
        return timeout

    def _get_hbri_case_study_pdf_title(self, res_ids):
        case_studies = self.env["hbri.case.study"].browse(dict.fromkeys(res_ids))
        if len(case_studies) > 1:
            return self.env._("Case studies")
        return self.env._("Case study - %(title)s", title=case_studies._get_printed_title())

    def _build_wkhtmltopdf_args(self, *args, **kwargs):
        command_args = super()._build_wkhtmltopdf_args(*args, **kwargs)
        if self.env.context.get("hbri_pdf_title"):
            command_args += ["--title", self.env.context["hbri_pdf_title"]]
        if _scriptless.get() and "--javascript-delay" in command_args:
            index = command_args.index("--javascript-delay") + 1
            if command_args[index] == ODOO_PRINT_DELAY:
                command_args[index] = HBRI_PRINT_DELAY
        return command_args
