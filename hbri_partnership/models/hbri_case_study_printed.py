# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What a case study prints on the lists of the member portal and of the public library, and on the library's page
of a case study, kept per content version.

An anonymized case study prints its title, period, sections and organizations through the anonymizer, which costs
far more than reading them. The pages print the same text at every request until the content or the anonymization
dictionary changes: it is computed once per (case study, language, printed stamp, dictionary stamp) and kept in
``hbri_case_study_printed``; a page reads the rows of all its case studies in one query, joined to the case studies'
stamps, and recomputes only those whose key changed:

- the content: ``hbri.case.study.printed_stamp`` is a stored field computed anew (a random token) whenever
  anything the printed values read changes through the ORM: the title, sections, key figures, period (in any
  language, also through the translation dialog), the organizations (their names, sectors, sector labels, archiving),
  the presenting organizations, the partnership, the themes, the print language and the consents (which decide
  named or anonymized). Checking a kept row compares two short strings; the consent fingerprint is computed only
  when a row is (re)written, and kept in it (the member portal reads it to know which consents are current);
- the dictionary: the stamp of ``hbri_anonymizer_signal`` (a row inserted after each commit that changed what
  the dictionary reads: a partner renamed, an alias, a legal-form word); a transaction that changed such data
  itself prints live and keeps nothing (its changes are not committed, the stamp does not know them yet);
- the sectors' names and anonymized labels (a hash of them, read with the stamp): a label stands for every
  organization of the sector a case study mentions, also those the printed stamp does not follow; the hash also
  sees translations loaded by a module update, which bypass the ORM;
- translations loaded from a file (a module's .po at install or update, a language added, Settings > Translations
  > Import) bypass the ORM, so no printed stamp follows them: every kept row is dropped after such a load
  (``_hbri_forget_all``, ir_module_module.py and wizard/base_language_import.py); the command line's
  ``odoo-bin i18n import`` is not followed (update the module afterwards, or change the case study).

Only the members' and visitors' pages read these rows (as superuser, for case studies they may read); the back
office keeps printing live. The rows hold the printed (anonymized) text only, never the raw one.
"""

import json
import secrets

from markupsafe import Markup

from odoo import _lt, api, fields, models
from odoo.tools import SQL, html2plaintext

from .hbri_anonymizer import DIRTY, SIGNAL_TABLE, _transaction_data
from .hbri_case_study import ACTION_FIELDS, SECTION_FIELDS

# what the pages print is kept for these states only: drafts and reviews are read in the back office, live
KEPT_STATES = ("awaiting", "approved", "published")
SUMMARY_LENGTH = 320  # the longest excerpt a list prints (the library's card shows 220 characters)
COLUMNS = (
    "fingerprint",
    "name",
    "period",
    "summary",
    "partners",
    "sectors",
    "themes",
    "partnership",
    "search_text",
    "key_figures",
    "sections",
    "consent_names",
)
JSON_COLUMNS = ("partners", "sectors", "themes", "sections")
VALUE_KEYS = ("case_study_id", "lang", "anonymized", *COLUMNS)  # what _hbri_get returns of each case study
# what an organization of a case study prints with: its name, its sector's name and labels; an archived one is not
# printed (the relations read active records)
ORGANIZATION_DEPENDS = (
    "name",
    "active",
    "hbri_sector_id.name",
    "hbri_sector_id.anonymous_label",
    "hbri_sector_id.anonymous_person_label",
)
# everything the printed values (and the consent fingerprint) read, besides the anonymization dictionary: a change
# of any of them through the ORM computes a new printed stamp (the test checks CONTENT_FIELDS are all here)
PRINTED_DEPENDS = (
    "name",
    "period",
    "key_figures",
    *SECTION_FIELDS,
    "print_language",
    *(f"partner_ids.{name}" for name in ORGANIZATION_DEPENDS),
    *(f"presentation_ids.presenting_partner_ids.{name}" for name in ORGANIZATION_DEPENDS),
    "partnership_id.name",
    "theme_ids.name",
    "theme_ids.active",
    # named or anonymized, and the names of the consenting organizations the page prints
    "consent_ids.fingerprint",
    "consent_ids.decision",
    "consent_ids.scope_name",
    "consent_ids.scope_publish",
    "consent_ids.partner_id.name",
)


class HbriCaseStudyPrinted(models.Model):
    _name = "hbri.case.study.printed"
    _description = "Printed Values of a Case Study"
    _log_access = False

    case_study_id = fields.Many2one("hbri.case.study", required=True, readonly=True, ondelete="cascade")
    company_id = fields.Many2one(related="case_study_id.company_id")
    lang = fields.Char(string="Language", required=True, readonly=True)
    content_stamp = fields.Char(
        readonly=True, help="The case study's printed stamp when the row was written: the row counts while it is equal."
    )
    fingerprint = fields.Char(
        required=True, readonly=True, help="The consent fingerprint of the content in the row's language."
    )
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
    key_figures = fields.Text(readonly=True)
    sections = fields.Json(readonly=True)
    consent_names = fields.Char(readonly=True)

    _case_study_lang_unique = models.UniqueIndex("(case_study_id, lang)")

    @api.model
    def _hbri_stamp(self):
        """The anonymization dictionary's stamp and a hash of the sectors' names and anonymized labels, in one
        query; or None when this transaction changed what the dictionary reads: then nothing is read from or kept
        in the table. The stamp is the one hbri.anonymizer._get_dictionary reads; the labels stand for everybody a
        case study names, also those it only mentions (which the printed stamp does not follow)."""
        if _transaction_data(self.env.cr).get(DIRTY):
            return None
        self.env["hbri.sector"].flush_model(["name", "anonymous_label", "anonymous_person_label"])
        self.env.cr.execute(
            SQL(
                """SELECT (SELECT max(id) FROM %s),
                          (SELECT md5(string_agg(concat_ws(':', id, name::text, anonymous_label::text,
                                                           anonymous_person_label::text), '|' ORDER BY id))
                             FROM hbri_sector)""",
                SQL.identifier(SIGNAL_TABLE),
            )
        )
        stamp, labels = self.env.cr.fetchone()
        return f"{stamp or 0}:{labels or ''}"

    @api.model
    def _hbri_forget_all(self):
        """Drop every kept row: the next page computes its case studies' printed values again."""
        self.env.cr.execute(SQL("DELETE FROM %s", SQL.identifier(self._table)))
        self.invalidate_model()

    @api.model
    def _hbri_by_lang(self, case_studies, langs):
        """[(language, the case studies of ``case_studies`` shown in it, in an environment that prints in it)]."""
        by_lang = {}
        for case_study in case_studies:
            by_lang.setdefault(langs[case_study.id], []).append(case_study.id)
        return [(lang, case_studies.browse(ids).with_context(hbri_library_lang=lang)) for lang, ids in by_lang.items()]

    @api.model
    def _hbri_get(self, case_studies, langs):
        """{case study id: printed values} of ``case_studies`` (superuser records the caller may read), each in
        its language ``langs[id]``: ``name``, ``period``, ``summary``, ``partners``, ``sectors``, ``themes``,
        ``partnership``, ``search_text``, ``key_figures``, ``sections`` ({section: printed HTML}),
        ``consent_names``, ``anonymized``, ``lang`` and ``fingerprint`` (the consent fingerprint in that language).

        Kept rows whose stamps are current are read in one query; those missing or out of date are computed at
        once and kept."""
        if not case_studies:
            return {}
        stamp = self._hbri_stamp()
        values = {}
        if stamp is not None:
            # the stamps of changes not written yet are computed by the flush
            case_studies.flush_model(["printed_stamp", "state"])
            self.flush_model()
            rows = self.env.execute_query_dict(
                SQL(
                    """SELECT printed.case_study_id, printed.lang, printed.stamp, printed.anonymized, %(columns)s
                         FROM hbri_case_study_printed printed
                         JOIN hbri_case_study case_study ON case_study.id = printed.case_study_id
                        WHERE printed.case_study_id = ANY(%(ids)s)
                          AND case_study.state IN %(states)s
                          AND printed.content_stamp = case_study.printed_stamp""",
                    columns=SQL(", ").join(SQL("printed.%s", SQL.identifier(column)) for column in COLUMNS),
                    ids=case_studies.ids,
                    states=KEPT_STATES,
                )
            )
            for row in rows:
                case_study_id = row["case_study_id"]
                if row["lang"] == langs[case_study_id] and (not row["anonymized"] or row["stamp"] == stamp):
                    values[case_study_id] = {key: row[key] for key in VALUE_KEYS}
        missing = case_studies.filtered(lambda c: c.id not in values)
        if missing:
            computed = self._hbri_compute(missing, langs)
            values.update(
                {case_study_id: {key: row[key] for key in VALUE_KEYS} for case_study_id, row in computed.items()}
            )
            to_keep = missing.filtered(lambda c: c.state in KEPT_STATES) if stamp is not None else missing.browse()
            if to_keep and not getattr(self.env.cr, "readonly", False):
                self._hbri_keep({case_study.id: computed[case_study.id] for case_study in to_keep}, stamp)
        return values

    @api.model
    def _hbri_compute(self, case_studies, langs):
        """The printed values of ``case_studies``, computed now (the PDF's print values, then their excerpt), the
        consent fingerprints computed once for the attribution and the print values."""
        values = {}
        for lang, batch in self._hbri_by_lang(case_studies, langs):
            fingerprints = batch._get_consent_fingerprints()
            attribution = [batch._fields["has_all_consents"], batch._fields["attribution_mode"]]
            with self.env.protecting(attribution, batch):
                batch._hbri_set_attribution(fingerprints)
            printed = batch._get_print_values_batch(fingerprints=fingerprints)
            for case_study in batch:
                print_values = printed[case_study.id]
                sections = [html2plaintext(print_values[name] or "") for name in SECTION_FIELDS]
                summary = next((" ".join(text.split()) for text in sections if text.strip()), "")
                values[case_study.id] = {
                    "case_study_id": case_study.id,
                    "lang": lang,
                    "printed_stamp": case_study.printed_stamp,
                    "fingerprint": fingerprints[case_study.id],
                    "anonymized": print_values["anonymized"],
                    "name": print_values["name"] or "",
                    "period": print_values["period"] or "",
                    "summary": summary[:SUMMARY_LENGTH],
                    "partners": list(print_values["partners"]),
                    "sectors": list(print_values["sectors"]),
                    "themes": list(print_values["themes"]),
                    "partnership": str(print_values["partnership"] or ""),
                    "key_figures": print_values["key_figures"] or "",
                    "sections": {name: str(print_values[name] or "") for name in SECTION_FIELDS},
                    "consent_names": print_values["consent_names"] or "",
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
    def _hbri_keep(self, values, stamp):
        """Insert or replace the rows of ``values`` in one query (a concurrent request computing the same row
        replaces it with the same text)."""
        names = ("case_study_id", "lang", "content_stamp", "stamp", "anonymized", *COLUMNS)
        rows = []
        for printed in values.values():
            row = dict(printed, content_stamp=printed["printed_stamp"], stamp=stamp)
            row.update({column: json.dumps(row[column]) for column in JSON_COLUMNS})
            rows.append(SQL("(%s)", SQL(", ").join(SQL("%s", row[name]) for name in names)))
        self.env.cr.execute(
            SQL(
                """INSERT INTO hbri_case_study_printed (%(names)s)
                   VALUES %(rows)s
                   ON CONFLICT (case_study_id, lang) DO UPDATE SET %(updates)s""",
                names=SQL(", ").join(SQL.identifier(name) for name in names),
                rows=SQL(", ").join(rows),
                updates=SQL(", ").join(
                    SQL("%s = EXCLUDED.%s", SQL.identifier(name), SQL.identifier(name)) for name in names[2:]
                ),
            )
        )
        self.invalidate_model()


class HbriCaseStudy(models.Model):
    _inherit = "hbri.case.study"
    # only the ORM's dependencies compute the stamp: a stamp set by hand could make an old kept text count for new
    # content (hbri.workflow.mixin refuses it in every write path)
    _hbri_action_fields = {
        **ACTION_FIELDS,
        "printed_stamp": _lt("it changes by itself whenever the printed content does"),
    }

    printed_stamp = fields.Char(
        compute="_compute_printed_stamp",
        store=True,
        readonly=True,
        copy=False,
        help="Changes whenever anything the case study prints changes: its kept printed values (the member portal's "
        "and the library's pages) count while they were written under this stamp.",
    )

    @api.depends(*PRINTED_DEPENDS)
    def _compute_printed_stamp(self):
        # a new random token, not a hash of the content: computing it reads nothing, so a change of an
        # organization of many case studies costs one small write each
        for case_study in self:
            case_study.printed_stamp = secrets.token_hex(8)

    def _get_printed_list_values(self, langs=None):
        """{id: printed values} for the members' and visitors' pages (see hbri.case.study.printed): these
        superuser records, which the caller may read, each in ``langs[id]`` (default: its print language)."""
        langs = langs or {case_study.id: case_study._get_print_lang() for case_study in self}
        return self.env["hbri.case.study.printed"]._hbri_get(self, langs)

    @api.model
    def _hbri_printed_sections(self, printed):
        """{section: Markup} of kept printed values: the printed HTML of the case study's own sanitized fields."""
        return {name: Markup(printed["sections"].get(name) or "") for name in SECTION_FIELDS}
