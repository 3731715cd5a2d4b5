# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo import http
from odoo.http import request
from odoo.tools import html2plaintext

from odoo.addons.website.controllers.main import QueryURL

PAGE_SIZE = 12  # as website_event (and website_blog) list a page: 3 x 4 cards
DESCRIPTION_LENGTH = 160


def _shorten(text, length=DESCRIPTION_LENGTH):
    text = " ".join((text or "").split())
    return text if len(text) <= length else text[: length - 1].rsplit(" ", 1)[0] + "…"


class LibrarySeo:
    """The page's SEO metadata for website.layout (its `seo_object`), written from the printed text only: the
    case study's own name or fields could name the organizations an anonymized case study hides."""

    def __init__(self, meta):
        self.meta = meta

    def __repr__(self):
        # website.layout prints repr(main_object) in the page: the same text at each request, no memory address
        return "LibrarySeo()"

    def __contains__(self, field_name):
        return False

    def sudo(self, flag=True):
        return self

    def get_website_meta(self):
        return self.meta


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


class HbriLibrary(http.Controller):
    """The public case-study library.

    Visitors hold no access right on the roundtable's models: every route reads with sudo() only what the
    library domain lets through (published case studies of the website's company, released toolkits) and
    renders only the printed values of a case study, the same ones its PDF prints (anonymized when it is).
    """

    # ------------------------------------------------------------ sitemap
    def sitemap_library(env, rule, qs):
        if not qs or qs.lower() in "/library":
            yield {"loc": "/library"}
        if not qs or qs.lower() in "/library/toolkits":
            yield {"loc": "/library/toolkits"}

    def sitemap_case_studies(env, rule, qs):
        website = env["website"].get_current_website()
        # sudo: the published case studies are the public part of the model
        case_studies = env["hbri.case.study"].sudo().search(env["hbri.case.study"]._get_library_domain(website))
        for case_study in case_studies:
            loc = f"/library/case-study/{case_study.id}"
            if not qs or qs.lower() in loc:
                yield {"loc": loc, "lastmod": case_study.date_published or case_study.write_date.date()}

    # ------------------------------------------------------------ helpers
    def _library_case_studies(self, domain=None, field_names=("print_language",)):
        """The published case studies, with only ``field_names`` read: their sections are long texts, read
        for the case studies of the page only."""
        CaseStudy = request.env["hbri.case.study"]
        # sudo: restricted to published case studies by the library domain; templates print their print values
        return CaseStudy.sudo().search_fetch(
            CaseStudy._get_library_domain(request.website) + (domain or []),
            list(field_names),
            order="date_published desc, id desc",
        )

    def _published_case_study(self, case_study_id):
        case_study = self._library_case_studies([("id", "=", case_study_id)])
        if not case_study:
            raise request.not_found()
        return case_study

    def _library_toolkits(self):
        # sudo: released toolkits are the forum's published tools (their files need a login if members-only)
        return (
            request.env["hbri.toolkit"]
            .sudo()
            .search(
                [
                    ("is_released", "=", True),
                    ("company_id", "=", request.website.company_id.id),
                    ("audience", "in", ("public", "members")),
                ],
                order="date_released desc, id desc",
            )
        )

    def _seo(self, title, description):
        website = request.website
        url = request.httprequest.url_root.rstrip("/") + request.httprequest.path
        image = website.image_url(website, "logo")
        return LibrarySeo(
            {
                "opengraph_meta": {
                    "og:type": "article",
                    "og:title": title,
                    "og:description": description,
                    "og:site_name": website.name,
                    "og:url": url,
                    "og:image": request.httprequest.url_root.rstrip("/") + image,
                },
                "twitter_meta": {
                    "twitter:card": "summary",
                    "twitter:title": title,
                    "twitter:description": description,
                },
                "meta_description": description,
            }
        )

    # ------------------------------------------------------------ list
    @http.route(
        ["/library", "/library/page/<int:page>"],
        type="http",
        auth="public",
        website=True,
        sitemap=sitemap_library,
    )
    def library(self, page=1, search="", theme=None, mix=None, year=None, **kw):
        theme_id, mix_id, year = _int(theme), _int(mix), _int(year)
        if not 1900 <= year <= 2999:
            year = 0  # not a year a case study can have been published in: no filter, rather than an error
        search = (search or "").strip()
        all_published = self._library_case_studies(
            field_names=("date_published", "partnership_id", "theme_ids", "print_language")
        )
        # the filters' choices first: what they read is read for all the published case studies at once
        themes = all_published.theme_ids.sorted("name")
        mixes = all_published.partnership_id.sector_mix_id
        years = sorted({c.date_published.year for c in all_published if c.date_published}, reverse=True)
        domain = []
        if theme_id:
            domain.append(("theme_ids", "in", [theme_id]))
        if mix_id:
            domain.append(("partnership_id.sector_mix_id", "=", mix_id))
        if year:
            domain += [("date_published", ">=", date(year, 1, 1)), ("date_published", "<=", date(year, 12, 31))]
        case_studies = all_published.filtered_domain(domain) if domain else all_published
        lang = request.env.lang
        if search:
            # searched in the printed text only: the stored text of an anonymized case study names its
            # organizations, and a match on it would tell who it is about
            values = case_studies._get_library_card_values(lang)
            needle = search.casefold()
            case_studies = case_studies.filtered(lambda c: needle in values[c.id]["text"].casefold())
        total = len(case_studies)
        keep = QueryURL("/library", search=search, theme=theme_id or None, mix=mix_id or None, year=year or None)
        pager = request.website.pager(
            url="/library",
            total=total,
            page=page,
            step=PAGE_SIZE,
            url_args={
                key: value
                for key, value in (("search", search), ("theme", theme_id), ("mix", mix_id), ("year", year))
                if value
            },
        )
        shown = case_studies[pager["offset"] : pager["offset"] + PAGE_SIZE]
        values = shown._get_library_card_values(lang)
        title = request.env._("Case Study Library")
        description = request.env._(
            "Case studies of health partnerships between companies, NGOs and public institutions in Indonesia, "
            "published by the roundtable with its members' consent."
        )
        return request.render(
            "hbri_partnership_website.library_case_studies",
            {
                "case_studies": shown,
                "library_values": values,
                "pager": pager,
                "search": search,
                "themes": themes,
                "mixes": mixes,
                "years": years,
                "theme_id": theme_id,
                "mix_id": mix_id,
                "year": year,
                "keep": keep,
                "total": total,
                "title": f"{title} | {request.website.name}",
                "seo_object": self._seo(title, description),
            },
        )

    # ------------------------------------------------------------ one case study
    @http.route(
        "/library/case-study/<int:case_study_id>",
        type="http",
        auth="public",
        website=True,
        sitemap=sitemap_case_studies,
    )
    def library_case_study(self, case_study_id, **kw):
        case_study = self._published_case_study(case_study_id)
        values = case_study._get_library_values(request.env.lang)[case_study.id]
        description = _shorten(
            values["summary"] or html2plaintext(values["key_figures"] or "") or values["title"], DESCRIPTION_LENGTH
        )
        return request.render(
            "hbri_partnership_website.library_case_study_page",
            {
                "case_study": case_study,
                "values": values,
                "title": f"{values['title']} | {request.website.name}",
                "seo_object": self._seo(values["title"], description),
            },
        )

    @http.route("/library/case-study/<int:case_study_id>/pdf", type="http", auth="public", website=True, sitemap=False)
    def library_case_study_pdf(self, case_study_id, **kw):
        case_study = self._published_case_study(case_study_id)
        lang = case_study._get_library_langs(request.env.lang)[case_study.id]
        # sudo: the published case study (checked above), this record only; the report prints its print
        # values, anonymized when the organizations did not consent to be named
        pdf, _type = (
            request.env["ir.actions.report"]
            .sudo()
            # a real PDF also under --test-enable (no effect otherwise): the route's tests read it back
            .with_context(force_report_rendering=True, hbri_library_lang=lang)
            ._render_qweb_pdf("hbri_partnership.action_report_hbri_case_study", [case_study.id])
        )
        return request.make_response(
            pdf,
            [
                ("Content-Type", "application/pdf"),
                ("Content-Length", len(pdf)),
                ("Content-Disposition", f'attachment; filename="case-study-{case_study.id}.pdf"'),
            ],
        )

    # ------------------------------------------------------------ toolkits
    @http.route("/library/toolkits", type="http", auth="public", website=True, sitemap=sitemap_library)
    def library_toolkits(self, **kw):
        title = request.env._("Toolkits")
        description = request.env._("Guides, checklists and templates the roundtable's members made from their work.")
        return request.render(
            "hbri_partnership_website.library_toolkits",
            {
                "toolkits": self._library_toolkits(),
                "title": f"{title} | {request.website.name}",
                "seo_object": self._seo(title, description),
            },
        )

    @http.route(
        "/library/toolkit/<int:toolkit_id>/<int:attachment_id>",
        type="http",
        auth="public",
        website=True,
        sitemap=False,
    )
    def library_toolkit_file(self, toolkit_id, attachment_id, **kw):
        toolkit = self._library_toolkits().filtered(lambda t: t.id == toolkit_id)
        if toolkit.audience != "public":
            if toolkit and not request.env.user._is_public():
                # members' files: the member portal checks the visitor's organization
                return request.redirect(f"/my/roundtable/toolkit/{toolkit_id}/{attachment_id}")
            if toolkit:
                return request.redirect(f"/web/login?redirect=/my/roundtable/toolkit/{toolkit_id}/{attachment_id}")
            raise request.not_found()
        attachment = toolkit.attachment_ids.filtered(lambda a: a.id == attachment_id)
        if not attachment:
            raise request.not_found()
        # sudo: a file of the current version of a released public toolkit (checked above)
        stream = request.env["ir.binary"]._get_stream_from(attachment.sudo())
        return stream.get_response(as_attachment=True)
