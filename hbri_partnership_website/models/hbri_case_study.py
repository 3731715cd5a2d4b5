# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.tools import SQL


class HbriCaseStudy(models.Model):
    _inherit = "hbri.case.study"

    def _get_print_lang(self):
        # the library shows (and prints) a case study in the visitor's language when it is translated into it
        lang = self.env.context.get("hbri_library_lang")
        if lang and self.env["res.lang"]._get_code(lang):
            return lang
        return super()._get_print_lang()

    @api.model
    def _get_library_domain(self, website):
        """Published case studies of the website's company: publication is the case study's own state."""
        return [("state", "=", "published"), ("company_id", "=", website.company_id.id)]

    def _get_library_langs(self, lang):
        """{id: language} each case study is shown in: ``lang`` when its title is translated into it (or it
        is its print language), else its print language."""
        if not self:
            return {}
        # these records only: a page of a longer list would otherwise read the long texts of the whole list
        records = self.browse(self.ids)
        records.flush_model(["name", "print_language"])
        rows = self.env.execute_query(
            SQL(
                """SELECT id FROM hbri_case_study
                    WHERE id = ANY(%(ids)s) AND name ? %(lang)s
                      AND name ->> %(lang)s IS DISTINCT FROM name ->> print_language""",
                ids=records.ids,
                lang=lang,
            )
        )
        translated = {row[0] for row in rows}
        return {
            case_study.id: lang
            if case_study.id in translated or case_study.print_language == lang
            else case_study._get_print_lang()
            for case_study in records
        }

    def _get_library_values(self, lang):
        """{id: what the library's case-study page prints}: the values of :meth:`_get_library_card_values` with the
        ``key_figures``, ``consent_names`` and each printed section (Markup) besides, read from the kept row."""
        values = self._get_library_card_values(lang)
        for printed in values.values():
            printed.update(self._hbri_printed_sections(printed))
        return values

    def _get_library_card_values(self, lang):
        """{id: what the library's list prints of each case study}: its ``title``, ``period``, ``summary``,
        ``themes``, ``sectors``, ``anonymized``, ``lang`` and ``text`` (the printed text, searched), in ``lang``
        when its title is translated into it, else in its print language. Kept per content version (see
        hbri.case.study.printed): a page reads them in one query and anonymizes only what changed."""
        values = self._get_printed_list_values(self._get_library_langs(lang))
        for printed in values.values():
            printed.update(title=printed["name"], text=printed["search_text"])
        return values
