# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools.translate import LazyTranslate

from .hbri_workflow_mixin import workflow_write

_lt = LazyTranslate(__name__)
# one current version per company, always: only Make Current moves it (a company's first version is current)
ACTION_FIELDS = {"is_current": _lt("use Make Current, which retires the previous version")}


class HbriGuideline(models.Model):
    _name = "hbri.guideline"
    _description = "Participation Guidelines"
    _inherit = ["mail.thread", "hbri.workflow.mixin"]
    _order = "date_effective desc, id desc"
    _hbri_action_fields = ACTION_FIELDS
    _rec_names_search = ["name", "version"]

    name = fields.Char(string="Title", required=True, translate=True, tracking=True)
    active = fields.Boolean(default=True)
    version = fields.Char(required=True, tracking=True, help="e.g. 1.0 or 2026-1")
    body = fields.Html(translate=True, sanitize=True)
    date_effective = fields.Date(
        string="Effective Date",
        required=True,
        default=fields.Date.context_today,
        tracking=True,
    )
    is_current = fields.Boolean(
        string="Current Version",
        readonly=True,
        copy=False,
        tracking=True,
        help="New memberships must accept the current version before they can be activated.",
    )
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    membership_ids = fields.One2many("hbri.membership", "guideline_id", string="Accepted by")
    membership_count = fields.Integer(compute="_compute_membership_count")

    _version_unique = models.Constraint(
        "UNIQUE (company_id, version)",
        "This version number is already used by other guidelines.",
    )
    _one_current_per_company = models.UniqueIndex(
        "(company_id) WHERE is_current",
        "Only one version of the participation guidelines can be current in a company.",
    )

    @api.depends("version")
    def _compute_display_name(self):
        for guideline in self:
            guideline.display_name = self.env._(
                "%(name)s (v%(version)s)",
                name=guideline.name or "",
                version=guideline.version or "",
            )

    def _compute_membership_count(self):
        counts = dict(
            self.env["hbri.membership"]._read_group([("guideline_id", "in", self.ids)], ["guideline_id"], ["__count"])
        )
        for guideline in self:
            guideline.membership_count = counts.get(guideline, 0)

    @api.model_create_multi
    def create(self, vals_list):
        guidelines = super().create(vals_list)
        # The first guidelines of a company become current: a company always has one current version.
        for guideline in guidelines:
            if not self.search_count(
                [
                    ("company_id", "=", guideline.company_id.id),
                    ("is_current", "=", True),
                ],
                limit=1,
            ):
                with workflow_write():
                    guideline.is_current = True
        return guidelines

    def write(self, vals):
        if "active" in vals or "company_id" in vals:
            self._check_not_current(self.env._("move it to another company"))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_current_or_accepted(self):
        self._check_not_current(self.env._("delete it"))
        accepted = self.filtered("membership_ids")
        if accepted:
            raise UserError(
                self.env._(
                    "Guidelines %(names)s were accepted by members and are kept as the record of what they accepted.",
                    names=", ".join(accepted.mapped("display_name")),
                )
            )

    def _check_not_current(self, what):
        current = self.filtered("is_current")
        if current:
            raise UserError(
                self.env._(
                    "%(name)s is the current version of the participation guidelines. Make another version "
                    "current before you %(what)s.",
                    name=current[0].display_name,
                    what=what,
                )
            )

    def action_make_current(self):
        self.ensure_one()
        previous = self.search(
            [
                ("company_id", "=", self.company_id.id),
                ("is_current", "=", True),
                ("id", "!=", self.id),
            ]
        )
        with workflow_write():
            previous.is_current = False
            # flush the reset first: the partial unique index allows one current version per company
            previous.flush_recordset(["is_current"])
            self.is_current = True
        return True

    @api.model
    def _get_current(self, company=None):
        company = company or self.env.company
        return self.search([("company_id", "=", company.id), ("is_current", "=", True)], limit=1)
