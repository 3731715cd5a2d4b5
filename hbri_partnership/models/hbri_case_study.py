# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .hbri_lang import hbri_default_lang, hbri_lang_get

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
    print_language = fields.Selection(hbri_lang_get, required=True, default=hbri_default_lang)
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

    def _get_anonymization_map(self):
        """{name: description} for every organization and person of the case study, longest names first."""
        self.ensure_one()
        organizations = self.partner_ids | self.consenting_partner_ids | self.partnership_id.member_ids.partner_id
        people = organizations.child_ids | self.presentation_ids.presenter_ids
        mapping = {}
        for organization in organizations:
            label = organization.hbri_sector_id.anonymous_label or self.env._("a member organization")
            mapping[organization.name] = label
        for person in people:
            label = person.commercial_partner_id.hbri_sector_id.anonymous_person_label or self.env._("a participant")
            if person.name:
                mapping[person.name] = label
        return dict(sorted(mapping.items(), key=lambda item: len(item[0] or ""), reverse=True))

    def _anonymize(self, text, mapping):
        if not text:
            return text
        is_markup = isinstance(text, Markup)
        for name, label in mapping.items():
            if name:
                text = re.sub(re.escape(name), label, str(text), flags=re.IGNORECASE)
        return Markup(text) if is_markup else text

    def _get_print_values_batch(self):
        """{id: print values} of these case studies, each in its print language.

        What the values read (sections, organizations, their people and sectors, consents) is read for all the
        case studies of a language at once, so printing twenty costs the queries of printing one.
        """
        by_lang = {}
        for case_study in self:
            by_lang.setdefault(case_study._get_print_lang(), []).append(case_study.id)
        values = {}
        for lang, ids in by_lang.items():
            case_studies = self.browse(ids).with_context(lang=lang)
            case_studies.mapped("name")  # the translated fields (sections) of them all, in one query
            organizations = (
                case_studies.partner_ids
                | case_studies.consenting_partner_ids
                | case_studies.partnership_id.member_ids.partner_id
            )
            people = organizations.child_ids | case_studies.presentation_ids.presenter_ids
            (organizations | people.commercial_partner_id).hbri_sector_id.mapped("name")
            case_studies.consent_ids.partner_id.mapped("name")
            case_studies.theme_ids.mapped("name")
            for case_study in case_studies:
                values[case_study.id] = case_study._get_print_values()
        return values

    def _get_print_values(self):
        """What the PDF prints: the sections, with every name replaced in anonymized mode."""
        self.ensure_one()
        mapping = self._get_anonymization_map() if self.attribution_mode == "anonymized" else {}
        values = {
            name: self._anonymize(self[name], mapping) for name in ("name", "period", "key_figures", *SECTION_FIELDS)
        }
        organizations = self.consenting_partner_ids | self.partner_ids
        if mapping:
            partners = [self._anonymize(p.name, mapping) for p in organizations]
        else:
            partners = organizations.mapped("name")
        consents = self._current_consents()
        values.update(
            partners=list(dict.fromkeys(partners)),
            sectors=organizations.hbri_sector_id.mapped("name"),
            partnership=self._anonymize(self.partnership_id.name, mapping) if self.partnership_id else "",
            themes=self.theme_ids.mapped("name"),
            anonymized=bool(mapping),
            consent_names=", ".join(consents.partner_id.mapped("name")),
            consent_date=max(consents.mapped("date") or [False]),
        )
        return values
