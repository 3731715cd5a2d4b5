# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from markupsafe import Markup, escape

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import is_html_empty

from .hbri_anonymizer import MARK_CLOSE, MARK_OPEN, normalize_form

SECTION_FIELDS = (
    "background",
    "formation",
    "implementation",
    "results",
    "challenges",
    "lessons",
    "next_steps",
)
# any change to these makes a new version of the content: earlier consents no longer cover it
CONTENT_FIELDS = ("name", "key_figures", "period", *SECTION_FIELDS)
PRINTABLE_STATES = ("approved", "published")


class HbriCaseStudy(models.Model):
    _name = "hbri.case.study"
    _description = "Case Study"
    _inherit = ["mail.thread", "mail.activity.mixin", "hbri.state.mixin"]
    _order = "create_date desc, id desc"

    name = fields.Char(string="Title", required=True, translate=True, tracking=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("review", "In Review"),
            ("awaiting", "Awaiting Member Approval"),
            ("approved", "Approved"),
            ("published", "Published"),
        ],
        default="draft",
        required=True,
        tracking=True,
        index=True,
        copy=False,
    )
    session_id = fields.Many2one("hbri.roundtable.session", string="Origin Session", index="btree_not_null")
    presentation_ids = fields.Many2many(
        "hbri.presentation", "hbri_case_study_presentation_rel", "case_study_id", "presentation_id"
    )
    partner_ids = fields.Many2many(
        "res.partner",
        "hbri_case_study_partner_rel",
        "case_study_id",
        "partner_id",
        string="Organizations Involved",
        domain=[("is_company", "=", True)],
    )
    consenting_partner_ids = fields.Many2many(
        "res.partner",
        compute="_compute_consenting_partner_ids",
        string="Organizations that Must Consent",
        help="The presenting organizations (or, without a presentation, the organizations involved).",
    )
    partnership_id = fields.Many2one("hbri.partnership", index="btree_not_null")
    theme_ids = fields.Many2many(
        "hbri.session.theme", "hbri_case_study_theme_rel", "case_study_id", "theme_id", string="Health Focus"
    )
    period = fields.Char(translate=True, help="e.g. 2025–2026")
    key_figures = fields.Text(translate=True)
    background = fields.Html(translate=True)
    formation = fields.Html(string="How the Partnership Formed", translate=True)
    implementation = fields.Html(string="How It Was Implemented", translate=True)
    results = fields.Html(string="Results and Evidence", translate=True)
    challenges = fields.Html(translate=True)
    lessons = fields.Html(string="Lessons and Success Factors", translate=True)
    next_steps = fields.Html(translate=True)
    author_ids = fields.Many2many("res.users", string="Authors", default=lambda self: self.env.user)
    technical_assistance_ids = fields.One2many("hbri.technical.assistance", "case_study_id")
    content_version = fields.Integer(default=1, readonly=True, copy=False)
    consent_ids = fields.One2many("hbri.consent", "case_study_id", string="Consents", copy=False)
    has_all_consents = fields.Boolean(compute="_compute_attribution")
    attribution_mode = fields.Selection(
        [("named", "Named"), ("anonymized", "Anonymized")],
        compute="_compute_attribution",
        help="Named only when every organization consented to be named for this version; anonymized otherwise.",
    )
    print_language = fields.Selection(
        [("id_ID", "Bahasa Indonesia"), ("en_US", "English")], required=True, default="id_ID"
    )
    includes_notes = fields.Boolean(
        string="Includes Off-the-record Notes",
        readonly=True,
        copy=False,
        help="A facilitator imported off-the-record notes: the draft stays readable by facilitators and "
        "administrators only until it is approved.",
    )
    date_published = fields.Date(readonly=True, copy=False)
    published_by_id = fields.Many2one("res.users", readonly=True, copy=False)

    @api.depends("presentation_ids.presenting_partner_ids", "partner_ids")
    def _compute_consenting_partner_ids(self):
        for case_study in self:
            case_study.consenting_partner_ids = (
                case_study.presentation_ids.presenting_partner_ids or case_study.partner_ids
            )

    @api.depends(
        "consent_ids.version",
        "consent_ids.partner_id",
        "consent_ids.scope_name",
        "content_version",
        "consenting_partner_ids",
    )
    def _compute_attribution(self):
        for case_study in self:
            current = case_study._current_consents()
            required = case_study.consenting_partner_ids
            case_study.has_all_consents = bool(required) and required <= current.filtered("scope_publish").partner_id
            named = bool(required) and required <= current.filtered("scope_name").partner_id
            case_study.attribution_mode = "named" if case_study.has_all_consents and named else "anonymized"

    # ------------------------------------------------------------ CRUD
    def write(self, vals):
        content_changed = set(vals) & set(CONTENT_FIELDS)
        if content_changed and not self.env.context.get("hbri_keep_version"):
            locked = self.filtered(lambda c: c.state == "published")
            if locked:
                raise UserError(
                    self.env._(
                        "%(name)s is published: reset it to draft before changing its content.", name=locked[0].name
                    )
                )
            to_bump = self.filtered(lambda c: c.state in ("awaiting", "approved") or c.consent_ids)
            res = super().write(vals)
            for case_study in to_bump:
                values = {"content_version": case_study.content_version + 1}
                if case_study.state in ("awaiting", "approved"):
                    values["state"] = "review"
                super(HbriCaseStudy, case_study).write(values)
                case_study.message_post(
                    body=self.env._(
                        "The content changed after consent was requested: version %(version)s needs the members' "
                        "approval again.",
                        version=case_study.content_version,
                    )
                )
            return res
        return super().write(vals)

    # ------------------------------------------------------------ actions
    def action_submit_review(self):
        self._check_state(("draft",), self.env._("Submitting for review"))
        self.state = "review"
        return True

    def action_request_approval(self):
        self._check_anonymization_gate()
        self._check_state(("review",), self.env._("Requesting the members' approval"))
        for case_study in self:
            if not case_study.consenting_partner_ids:
                raise UserError(
                    self.env._(
                        "Add the presentation or the organizations involved in %(name)s: they approve it.",
                        name=case_study.name,
                    )
                )
        self.state = "awaiting"
        return True

    def action_approve(self):
        self._check_anonymization_gate()
        self._check_state(("awaiting",), self.env._("Approval"))
        for case_study in self:
            current = case_study._current_consents().filtered("scope_publish")
            missing = case_study.consenting_partner_ids - current.partner_id
            if missing:
                raise UserError(
                    self.env._(
                        "%(name)s cannot be approved: %(orgs)s did not consent to version %(version)s of its content.",
                        name=case_study.name,
                        orgs=", ".join(missing.mapped("name")),
                        version=case_study.content_version,
                    )
                )
        self.write({"state": "approved", "includes_notes": False})
        return True

    def action_publish(self):
        if not self.env.user.has_group("hbri_partnership.hbri_partnership_group_manager"):
            raise AccessError(self.env._("Only a roundtable administrator can publish a case study."))
        self._check_anonymization_gate()
        self._check_state(("approved",), self.env._("Publication"))
        self.write(
            {"state": "published", "date_published": fields.Date.context_today(self), "published_by_id": self.env.uid}
        )
        return True

    def action_reset_draft(self):
        self._check_state(("review", "awaiting", "approved", "published"), self.env._("Resetting to draft"))
        if self.filtered(lambda c: c.state == "published") and not self.env.user.has_group(
            "hbri_partnership.hbri_partnership_group_manager"
        ):
            raise AccessError(self.env._("Only a roundtable administrator can withdraw a published case study."))
        self.write({"state": "draft", "date_published": False, "published_by_id": False})
        return True

    def action_import_notes(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Import Off-the-record Notes"),
            "res_model": "hbri.case.study.import.notes",
            "view_mode": "form",
            "target": "new",
            "context": {"default_case_study_id": self.id},
        }

    # ------------------------------------------------------------ printing
    def _check_printable(self):
        """Staff outside the secretariat print approved or published case studies only."""
        self.check_access("read")
        if self.env.user.has_group("hbri_partnership.hbri_partnership_group_secretariat") or self.env.user.has_group(
            "hbri_partnership.hbri_partnership_group_facilitator"
        ):
            return
        unprintable = self.filtered(lambda c: c.state not in PRINTABLE_STATES)
        if unprintable:
            raise AccessError(
                self.env._(
                    "%(name)s is not approved yet: only the secretariat prints drafts.", name=unprintable[0].name
                )
            )

    def _current_consents(self):
        """The consents given for the case study's current content version (older ones no longer count)."""
        self.ensure_one()
        return self.consent_ids.filtered(lambda c: c.version == self.content_version)

    def _get_print_lang(self):
        """The chosen print language when it is installed, else the user's."""
        self.ensure_one()
        return self.env["res.lang"]._get_code(self.print_language) or self.env.lang or "en_US"

    def _get_anonymization_map(self, dictionary):
        """{entity key: label} for everybody named in what this case study prints (title, sections, key figures,
        organizations, partnership), in the current language: one label per entity throughout the document,
        numbered when several entities share a label."""
        self.ensure_one()
        anonymizer = self.env["hbri.anonymizer"]
        organizations = self.consenting_partner_ids | self.partner_ids
        texts = [self.name, self.period, self.key_figures, *(self[name] for name in SECTION_FIELDS)]
        texts += [*organizations.mapped("name"), self.partnership_id.name]
        keys = anonymizer._entities_in(dictionary, texts)
        # the organizations involved always get a label, even when the text never names them
        keys += [
            partner.id for partner in organizations if partner.id in dictionary.entities and partner.id not in keys
        ]
        return anonymizer._labels_for(dictionary, keys)

    def _anonymize(self, text, mapping, dictionary=None, highlight=False):
        """``text`` (plain or Markup) with every form of every entity of ``mapping`` replaced by its label.

        Plain text stays plain (the template escapes it); Markup is rewritten node by node and stays valid
        Markup, the labels escaped. With ``highlight``, replacements are wrapped in <mark> (Markup returned).
        """
        if not text or not mapping or dictionary is None:
            return text
        anonymizer = self.env["hbri.anonymizer"]
        if isinstance(text, Markup):
            return anonymizer._replace_html(dictionary, text, mapping, highlight=highlight)
        replaced = anonymizer._replace_text(dictionary, text, mapping, highlight=highlight)
        if highlight:
            return Markup(str(escape(replaced)).replace(MARK_OPEN, "<mark>").replace(MARK_CLOSE, "</mark>"))
        return replaced

    def _get_print_values_batch(self, dictionary=None):
        """{id: print values} of these case studies, each in its print language.

        What the values read (sections, organizations, their people and sectors, consents) is read for all the
        case studies of a language at once, so printing twenty costs the queries of printing one. The
        anonymization dictionary is built once for them all, from the database as it is now.
        """
        by_lang = {}
        for case_study in self:
            by_lang.setdefault(case_study._get_print_lang(), []).append(case_study.id)
        if dictionary is None and any(c.attribution_mode == "anonymized" for c in self):
            dictionary = self.env["hbri.anonymizer"]._build_dictionary(self.company_id[:1])
        values = {}
        for lang, ids in by_lang.items():
            case_studies = self.browse(ids).with_context(lang=lang)
            case_studies.mapped("name")  # the translated fields (sections) of them all, in one query
            organizations = case_studies.partner_ids | case_studies.consenting_partner_ids
            organizations.hbri_sector_id.mapped("name")
            case_studies.consent_ids.partner_id.mapped("name")
            case_studies.theme_ids.mapped("name")
            for case_study in case_studies:
                values[case_study.id] = case_study._get_print_values(dictionary=dictionary)
        return values

    def _get_print_values(self, dictionary=None, highlight=False):
        """What the PDF prints: the sections, with everybody the roundtable knows replaced in anonymized mode."""
        self.ensure_one()
        mapping = {}
        if self.attribution_mode == "anonymized":
            if dictionary is None:
                dictionary = self.env["hbri.anonymizer"]._build_dictionary(self.company_id)
            mapping = self._get_anonymization_map(dictionary)
        anonymized = self.attribution_mode == "anonymized"

        def anonymize(text):
            return self._anonymize(text, mapping, dictionary, highlight=highlight) if anonymized else text

        values = {name: anonymize(self[name]) for name in ("name", "period", "key_figures", *SECTION_FIELDS)}
        organizations = self.consenting_partner_ids | self.partner_ids
        if anonymized:
            partners = [mapping.get(p.id) or self.env._("a member organization") for p in organizations]
        else:
            partners = organizations.mapped("name")
        consents = self._current_consents()
        values.update(
            partners=list(dict.fromkeys(partners)),
            sectors=organizations.hbri_sector_id.mapped("name"),
            partnership=anonymize(self.partnership_id.name) if self.partnership_id else "",
            themes=self.theme_ids.mapped("name"),
            anonymized=anonymized,
            consent_names=", ".join(consents.partner_id.mapped("name")),
            consent_date=max(consents.mapped("date") or [False]),
        )
        return values

    # ------------------------------------------------------------ anonymization (gate, preview, titles)
    anonymized_preview = fields.Html(
        compute="_compute_anonymized_preview",
        sanitize=True,
        help="What the anonymized PDF prints, in its print language: replacements are highlighted.",
    )
    anonymization_hits_html = fields.Html(
        compute="_compute_anonymized_preview",
        sanitize=True,
        string="Residual Hits",
        help="What may still identify someone in the anonymized text. Fix the text, or mark a harmless hit.",
    )
    anonymization_hit_count = fields.Integer(compute="_compute_anonymized_preview", string="Residual Hits Count")
    anonymization_mark_ids = fields.One2many(
        "hbri.case.study.anonymization.mark",
        "case_study_id",
        string="Hits Marked Harmless",
        readonly=True,
        groups="hbri_partnership.hbri_partnership_group_secretariat,hbri_partnership.hbri_partnership_group_facilitator",
    )

    @api.depends_context("lang")
    @api.depends("attribution_mode", "name", "period", "key_figures", *SECTION_FIELDS, "partner_ids", "partnership_id")
    def _compute_anonymized_preview(self):
        anonymized = self.filtered(lambda c: c.attribution_mode == "anonymized" and c.id)
        (self - anonymized).update(
            {"anonymized_preview": False, "anonymization_hits_html": False, "anonymization_hit_count": 0}
        )
        if not anonymized:
            return
        dictionary = self.env["hbri.anonymizer"]._build_dictionary(anonymized.company_id[:1])
        hits_of = anonymized._get_anonymization_hits(dictionary)
        for case_study in anonymized:
            printed = case_study.with_context(lang=case_study._get_print_lang())
            values = printed._get_print_values(dictionary=dictionary, highlight=True)
            parts = [Markup("<h3>%s</h3>") % values["name"]]
            if values["partners"]:
                parts.append(
                    Markup("<p><strong>%s</strong> %s</p>")
                    % (self.env._("Partners:"), Markup(", ").join(values["partners"]))
                )
            if values["partnership"]:
                parts.append(
                    Markup("<p><strong>%s</strong> %s</p>") % (self.env._("Partnership:"), values["partnership"])
                )
            if values["key_figures"]:
                parts.append(
                    Markup("<p><strong>%s</strong> %s</p>") % (self.env._("Key Figures:"), values["key_figures"])
                )
            for name in SECTION_FIELDS:
                if not is_html_empty(values[name]):
                    parts.append(
                        Markup("<h4>%s</h4>%s") % (case_study._fields[name]._description_string(self.env), values[name])
                    )
            case_study.anonymized_preview = Markup("").join(parts)
            hits = hits_of[case_study.id]
            case_study.anonymization_hit_count = len(hits)
            if not hits:
                case_study.anonymization_hits_html = Markup("<p>%s</p>") % self.env._("Nothing identifies anyone.")
                continue
            rows = Markup("").join(
                Markup("<tr><td><strong>%s</strong></td><td>%s</td><td>%s</td><td>%s</td></tr>")
                % (hit["text"], hit["where"], hit["context"], hit["entity"] or hit["kind_label"])
                for hit in hits
            )
            case_study.anonymization_hits_html = Markup(
                "<table class='table table-sm o_hbri_anonymization_hits'><thead><tr><th>%s</th><th>%s</th><th>%s</th>"
                "<th>%s</th></tr></thead><tbody>%s</tbody></table>"
            ) % (self.env._("Text"), self.env._("Where"), self.env._("Context"), self.env._("Points to"), rows)

    def _get_printed_titles(self, dictionary=None):
        """{id: the title as it prints}: anonymized in anonymized mode, in the print language."""
        titles = {}
        anonymized = self.filtered(lambda c: c.attribution_mode == "anonymized")
        if anonymized and dictionary is None:
            dictionary = self.env["hbri.anonymizer"]._build_dictionary(anonymized.company_id[:1])
        for case_study in self:
            printed = case_study.with_context(lang=case_study._get_print_lang())
            if case_study in anonymized:
                titles[case_study.id] = printed._anonymize(
                    printed.name, printed._get_anonymization_map(dictionary), dictionary
                )
            else:
                titles[case_study.id] = printed.name
        return titles

    def _get_printed_title(self):
        """The title as it prints, for file names, portal pages, e-mails and chatter messages about the case
        study: anonymized when the case study is (never the raw title of an anonymized case study)."""
        self.ensure_one()
        return self._get_printed_titles()[self.id]

    def _get_anonymization_hits(self, dictionary=None, include_marked=False):
        """{id: [hit]} what still identifies someone in the anonymized rendering of these case studies (title,
        sections, key figures, partners, partnership, file name, in the print language). A hit is a dict: text,
        key (normalized), partner_id, entity, kind, kind_label, where, context. Hits marked harmless are left out
        unless ``include_marked``."""
        if dictionary is None:
            dictionary = self.env["hbri.anonymizer"]._build_dictionary(self.company_id[:1])
        anonymizer = self.env["hbri.anonymizer"]
        kind_labels = {
            "organization": self.env._("an organization"),
            "person": self.env._("a person"),
            "email": self.env._("an e-mail address"),
            "website": self.env._("a website"),
            "phone": self.env._("a phone number"),
            "name": self.env._("a name"),
        }
        result = {}
        for case_study in self:
            hits = []
            if case_study.attribution_mode != "anonymized":
                result[case_study.id] = hits
                continue
            printed = case_study.with_context(lang=case_study._get_print_lang())
            values = printed._get_print_values(dictionary=dictionary)
            parts = [
                (self.env._("Title"), values["name"]),
                (self.env._("File name"), self.env._("Case study - %(title)s", title=values["name"])),
                (self.env._("Period"), values["period"]),
                (self.env._("Key Figures"), values["key_figures"]),
                (self.env._("Partners"), ", ".join(values["partners"])),
                (self.env._("Partnership"), values["partnership"]),
            ]
            parts += [(printed._fields[name]._description_string(printed.env), values[name]) for name in SECTION_FIELDS]
            # sudo: the marks only filter the hits, for whoever prints (staff cannot read marks)
            marks = {(m.match_key, m.partner_id.id) for m in case_study.sudo().anonymization_mark_ids}
            for where, text in parts:
                if not text:
                    continue
                plain = anonymizer._html_text(text) if isinstance(text, Markup) else str(text)
                for hit in dictionary.residual_hits(plain):
                    key = normalize_form(hit["text"])
                    if not include_marked and (key, hit["partner_id"] or False) in marks:
                        continue
                    context = " ".join(plain[max(hit["start"] - 40, 0) : hit["end"] + 40].split())
                    hits.append(
                        dict(
                            hit,
                            key=key,
                            where=where,
                            context=context,
                            kind_label=kind_labels.get(hit["kind"], hit["kind"]),
                        )
                    )
            result[case_study.id] = hits
        return result

    def _check_anonymization_gate(self, printing=False):
        """Refuse the step while the anonymized rendering still identifies someone (hits not marked harmless).

        Printing is refused to anyone outside the secretariat: the secretariat prints drafts to fix them.
        """
        if printing and self.env.user.has_group("hbri_partnership.hbri_partnership_group_secretariat"):
            return
        anonymized = self.filtered(lambda c: c.attribution_mode == "anonymized")
        if not anonymized:
            return
        hits_of = anonymized._get_anonymization_hits()
        for case_study in anonymized:
            hits = hits_of[case_study.id]
            if hits:
                raise UserError(
                    self.env._(
                        "The anonymized case study %(title)s still identifies someone:\n%(hits)s\nRewrite these "
                        "passages, add the missing name as an alias, or mark a hit harmless on the Anonymized "
                        "preview tab.",
                        title=case_study._get_printed_title(),
                        hits="\n".join(
                            self.env._(
                                "- %(text)s (%(where)s: ...%(context)s...) points to %(entity)s",
                                text=hit["text"],
                                where=hit["where"],
                                context=hit["context"],
                                entity=hit["entity"] or hit["kind_label"],
                            )
                            for hit in hits[:20]
                        ),
                    )
                )

    def _check_can_mark_anonymization(self):
        """Marks are made by the secretariat or the facilitators of the case study's session."""
        self.check_access("write")
        if self.env.user.has_group("hbri_partnership.hbri_partnership_group_secretariat"):
            return
        for case_study in self:
            if self.env.user not in case_study.session_id.facilitator_user_ids:
                raise AccessError(
                    self.env._(
                        "Only the secretariat or the facilitators of its session mark hits of %(title)s harmless.",
                        title=case_study._get_printed_title(),
                    )
                )

    def action_review_anonymization_hits(self):
        """Open the list of residual hits, to mark those that are harmless."""
        self.ensure_one()
        self._check_can_mark_anonymization()
        hits = self._get_anonymization_hits()[self.id]
        if not hits:
            raise UserError(self.env._("Nothing in the anonymized text identifies anyone: there is nothing to mark."))
        wizard = self.env["hbri.anonymization.review"].create(
            {
                "case_study_id": self.id,
                "line_ids": [
                    Command.create(
                        {
                            "matched_text": hit["text"],
                            "match_key": hit["key"],
                            "partner_id": hit["partner_id"] or False,
                            "where": hit["where"],
                            "context": hit["context"],
                            "points_to": hit["entity"] or hit["kind_label"],
                        }
                    )
                    for hit in hits
                ],
            }
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Residual Hits"),
            "res_model": "hbri.anonymization.review",
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
        }

    def action_mark_anonymization_hits(self, match_keys):
        """Mark the current residual hits whose normalized text is in ``match_keys`` harmless, and log it."""
        self.ensure_one()
        self._check_can_mark_anonymization()
        wanted = {normalize_form(key) for key in match_keys or ()}
        hits = [hit for hit in self._get_anonymization_hits()[self.id] if hit["key"] in wanted]
        if not hits:
            raise UserError(
                self.env._("These texts are no longer residual hits of %(title)s.", title=self._get_printed_title())
            )
        now = fields.Datetime.now()
        unique = {(hit["key"], hit["partner_id"] or False): hit for hit in hits}
        # sudo: no access right creates marks, so that user and date are always the real ones
        marks = (
            self.env["hbri.case.study.anonymization.mark"]
            .sudo()
            .create(
                [
                    {
                        "case_study_id": self.id,
                        "matched_text": hit["text"],
                        "match_key": hit["key"],
                        "partner_id": hit["partner_id"] or False,
                        "user_id": self.env.uid,
                        "date": now,
                    }
                    for hit in unique.values()
                ]
            )
        )
        self.message_post(
            body=self.env._(
                "Marked harmless in the anonymized text: %(texts)s",
                texts=", ".join(marks.mapped("matched_text")),
            )
        )
        return marks
