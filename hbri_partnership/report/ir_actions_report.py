# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from contextvars import ContextVar

import lxml.html

from odoo import models
from odoo.exceptions import UserError

from .hbri_pdf_time_limit import PdfTimeoutError, get_pdf_timeout, pdf_timeout

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
# set while one of HBRI_SCRIPTLESS prints: a ContextVar, which no client can send (a context key can)
_scriptless = ContextVar("hbri_scriptless_report", default=False)
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
        timeout = get_pdf_timeout(self.env)
        token, scriptless_token = pdf_timeout.set(timeout), _scriptless.set(scriptless)
        try:
            return super()._run_wkhtmltopdf(bodies, report_ref, *args, **kwargs)
        except PdfTimeoutError:
            raise UserError(
                self.env._(
                    "The PDF could not be produced within %(seconds)s seconds. Try again in a moment, or print "
                    "fewer documents at a time.",
                    seconds=timeout,
                )
            ) from None
        finally:
            pdf_timeout.reset(token)
            _scriptless.reset(scriptless_token)

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
