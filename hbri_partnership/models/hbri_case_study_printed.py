# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What a case study prints on the lists of the member portal and of the public library, kept per content version.

An anonymized case study prints its title, period, summary and organizations through the anonymizer, which
costs far more than reading them. The lists print the same text at every request until the content or the
anonymization dictionary changes: it is computed once per (case study, language, consent fingerprint, dictionary
stamp, attribution) and kept in ``hbri_case_study_printed``; a page reads the rows of all its case studies in
one query and recomputes only those whose key changed:

- the content: the consent fingerprint covers the title, sections, key figures, period, the organizations'
  names and sectors, the partnership, the themes and the print language, whatever path changed them;
- the dictionary: the stamp of ``hbri_anonymizer_signal`` (a row inserted after each commit that changed what
  the dictionary reads: a partner renamed, an alias, a legal-form word); a transaction that changed such data
  itself prints live and keeps nothing (its changes are not committed, the stamp does not know them yet);
- the sectors' anonymized labels (a hash of them, read with the stamp): a label stands for every organization of
  the sector a case study mentions, also those the fingerprint does not cover;
- named or anonymized: the attribution follows the consents.

Only the members' and visitors' lists read these rows (as superuser, for case studies they may read); the back
office keeps printing live. The rows hold the printed (anonymized) text only, never the raw one.
"""

import json

from odoo import api, fields, models
from odoo.tools import SQL, html2plaintext

from .hbri_anonymizer import DIRTY, SIGNAL_TABLE, _transaction_data
from .hbri_case_study import SECTION_FIELDS

# what the lists print is kept for these states only: drafts and reviews are read in the back office, live
KEPT_STATES = ("awaiting", "approved", "published")
SUMMARY_LENGTH = 320  # the longest excerpt a list prints (the library's card shows 220 characters)
COLUMNS = ("name", "period", "summary", "partners", "sectors", "themes", "partnership", "search_text")


class HbriCaseStudyPrinted(models.Model):
    _name = "hbri.case.study.printed"
    _description = "Printed Values of a Case Study"
    _log_access = False

    case_study_id = fields.Many2one("hbri.case.study", required=True, readonly=True, ondelete="cascade")
    company_id = fields.Many2one(related="case_study_id.company_id")
    lang = fields.Char(string="Language", required=True, readonly=True)
    fingerprint = fields.Char(required=True, readonly=True)
    stamp = fields.Char(string="Dictionary Stamp", readonly=True)
    anonymized = fields.Boolean(readonly=True)
    name = fields.Char(string="Printed Title", readonly=True)
    period = fields.Char(readonly=True)
    summary = fields.Text(readonly=True)
    partners = fields.Json(string="Organizations", readonly=True)
    sectors = fields.Json(readonly=True)
    themes = fields.Json(readonly=True)
    partnership = fields.Char(readonly=True)
    search_text = fields.Text(readonly=True)

    _case_study_lang_unique = models.UniqueIndex("(case_study_id, lang)")

    @api.model
    def _hbri_stamp(self):
        """(the anonymization dictionary's stamp, a hash of the sectors' anonymized labels), in one query; or
        None when this transaction changed what the dictionary reads: then nothing is read from or kept in the
        table. The stamp is the one hbri.anonymizer._get_dictionary reads; the labels stand for everybody a case
        study names, also those it only mentions (which the consent fingerprint does not cover)."""
        if _transaction_data(self.env.cr).get(DIRTY):
            return None
        self.env["hbri.sector"].flush_model(["anonymous_label", "anonymous_person_label"])
        self.env.cr.execute(
            SQL(
                """SELECT (SELECT max(id) FROM %s),
                          (SELECT md5(string_agg(concat_ws(':', id, anonymous_label::text,
                                                           anonymous_person_label::text), '|' ORDER BY id))
                             FROM hbri_sector)""",
                SQL.identifier(SIGNAL_TABLE),
            )
        )
        stamp, labels = self.env.cr.fetchone()
        return f"{stamp or 0}:{labels or ''}"

    @api.model
    def _hbri_get(self, case_studies, langs, fingerprints=None):
        """{case study id: printed values} of ``case_studies`` (superuser records the caller may read), each in
        its language ``langs[id]``: ``name``, ``period``, ``summary``, ``partners``, ``sectors``, ``themes``,
        ``partnership``, ``search_text``, ``anonymized``, ``lang``. ``fingerprints``: {id: consent fingerprint}
        when the caller computed them (in the same languages).

        Kept rows are read in one query; those missing or out of date are computed at once and kept."""
        if not case_studies:
            return {}
        stamp = self._hbri_stamp()
        by_lang = {}
        for case_study in case_studies:
            by_lang.setdefault(langs[case_study.id], []).append(case_study.id)
        keys = {}  # {id: (fingerprint, anonymized)}
        for lang, ids in by_lang.items():
            batch = case_studies.browse(ids).with_context(hbri_library_lang=lang)
            lang_fingerprints = fingerprints if fingerprints and set(ids) <= set(fingerprints) else None
            lang_fingerprints = lang_fingerprints or batch._get_consent_fingerprints()
            for case_study in batch:
                keys[case_study.id] = (lang_fingerprints[case_study.id], case_study.attribution_mode == "anonymized")
        values = {}
        kept = case_studies.filtered(lambda c: c.state in KEPT_STATES) if stamp is not None else case_studies.browse()
        if kept:
            self.flush_model()
            rows = self.env.execute_query_dict(
                SQL(
                    """SELECT case_study_id, lang, fingerprint, stamp, anonymized, %(columns)s
                         FROM hbri_case_study_printed
                        WHERE case_study_id = ANY(%(ids)s)""",
                    columns=SQL(", ").join(SQL.identifier(column) for column in COLUMNS),
                    ids=kept.ids,
                )
            )
            for row in rows:
                case_study_id = row["case_study_id"]
                fingerprint, anonymized = keys[case_study_id]
                if (
                    row["lang"] == langs[case_study_id]
                    and row["fingerprint"] == fingerprint
                    and row["anonymized"] == anonymized
                    and (not anonymized or row["stamp"] == stamp)
                ):
                    values[case_study_id] = dict(row)
        missing = case_studies.filtered(lambda c: c.id not in values)
        if missing:
            computed = self._hbri_compute(missing, langs, keys)
            values.update(computed)
            kept_ids = set(kept.ids)
            to_keep = [case_study_id for case_study_id in computed if case_study_id in kept_ids]
            if to_keep and not getattr(self.env.cr, "readonly", False):
                self._hbri_keep({case_study_id: computed[case_study_id] for case_study_id in to_keep}, keys, stamp)
        return values

    @api.model
    def _hbri_compute(self, case_studies, langs, keys):
        """The printed values of ``case_studies``, computed now (the PDF's print values, then their excerpt)."""
        values = {}
        by_lang = {}
        for case_study in case_studies:
            by_lang.setdefault(langs[case_study.id], []).append(case_study.id)
        for lang, ids in by_lang.items():
            batch = case_studies.browse(ids).with_context(hbri_library_lang=lang)
            fingerprints = {case_study_id: keys[case_study_id][0] for case_study_id in ids}
            printed = batch._get_print_values_batch(fingerprints=fingerprints)
            for case_study_id in ids:
                print_values = printed[case_study_id]
                sections = [html2plaintext(print_values[name] or "") for name in SECTION_FIELDS]
                summary = next((" ".join(text.split()) for text in sections if text.strip()), "")
                values[case_study_id] = {
                    "case_study_id": case_study_id,
                    "lang": lang,
                    "anonymized": keys[case_study_id][1],
                    "name": print_values["name"] or "",
                    "period": print_values["period"] or "",
                    "summary": summary[:SUMMARY_LENGTH],
                    "partners": list(print_values["partners"]),
                    "sectors": list(print_values["sectors"]),
                    "themes": list(print_values["themes"]),
                    "partnership": str(print_values["partnership"] or ""),
                    "search_text": " ".join(
                        [
                            print_values["name"] or "",
                            print_values["period"] or "",
                            print_values["key_figures"] or "",
                            str(print_values["partnership"] or ""),
                            *print_values["partners"],
                            *print_values["themes"],
                            *sections,
                        ]
                    ),
                }
        return values

    @api.model
    def _hbri_keep(self, values, keys, stamp):
        """Insert or replace the rows of ``values`` in one query (a concurrent request computing the same row
        replaces it with the same text)."""
        rows = [
            SQL(
                "(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                case_study_id,
                printed["lang"],
                keys[case_study_id][0],
                stamp,
                printed["anonymized"],
                printed["name"],
                printed["period"],
                printed["summary"],
                json.dumps(printed["partners"]),
                json.dumps(printed["sectors"]),
                json.dumps(printed["themes"]),
                printed["partnership"],
                printed["search_text"],
            )
            for case_study_id, printed in values.items()
        ]
        self.env.cr.execute(
            SQL(
                """INSERT INTO hbri_case_study_printed (case_study_id, lang, fingerprint, stamp, anonymized, name,
                                                        period, summary, partners, sectors, themes, partnership,
                                                        search_text)
                   VALUES %s
                   ON CONFLICT (case_study_id, lang) DO UPDATE
                      SET fingerprint = EXCLUDED.fingerprint, stamp = EXCLUDED.stamp,
                          anonymized = EXCLUDED.anonymized, name = EXCLUDED.name, period = EXCLUDED.period,
                          summary = EXCLUDED.summary, partners = EXCLUDED.partners, sectors = EXCLUDED.sectors,
                          themes = EXCLUDED.themes, partnership = EXCLUDED.partnership,
                          search_text = EXCLUDED.search_text""",
                SQL(", ").join(rows),
            )
        )
        self.invalidate_model()


class HbriCaseStudy(models.Model):
    _inherit = "hbri.case.study"

    def _get_printed_list_values(self, langs=None, fingerprints=None):
        """{id: printed values} for the members' and visitors' lists (see hbri.case.study.printed): these
        superuser records, which the caller may read, each in ``langs[id]`` (default: its print language)."""
        langs = langs or {case_study.id: case_study._get_print_lang() for case_study in self}
        return self.env["hbri.case.study.printed"]._hbri_get(self, langs, fingerprints)
