# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import hashlib
import json

from markupsafe import Markup, escape

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL, is_html_empty
from odoo.tools.translate import LazyTranslate

from .hbri_anonymizer import MARK_CLOSE, MARK_OPEN, normalize_form
from .hbri_lang import hbri_default_lang, hbri_lang_get
from .hbri_workflow_mixin import in_workflow_write, workflow_write

_lt = LazyTranslate(__name__)


SECTION_FIELDS = (
    "background",
    "formation",
    "implementation",
    "results",
    "challenges",
    "lessons",
    "next_steps",
)
# sections a case study cannot go to review without: what every roundtable presentation tells (how the
# partnership formed, how it was implemented, what it achieved); the other sections are optional
REQUIRED_SECTION_FIELDS = ("formation", "implementation", "results")
# any change to these makes a new version of the content (the consent fingerprint covers them, and the
# organizations', partnership's and themes' printed names besides)
CONTENT_FIELDS = (
    "name",
    "key_figures",
    "period",
    *SECTION_FIELDS,
    "partner_ids",
    "presentation_ids",
    "partnership_id",
    "theme_ids",
    "print_language",
)
# the content fields stored in every language: the fingerprint reads the print language's text, the library prints
# the visitor's; a change in any language is a change of the content (see _hbri_get_stored_translations)
TRANSLATED_CONTENT_FIELDS = ("name", "period", "key_figures", *SECTION_FIELDS)
PRINTABLE_STATES = ("approved", "published")
APPROVER_ROLES = ("primary", "alternate")

# Workflow fields: moved only by the actions below, never by create/write/copy/load from a client
ACTION_FIELDS = {
    "state": _lt(
        "use the workflow buttons (Submit for Review, Request Members' Approval, Approve, Publish, Reset to Draft)"
    ),
    "includes_notes": _lt("use Import Off-the-record Notes (the members' approval releases the draft)"),
    "content_version": _lt("edit the content (the version follows the content)"),
    "published_by_id": _lt("use Publish"),
    "date_published": _lt("use Publish"),
}


def _texts_differ(before, after):
    """Whether a language reads another text in ``after`` than in ``before``, tuples of stored translations
    ({lang: text}, or None) of the same fields: a language without its own text reads the English one."""
    # a case study missing from either (its members not asked) starts no new version for a translation
    for old, new in zip(before, after, strict=False):
        old, new = old or {}, new or {}
        if any(old.get(lang, old.get("en_US")) != new.get(lang, new.get("en_US")) for lang in old.keys() | new.keys()):
            return True
    return False


class HbriCaseStudy(models.Model):
    _name = "hbri.case.study"
    _description = "Case Study"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "hbri.state.mixin",
        "hbri.confidential.mixin",
        "hbri.workflow.mixin",
    ]
    _order = "create_date desc, id desc"
    _check_company_auto = True
    _hbri_action_fields = ACTION_FIELDS

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
        readonly=True,
        tracking=True,
        index=True,
        copy=False,
    )
    session_id = fields.Many2one(
        "hbri.roundtable.session",
        string="Origin Session",
        index="btree_not_null",
        check_company=True,
        help="Set once: the session's facilitators may import its notes, so the origin never changes.",
    )
    presentation_ids = fields.Many2many(
        "hbri.presentation",
        "hbri_case_study_presentation_rel",
        "case_study_id",
        "presentation_id",
        check_company=True,
        copy=False,
        help="A presentation has one case study at most.",
    )
    partner_ids = fields.Many2many(
        "res.partner",
        "hbri_case_study_partner_rel",
        "case_study_id",
        "partner_id",
        string="Organizations Involved",
        domain=[("is_company", "=", True)],
        check_company=True,
    )
    consenting_partner_ids = fields.Many2many(
        "res.partner",
        compute="_compute_consenting_partner_ids",
        context={"active_test": False},  # an archived organization still consents, or refused to be named
        string="Organizations that Must Consent",
        help="The presenting organizations (or, without a presentation, the organizations involved).",
    )
    partnership_id = fields.Many2one("hbri.partnership", index="btree_not_null", check_company=True)
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
    content_version = fields.Integer(
        default=1,
        readonly=True,
        copy=False,
        help="Display number of the content: it goes up when an edit changes what prints. Consents are bound "
        "to the exact printed content (its fingerprint), not to this number.",
    )
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
        # archived presenting organizations too: archiving one changes nothing printed
        for case_study in self.with_context(active_test=False):
            case_study.consenting_partner_ids = (
                case_study.presentation_ids.presenting_partner_ids or case_study.partner_ids
            )

    @api.depends(
        "consent_ids.fingerprint",
        "consent_ids.partner_id",
        "consent_ids.scope_name",
        "consent_ids.scope_publish",
        "consent_ids.decision",
        "consenting_partner_ids",
        *CONTENT_FIELDS,
    )
    def _compute_attribution(self):
        self._hbri_set_attribution(self._get_consent_fingerprints())

    def _hbri_set_attribution(self, fingerprints):
        """Set ``has_all_consents`` and ``attribution_mode`` from the consent ``fingerprints`` ({id: fingerprint})
        the caller computed: printing computes them once for both."""
        for case_study in self:
            current = case_study._current_consents(fingerprints[case_study.id]).filtered(
                lambda c: c.decision == "approved"
            )
            required = case_study.consenting_partner_ids
            case_study.has_all_consents = bool(required) and required <= current.filtered("scope_publish").partner_id
            named = bool(required) and required <= current.filtered("scope_name").partner_id
            case_study.attribution_mode = "named" if case_study.has_all_consents and named else "anonymized"

    @api.constrains("presentation_ids", "session_id")
    def _check_presentation_ids(self):
        # sudo: the existing case study may hold notes the user cannot read; only its title and id are told
        others = self.sudo().with_context(active_test=False)
        for case_study in self:
            session = case_study.session_id
            strangers = case_study.presentation_ids.filtered(lambda p, s=session: s and p.session_id != s)
            if strangers:
                raise ValidationError(
                    self.env._(
                        "%(presentation)s was not given at the case study's session: link presentations of "
                        "%(session)s only.",
                        presentation=strangers[0].display_name,
                        session=case_study.session_id.display_name,
                    )
                )
            for presentation in case_study.presentation_ids:
                existing = others.search(
                    [("presentation_ids", "in", presentation.ids), ("id", "!=", case_study.id)], limit=1
                )
                if existing:
                    raise ValidationError(
                        self.env._(
                            "%(presentation)s already has a case study: %(existing)s (reference %(id)s). Continue "
                            "that one (unarchive it if needed) instead of starting a second one.",
                            presentation=presentation.display_name,
                            existing=existing.name,
                            id=existing.id,
                        )
                    )

    # ------------------------------------------------------------ CRUD
    # create: hbri.workflow.mixin refuses the fields only actions move
    def write(self, vals):
        self._hbri_check_action_fields_write(vals)  # before the rules below: the action to use is the answer
        if "session_id" in vals:
            moved = self.filtered(lambda c: c.session_id and c.session_id.id != vals["session_id"])
            if moved:
                raise UserError(
                    self.env._(
                        "The origin session of %(name)s cannot change: its facilitators may have imported "
                        "their notes into it. Start a new case study from the other session's presentation.",
                        name=moved[0].name,
                    )
                )
        if not set(vals) & set(CONTENT_FIELDS) or in_workflow_write():
            return super().write(vals)
        self._check_content_editable()
        before = {case_study.id: case_study._get_consent_fingerprint() for case_study in self}
        translations = self._hbri_get_stored_translations()
        res = super().write(vals)
        self._hbri_after_content_change(before, translations)
        return res

    def _update_field_translations(self, field_name, translations, digest=None, source_lang=""):
        # the translation dialog (update_field_translations) and the website editor's translation route write a
        # language's text without write(): the same rules apply
        if field_name not in CONTENT_FIELDS:
            return super()._update_field_translations(field_name, translations, digest, source_lang)
        self._check_content_editable()
        before = {case_study.id: case_study._get_consent_fingerprint() for case_study in self}
        stored = self._hbri_get_stored_translations()
        res = super()._update_field_translations(field_name, translations, digest, source_lang)
        self._hbri_after_content_change(before, stored)
        return res

    def copy(self, default=None):
        with_notes = self.filtered("includes_notes")
        if with_notes:
            raise UserError(
                self.env._(
                    "%(name)s holds off-the-record notes and cannot be duplicated: a copy would carry the notes "
                    "outside the import log. Start a new draft from a presentation instead.",
                    name=with_notes[0].name,
                )
            )
        return super().copy(default)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_notes_or_consents(self):
        for case_study in self:
            if case_study.includes_notes or case_study.consent_ids:
                raise UserError(
                    self.env._(
                        "%(name)s holds off-the-record notes or the members' consents, which are evidence: "
                        "archive it instead of deleting it.",
                        name=case_study.name,
                    )
                )

    def _check_content_editable(self):
        locked = self.filtered(lambda c: c.state == "published")
        if locked:
            raise UserError(
                self.env._("%(name)s is published: reset it to draft before changing its content.", name=locked[0].name)
            )

    def _hbri_get_stored_translations(self):
        """{id: texts of the translated content fields in every language, as stored} of the case studies whose
        members were asked or answered (the others start no new version), in one query: the library prints a
        case study in the visitor's language, so a translation changed in a language other than the print
        language (which the fingerprint does not read) is a change of the content too."""
        asked = self.filtered(lambda c: c.state in ("awaiting", "approved") or c.consent_ids)
        if not asked:
            return {}
        asked.flush_recordset(list(TRANSLATED_CONTENT_FIELDS))
        rows = self.env.execute_query(
            SQL(
                "SELECT id, %s FROM %s WHERE id = ANY(%s)",
                SQL(", ").join(SQL.identifier(name) for name in TRANSLATED_CONTENT_FIELDS),
                SQL.identifier(self._table),
                asked.ids,
            )
        )
        return {row[0]: row[1:] for row in rows}

    def _hbri_after_content_change(self, fingerprints_before, translations_before=None):
        """A new content version for each case study whose printed content changed: in its print language
        (consents asked or given for the old one no longer count, their fingerprint differs), or in another
        language of ``translations_before`` (what the library prints to that language's visitors, as a write in
        that language does); a case study awaiting or approved goes back to review."""
        translations_before = translations_before or {}
        translations_after = self._hbri_get_stored_translations() if translations_before else {}
        for case_study in self:
            if case_study._get_consent_fingerprint() == fingerprints_before[case_study.id] and not _texts_differ(
                translations_before.get(case_study.id, ()), translations_after.get(case_study.id, ())
            ):
                continue
            was_asked = case_study.state in ("awaiting", "approved")
            if not (was_asked or case_study.consent_ids):
                continue  # a draft nobody was asked about yet: the same version goes on
            values = {"content_version": case_study.content_version + 1}
            if was_asked:
                values["state"] = "review"
            with workflow_write():
                case_study.write(values)
            case_study.message_post(
                body=self.env._(
                    "The content changed after consent was requested: version %(version)s needs the members' "
                    "approval again.",
                    version=case_study.content_version,
                )
            )

    # ------------------------------------------------------------ actions
    def _check_may_steer(self, action_label):
        """Submit, request, approve, reset: the secretariat, or a facilitator of the case study's own session."""
        user = self.env.user
        if self.env.su or user.has_group("hbri_partnership.hbri_partnership_group_secretariat"):
            return
        if user.has_group("hbri_partnership.hbri_partnership_group_facilitator"):
            strangers = self.filtered(lambda c: user not in c.session_id.facilitator_user_ids)
            if not strangers:
                return
        raise AccessError(
            self.env._(
                "%(action)s is for the secretariat and the facilitators of the case study's session.",
                action=action_label,
            )
        )

    def action_submit_review(self):
        label = self.env._("Submitting for review")
        self._check_may_steer(label)
        self._check_state(("draft",), label)
        for case_study in self:
            empty = [
                case_study._fields[name]._description_string(self.env)
                for name in REQUIRED_SECTION_FIELDS
                if is_html_empty(case_study[name])
            ]
            if empty:
                raise UserError(
                    self.env._(
                        "%(name)s cannot go to review with empty sections: write %(sections)s first.",
                        name=case_study.name,
                        sections=", ".join(empty),
                    )
                )
        with workflow_write():
            self.write({"state": "review"})
        return True

    def action_request_approval(self):
        label = self.env._("Requesting the members' approval")
        self._check_may_steer(label)
        self._check_state(("review",), label)
        # after the cheap refusals: the gate builds the anonymization dictionary
        self._check_anonymization_gate()
        for case_study in self:
            if not case_study.consenting_partner_ids:
                raise UserError(
                    self.env._(
                        "Add the presentation or the organizations involved in %(name)s: they approve it.",
                        name=case_study.name,
                    )
                )
            for organization in case_study.consenting_partner_ids:
                if not case_study._hbri_get_approvers(organization):
                    raise UserError(
                        self.env._(
                            "%(org)s has no active primary or alternate representative to approve %(name)s: "
                            "set one on the organization's contacts first.",
                            org=organization.name,
                            name=case_study.name,
                        )
                    )
        with workflow_write():
            self.write({"state": "awaiting"})
        self._hbri_notify_approvers()
        return True

    def action_approve(self):
        label = self.env._("Approval")
        self._check_may_steer(label)
        self._check_state(("awaiting",), label)
        # after the cheap refusals: the gate builds the anonymization dictionary
        self._check_anonymization_gate()
        self._check_all_consents()
        with workflow_write():
            self.write({"state": "approved", "includes_notes": False})
        return True

    def action_publish(self):
        if not self.env.su and not self.env.user.has_group("hbri_partnership.hbri_partnership_group_manager"):
            raise AccessError(self.env._("Only a roundtable administrator can publish a case study."))
        self._check_state(("approved",), self.env._("Publication"))
        self._check_anonymization_gate()
        # the content may have changed since the approval through a related record (an organization renamed)
        self._check_all_consents()
        with workflow_write():
            self.write(
                {
                    "state": "published",
                    "date_published": fields.Date.context_today(self),
                    "published_by_id": self.env.uid,
                }
            )
        return True

    def action_reset_draft(self):
        label = self.env._("Resetting to draft")
        self._check_may_steer(label)
        self._check_state(("review", "awaiting", "approved", "published"), label)
        if (
            self.filtered(lambda c: c.state == "published")
            and not self.env.su
            and not self.env.user.has_group("hbri_partnership.hbri_partnership_group_manager")
        ):
            raise AccessError(self.env._("Only a roundtable administrator can withdraw a published case study."))
        with workflow_write():
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

    # ------------------------------------------------------------ notes
    def _hbri_import_notes(self, section, notes):
        """Append ``notes`` to ``section`` and restrict the draft; called by the logged import wizard only."""
        self.ensure_one()
        self._check_may_steer(self.env._("Importing notes"))
        self._check_state(("draft", "review"), self.env._("Importing notes"))
        imported = Markup("").join(note.body or Markup("") for note in notes)
        before = {self.id: self._get_consent_fingerprint()}
        with workflow_write():
            self.write({section: (self[section] or Markup("")) + imported, "includes_notes": True})
        self._hbri_after_content_change(before)
        self._hbri_unsubscribe_unauthorized()

    def _hbri_unsubscribe_unauthorized(self):
        """Followers who may not read the draft any more stop receiving its chatter."""
        for case_study in self:
            # sudo: the followers are read to be removed; each is checked as their own users below
            followers = case_study.sudo().message_partner_ids
            keep = self.env["res.partner"]
            for partner in followers:
                users = partner.user_ids.filtered(lambda u: not u.share)
                if any(case_study.with_user(user).has_access("read") for user in users):
                    keep |= partner
            if followers - keep:
                case_study.sudo().message_unsubscribe(partner_ids=(followers - keep).ids)

    # ------------------------------------------------------------ consent
    def _get_consent_fingerprint(self):
        self.ensure_one()
        return self._get_consent_fingerprints()[self.id]

    def _get_consent_fingerprints(self):
        """{id: fingerprint} of these case studies, their read access checked once for them all.

        Each fingerprint is the hex SHA-256 of what the case study prints, in its print language: title,
        sections, key figures, period, the organizations (and the sector labels an anonymized print uses for
        them), the partnership, the themes and the print language. Raw values: anonymization is applied on top
        of exactly these.

        A consent counts only while its fingerprint equals this one, whatever path changed the content
        (an edit, a translation, an organization or a theme renamed).
        """
        self._origin.check_access("read")
        langs = {case_study.id: case_study._get_print_lang() for case_study in self}
        for lang in set(langs.values()):
            case_studies = self.filtered(lambda c, lang=lang: langs[c.id] == lang)
            # what the fingerprints read, read for all the case studies of a language at once (in the environment
            # _make_consent_fingerprint reads in): each organization set of one case study prefetches itself only
            batch = case_studies.sudo().with_context(lang=lang, active_test=False)
            batch.mapped("name")
            organizations = batch.consenting_partner_ids | batch.partner_ids
            organizations.mapped("name")
            organizations.hbri_sector_id.mapped("name")
            batch.partnership_id.mapped("name")
            batch.theme_ids.mapped("name")
        return {case_study.id: case_study._make_consent_fingerprint() for case_study in self}

    def _make_consent_fingerprint(self):
        # sudo: names of the linked organizations, partnership and themes as they print (read access checked by
        # the caller, _get_consent_fingerprints)
        case_study = self.sudo().with_context(lang=self._get_print_lang(), active_test=False)
        organizations = (case_study.consenting_partner_ids | case_study.partner_ids).sorted(lambda p: p._origin.id)
        payload = {
            "print_language": case_study.print_language,
            "lang": case_study.env.lang,
            "name": case_study.name or "",
            "period": case_study.period or "",
            "key_figures": case_study.key_figures or "",
            "sections": {name: str(case_study[name] or "") for name in SECTION_FIELDS},
            "organizations": [
                [
                    partner._origin.id,
                    partner.name or "",
                    partner in case_study.consenting_partner_ids,
                    partner.hbri_sector_id.name or "",
                    partner.hbri_sector_id.anonymous_label or "",
                    partner.hbri_sector_id.anonymous_person_label or "",
                ]
                for partner in organizations
            ],
            "partnership": case_study.partnership_id.name or "",
            "themes": sorted(case_study.theme_ids.mapped("name")),
        }
        encoded = json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()
        return hashlib.sha256(encoded).hexdigest()

    def _current_consents(self, fingerprint=None):
        """The consents given for the case study's current printed content (older ones no longer count);
        ``fingerprint``: the current one when the caller computed it already, for several case studies at once."""
        self.ensure_one()
        fingerprint = fingerprint or self._get_consent_fingerprint()
        return self.consent_ids.filtered(lambda c: c.fingerprint == fingerprint)

    def _check_all_consents(self):
        for case_study in self:
            current = case_study._current_consents().filtered(lambda c: c.decision == "approved" and c.scope_publish)
            missing = case_study.consenting_partner_ids - current.partner_id
            if not missing:
                continue
            # a consent to this version that no longer counts: the text it covered printed differently (a name, a
            # translation or a sector label changed since, which keeps the version number): say so, or the list of
            # consents (showing that version approved) and the message would contradict each other
            stale = (
                missing
                & case_study.consent_ids.filtered(
                    lambda c, cs=case_study: (
                        c.decision == "approved" and c.scope_publish and c.version == cs.content_version
                    )
                ).partner_id
            )
            reasons = []
            if missing - stale:
                reasons.append(
                    self.env._(
                        "%(orgs)s did not consent to version %(version)s of its content.",
                        orgs=", ".join((missing - stale).mapped("name")),
                        version=case_study.content_version,
                    )
                )
            if stale:
                reasons.append(
                    self.env._(
                        "%(orgs)s did not consent to its text as it prints now: their consent to version "
                        "%(version)s was given before a name, a translation or a sector label changed. Record "
                        "their consent again in the Consents tab, or ask them to approve it on the portal.",
                        orgs=", ".join(stale.mapped("name")),
                        version=case_study.content_version,
                    )
                )
            raise UserError(
                self.env._(
                    "%(name)s cannot be approved: %(reasons)s",
                    name=case_study.name,
                    reasons=" ".join(reasons),
                )
            )

    @api.model
    def _hbri_get_approvers(self, organization):
        """The people who may approve a case study for ``organization``: its active primary and alternate
        representatives (observers and former representatives do not)."""
        # sudo: the organization's contacts, to know who is asked; nothing of them is returned to a client
        return (
            organization.sudo()
            .child_ids.filtered(
                lambda c: c.active and c.hbri_representative_role in APPROVER_ROLES and c.hbri_representative_active
            )
            .with_env(self.env)
        )

    def _hbri_portal_approval_url(self):
        """Absolute URL of the portal page where a representative reads and approves the case study."""
        self.ensure_one()
        return f"{self.get_base_url()}/my/roundtable/case-study/{self.id}"

    def _hbri_notify_approvers(self):
        """E-mail each approver, in their language, a link to the portal page, and log it on the chatter."""
        template = self.env.ref("hbri_partnership.mail_template_hbri_case_study_approval_request")
        # the title as it prints (anonymized when the case study is): the members approve that text, and the
        # e-mail never quotes the raw title of an anonymized case study; one dictionary for them all
        titles = self._get_printed_titles()
        for case_study in self:
            title = titles[case_study.id]
            for organization in case_study.consenting_partner_ids:
                for approver in case_study._hbri_get_approvers(organization):
                    lang = approver.lang or case_study._get_print_lang()
                    # names through the context: the template also renders without them (Odoo checks each
                    # translation of the body when it is loaded)
                    rendering = template.with_context(
                        hbri_approver_name=approver.name,
                        hbri_organization_name=organization.name,
                        hbri_printed_title=title,
                    )
                    subject = rendering._render_field("subject", case_study.ids, set_lang=lang)[case_study.id]
                    body = rendering._render_field("body_html", case_study.ids, set_lang=lang)[case_study.id]
                    case_study.message_post(
                        body=body,
                        subject=subject,
                        partner_ids=approver.ids,
                        message_type="comment",
                        subtype_xmlid="mail.mt_comment",
                        email_layout_xmlid="mail.mail_notification_light",
                        force_record_name=title,
                    )

    # ------------------------------------------------------------ e-mails name the case study as it prints
    def _message_compute_subject(self):
        """The default subject of an e-mail about the case study: its printed title, never the raw title of an
        anonymized case study."""
        self.ensure_one()
        # sudo: the printed title is what every reader of the case study is meant to see; whoever posts (a portal
        # member's answer, a follower's reply) may not read what anonymizing it reads
        return self.sudo()._get_printed_title()

    def _notify_by_email_prepare_rendering_context(
        self,
        message,
        msg_vals=False,
        model_description=False,
        force_email_company=False,
        force_email_lang=False,
        force_record_name=False,
    ):
        # the name in the heading of every e-mail about the case study (chatter, tracking, notes): as it prints
        if not force_record_name and len(self) == 1:
            force_record_name = self._message_compute_subject()
        return super()._notify_by_email_prepare_rendering_context(
            message,
            msg_vals=msg_vals,
            model_description=model_description,
            force_email_company=force_email_company,
            force_email_lang=force_email_lang,
            force_record_name=force_record_name,
        )

    def _hbri_member_organization(self):
        """The consenting organization the current user may approve for, or an empty recordset."""
        self.ensure_one()
        partner = self.env.user.partner_id
        for organization in self.sudo().consenting_partner_ids:
            if partner in self._hbri_get_approvers(organization):
                return organization
        return self.env["res.partner"]

    def _hbri_check_member_answer(self, fingerprint):
        """The organization the current user answers for, after checking they may, now, for this content."""
        self.ensure_one()
        organization = self._hbri_member_organization()
        if not organization:
            raise AccessError(
                self.env._(
                    "Only an active primary or alternate representative of a presenting organization can answer for it."
                )
            )
        # sudo: the portal user holds no right on the case study; they were checked as an approver above
        case_study = self.sudo()
        if case_study.state != "awaiting":
            raise UserError(self.env._("This case study is not awaiting the members' approval any more."))
        if fingerprint != case_study._get_consent_fingerprint():
            raise UserError(
                self.env._(
                    "This case study changed since you opened it: reload the page and read the new version "
                    "before approving."
                )
            )
        answered = case_study._current_consents().filtered(lambda c: c.partner_id == organization)
        if answered:
            raise UserError(
                self.env._(
                    "%(person)s already answered for %(org)s on this version.",
                    person=answered[0].representative_id.name,
                    org=organization.name,
                )
            )
        return organization

    def _hbri_member_approve(self, fingerprint, scope_name=False, scope_quote=False, signature=None):
        """Record the approval of the current user (a portal representative) for their organization.

        Called by the portal controller as the portal user. Checks the user is an active primary or alternate
        representative of a consenting organization, that the case study awaits approval and that
        ``fingerprint`` is the current content's; then records the consent with the signature, logs it on
        the chatter (no content), closes the user's to-do and, once every organization answered, gives the
        secretariat an activity.
        """
        return self._hbri_member_answer(
            fingerprint,
            decision="approved",
            scope_name=scope_name,
            scope_quote=scope_quote,
            signature=signature,
        )

    def _hbri_member_decline(self, fingerprint, reason):
        """The current user (a portal representative) asks for changes instead of approving: same checks as
        :meth:`_hbri_member_approve`; their comment goes to the chatter for the writers."""
        if not (reason or "").strip():
            raise UserError(self.env._("Tell the writers what to change."))
        return self._hbri_member_answer(fingerprint, decision="changes", comment=reason.strip())

    def _hbri_member_answer(
        self, fingerprint, decision, scope_name=False, scope_quote=False, signature=None, comment=""
    ):
        self.ensure_one()
        organization = self._hbri_check_member_answer(fingerprint)
        partner = self.env.user.partner_id
        case_study = self.sudo()  # sudo: checked by _hbri_check_member_answer
        now = fields.Datetime.now()
        with workflow_write():
            consent = (
                self.env["hbri.consent"]
                .sudo()
                .create(
                    {
                        "case_study_id": case_study.id,
                        "partner_id": organization.id,
                        "representative_id": partner.id,
                        "decision": decision,
                        "scope_publish": decision == "approved",
                        "scope_name": decision == "approved" and bool(scope_name),
                        "scope_quote": decision == "approved" and bool(scope_quote),
                        "signature": signature or False,
                        "signed_by": partner.name if decision == "approved" else False,
                        "signed_on": now if decision == "approved" else False,
                        "comment": comment or False,
                        "fingerprint": case_study._get_consent_fingerprint(),
                        "version": case_study.content_version,
                        "date": now,
                        "recorded_by_id": self.env.uid,
                    }
                )
            )
        if decision == "approved":
            body = self.env._(
                "%(person)s approved version %(version)s for %(org)s.",
                person=partner.name,
                version=case_study.content_version,
                org=organization.name,
            )
        else:
            body = Markup("%s<br/>%s") % (
                self.env._(
                    "%(person)s asked for changes to version %(version)s for %(org)s:",
                    person=partner.name,
                    version=case_study.content_version,
                    org=organization.name,
                ),
                comment,
            )
        case_study.message_post(body=body, author_id=partner.id, message_type="comment", subtype_xmlid="mail.mt_note")
        case_study.activity_ids.filtered(lambda a: a.user_id == self.env.user).action_feedback(
            feedback=self.env._("Answered in the portal.")
        )
        case_study._hbri_schedule_when_all_answered()
        return consent

    def _hbri_schedule_when_all_answered(self):
        """Once every consenting organization answered this version, the secretariat gets an activity."""
        self.ensure_one()
        if self.consenting_partner_ids - self._current_consents().partner_id:
            return
        users = (self.create_uid | self.author_ids).filtered(
            lambda u: not u.share and u.active and u.has_group("hbri_partnership.hbri_partnership_group_secretariat")
        )
        if self.includes_notes:
            users = users.filtered(lambda u: self.with_user(u).has_access("read"))
        changes = self._current_consents().filtered(lambda c: c.decision == "changes")
        summary = (
            self.env._("Members asked for changes")
            if changes
            else self.env._("Every organization approved: approve the case study")
        )
        for user in users[:1] or self.env.ref("base.user_admin"):
            self.activity_schedule("mail.mail_activity_data_todo", summary=summary, user_id=user.id)

    # ------------------------------------------------------------ printing
    def _check_printable(self):
        """Drafts print for the secretariat and the case study's session facilitators; others print approved or
        published case studies only."""
        self.check_access("read")
        user = self.env.user
        if self.env.su or user.has_group("hbri_partnership.hbri_partnership_group_secretariat"):
            return
        unprintable = self.filtered(
            lambda c: c.state not in PRINTABLE_STATES and user not in c.session_id.facilitator_user_ids
        )
        if unprintable:
            raise AccessError(
                self.env._(
                    "%(name)s is not approved yet: only the secretariat and the session's facilitators print drafts.",
                    name=unprintable[0].name,
                )
            )

    def _hbri_printed_consents(self, fingerprint=None):
        """The consents the PDF's closing line names: one per organization, its representative and date."""
        self.ensure_one()
        latest = {}
        for consent in self._current_consents(fingerprint).sorted(lambda c: (c.date, c.id)):
            latest[consent.partner_id] = consent  # the organization's last answer on this exact text
        consents = self.env["hbri.consent"].union(*latest.values())
        return consents.filtered(lambda c: c.decision == "approved").sorted(lambda c: (c.partner_id.name or "", c.id))

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
        # archived organizations too, as the consents' fingerprint reads them: archiving one changes nothing printed
        organizations = self.consenting_partner_ids | self.with_context(active_test=False).partner_ids
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

    def _get_print_values_batch(self, dictionary=None, fingerprints=None):
        """{id: print values} of these case studies, each in its print language.

        What the values read (sections, organizations, their people and sectors, consents) is read for all the
        case studies of a language at once, so printing twenty costs the queries of printing one. The
        anonymization dictionary is built once for them all, from the database as it is now. ``fingerprints``:
        {id: consent fingerprint} when the caller computed them already (see _get_consent_fingerprints).
        """
        by_lang = {}
        for case_study in self:
            by_lang.setdefault(case_study._get_print_lang(), []).append(case_study.id)
        if dictionary is None and any(c.attribution_mode == "anonymized" for c in self):
            dictionary = self.env["hbri.anonymizer"]._get_dictionary(self.company_id[:1])
        values = {}
        for lang, ids in by_lang.items():
            case_studies = self.browse(ids).with_context(lang=lang)
            case_studies.mapped("name")  # the translated fields (sections) of them all, in one query
            organizations = (
                case_studies.with_context(active_test=False).partner_ids | case_studies.consenting_partner_ids
            )
            organizations.hbri_sector_id.mapped("name")
            case_studies.consent_ids.partner_id.mapped("name")
            # the representatives the closing line names: read here for all (the dictionary, now kept between
            # requests, no longer reads every partner into the cache)
            case_studies.consent_ids.representative_id.mapped("name")
            case_studies.theme_ids.mapped("name")
            if fingerprints is None or not set(ids) <= set(fingerprints):
                lang_fingerprints = case_studies._get_consent_fingerprints()
            else:
                lang_fingerprints = fingerprints
            for case_study in case_studies:
                values[case_study.id] = case_study._get_print_values(
                    dictionary=dictionary, fingerprint=lang_fingerprints[case_study.id]
                )
        return values

    def _get_print_values(self, dictionary=None, highlight=False, fingerprint=None):
        """What the PDF prints: the sections, with everybody the roundtable knows replaced in anonymized mode."""
        self.ensure_one()
        mapping = {}
        if self.attribution_mode == "anonymized":
            if dictionary is None:
                dictionary = self.env["hbri.anonymizer"]._get_dictionary(self.company_id)
            mapping = self._get_anonymization_map(dictionary)
        anonymized = self.attribution_mode == "anonymized"

        def anonymize(text):
            return self._anonymize(text, mapping, dictionary, highlight=highlight) if anonymized else text

        values = {name: anonymize(self[name]) for name in ("name", "period", "key_figures", *SECTION_FIELDS)}
        organizations = self.consenting_partner_ids | self.with_context(active_test=False).partner_ids
        if anonymized:
            partners = [mapping.get(p.id) or self.env._("a member organization") for p in organizations]
        else:
            partners = organizations.mapped("name")
        fingerprint = fingerprint or self._get_consent_fingerprint()
        consents = self._current_consents(fingerprint)
        values.update(
            printed_consents=self._hbri_printed_consents(fingerprint),
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
        dictionary = self.env["hbri.anonymizer"]._get_dictionary(anonymized.company_id[:1])
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
            dictionary = self.env["hbri.anonymizer"]._get_dictionary(anonymized.company_id[:1])
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
            dictionary = self.env["hbri.anonymizer"]._get_dictionary(self.company_id[:1])
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
