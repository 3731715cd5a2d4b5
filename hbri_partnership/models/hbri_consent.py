# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.translate import LazyTranslate

from .hbri_case_study import APPROVER_ROLES
from .hbri_workflow_mixin import in_workflow_write, workflow_write

_lt = LazyTranslate(__name__)

# Set by the system when the consent is recorded, never by a client
RECORD = _lt("use Record Consent: it is set from the case study's current content, the recording user and the time")
PORTAL = _lt("use the member portal, where the representative answers and signs")
ACTION_FIELDS = {
    "fingerprint": RECORD,
    "version": RECORD,
    "recorded_by_id": RECORD,
    "date": RECORD,
    "decision": PORTAL,
    "signature": PORTAL,
    "signed_by": PORTAL,
    "signed_on": PORTAL,
}
# what stays editable on a recorded consent (it is evidence: a new consent supersedes it)
EDITABLE_FIELDS = {"comment"}


class HbriConsent(models.Model):
    _name = "hbri.consent"
    _description = "Consent of a Presenting Organization"
    _inherit = ["hbri.workflow.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True
    _hbri_action_fields = ACTION_FIELDS

    case_study_id = fields.Many2one(
        "hbri.case.study", required=True, index=True, ondelete="restrict", check_company=True
    )
    company_id = fields.Many2one(related="case_study_id.company_id", store=True, index=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Organization",
        required=True,
        index=True,
        domain=[("is_company", "=", True)],
        check_company=True,
    )
    representative_id = fields.Many2one(
        "res.partner",
        string="Consented by",
        required=True,
        domain="[('parent_id', '=', partner_id), ('hbri_representative_role', 'in', ('primary', 'alternate')), "
        "('hbri_representative_active', '=', True)]",
        check_company=True,
        help="The active primary or alternate representative who gave the organization's consent.",
    )
    date = fields.Datetime(required=True, default=fields.Datetime.now, readonly=True)
    decision = fields.Selection(
        [("approved", "Approved"), ("changes", "Changes Requested")],
        required=True,
        default="approved",
        readonly=True,
    )
    version = fields.Integer(
        readonly=True, help="The version number of the case study's content when the consent was given."
    )
    fingerprint = fields.Char(
        readonly=True,
        copy=False,
        help="Fingerprint of the exact printed content the consent covers: any change of that content voids it.",
    )
    is_current = fields.Boolean(
        string="Covers the Current Content",
        compute="_compute_is_current",
        help="Unticked once the case study's printed content changed after this consent.",
    )
    scope_name = fields.Boolean(string="May Name the Organization")
    scope_quote = fields.Boolean(string="May Quote")
    scope_publish = fields.Boolean(string="May Publish the Case Study", default=True)
    recorded_by_id = fields.Many2one("res.users", default=lambda self: self.env.user, readonly=True)
    comment = fields.Text()
    evidence_file = fields.Binary(
        string="Signed Form", attachment=True, help="The consent form signed by the representative."
    )
    evidence_filename = fields.Char()
    signature = fields.Binary(attachment=True, copy=False, readonly=True)
    signed_by = fields.Char(copy=False, readonly=True)
    signed_on = fields.Datetime(copy=False, readonly=True)

    @api.depends("fingerprint", "case_study_id")
    def _compute_is_current(self):
        # the fingerprints of all the case studies at once (one batch of queries, whatever the number of consents)
        case_studies = self.case_study_id
        fingerprints = case_studies._get_consent_fingerprints() if case_studies else {}
        for consent in self:
            current = fingerprints.get(consent.case_study_id.id)
            consent.is_current = bool(consent.fingerprint) and consent.fingerprint == current

    @api.constrains("representative_id", "partner_id", "case_study_id")
    def _check_representative_id(self):
        for consent in self:
            if consent.representative_id.commercial_partner_id != consent.partner_id:
                raise ValidationError(
                    self.env._(
                        "%(person)s does not represent %(org)s: consent must come from one of its representatives.",
                        person=consent.representative_id.name,
                        org=consent.partner_id.name,
                    )
                )
            representative = consent.representative_id
            if representative.hbri_representative_role not in APPROVER_ROLES or not (
                representative.hbri_representative_active and representative.active
            ):
                raise ValidationError(
                    self.env._(
                        "%(person)s is not an active primary or alternate representative of %(org)s: only they "
                        "give the organization's consent.",
                        person=representative.name,
                        org=consent.partner_id.name,
                    )
                )
            if consent.partner_id not in consent.case_study_id.consenting_partner_ids:
                raise ValidationError(
                    self.env._(
                        "%(org)s is not asked to consent to %(name)s.",
                        org=consent.partner_id.name,
                        name=consent.case_study_id.name,
                    )
                )

    @api.depends("partner_id", "version")
    def _compute_display_name(self):
        for consent in self:
            consent.display_name = self.env._(
                "Consent of %(org)s (v%(version)s)", org=consent.partner_id.name or "", version=consent.version
            )

    @api.model_create_multi
    def create(self, vals_list):
        self._hbri_check_action_fields_create(vals_list)
        if not in_workflow_write():
            # recorded by staff in the back office, from a signed form
            for vals in vals_list:
                case_study = self.env["hbri.case.study"].browse(vals.get("case_study_id")).exists()
                if not case_study:
                    raise UserError(self.env._("Choose the case study the consent is for."))
                case_study.check_access("write")
                if case_study.state != "awaiting":
                    raise UserError(
                        self.env._(
                            "Consents are recorded while %(name)s awaits the members' approval: request it first.",
                            name=case_study.name,
                        )
                    )
                if not vals.get("evidence_file"):
                    raise UserError(
                        self.env._(
                            "Attach the consent form signed by the representative: a consent recorded in the back "
                            "office needs its evidence."
                        )
                    )
                vals.update(
                    fingerprint=case_study._get_consent_fingerprint(),
                    version=case_study.content_version,
                    recorded_by_id=self.env.uid,
                    date=fields.Datetime.now(),
                    decision="approved",
                )
        # the recorded values are the system's own (set above, or by the portal's signature inside workflow_write)
        with workflow_write():
            return super().create(vals_list)

    def write(self, vals):
        self._hbri_check_action_fields_write(vals)
        if not in_workflow_write():
            frozen = set(vals) - EDITABLE_FIELDS
            if frozen:
                field = self._fields[min(frozen)]
                raise UserError(
                    self.env._(
                        "%(field)s of a recorded consent cannot change: a consent is evidence. Record a new "
                        "consent instead; it supersedes this one.",
                        field=field._description_string(self.env),
                    )
                )
        return super().write(vals)

    def copy(self, default=None):
        if self:
            raise UserError(self.env._("A consent cannot be duplicated: record a new one from its signed form."))
        return super().copy(default)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(
            self.env._("A consent is evidence and cannot be deleted: record a new consent, it supersedes this one.")
        )
