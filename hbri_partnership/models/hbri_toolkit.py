# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.translate import LazyTranslate

from .hbri_workflow_mixin import workflow_write

_lt = LazyTranslate(__name__)
# the library and the annual report count a toolkit as released on its release date: only the buttons set it
RELEASE = _lt("use Release or Withdraw, which record who released the toolkit and when")
ACTION_FIELDS = {"is_released": RELEASE, "date_released": RELEASE, "released_by_id": RELEASE}


class HbriToolkit(models.Model):
    _name = "hbri.toolkit"
    _check_company_auto = True
    _description = "Toolkit"
    _inherit = ["mail.thread", "hbri.workflow.mixin"]
    _order = "name, id"
    _hbri_action_fields = ACTION_FIELDS

    name = fields.Char(string="Title", required=True, translate=True, tracking=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    kind = fields.Selection(
        [("guide", "Guide"), ("checklist", "Checklist"), ("template", "Template"), ("slides", "Slides")],
        required=True,
        default="guide",
    )
    description = fields.Html(translate=True)
    origin_session_id = fields.Many2one(
        "hbri.roundtable.session",
        string="Special Discussion Session",
        domain=[("kind", "=", "special")],
        index="btree_not_null",
        tracking=True,
        check_company=True,
        help="The special discussion session whose results this toolkit turns into a tool.",
    )
    audience = fields.Selection(
        [("members", "Members"), ("public", "Public")], required=True, default="members", tracking=True
    )
    version_ids = fields.One2many("hbri.toolkit.version", "toolkit_id", string="Versions")
    version = fields.Char(compute="_compute_current_version", store=True, string="Current Version")
    attachment_ids = fields.Many2many(
        "ir.attachment", compute="_compute_attachment_ids", string="Files of the Current Version"
    )
    is_released = fields.Boolean(string="Released", readonly=True, copy=False, tracking=True)
    date_released = fields.Date(readonly=True, copy=False)
    released_by_id = fields.Many2one("res.users", readonly=True, copy=False)

    def _current_version(self):
        self.ensure_one()
        return self.version_ids.sorted(lambda v: (v.date, v.id))[-1:]

    @api.depends("version_ids.version", "version_ids.date")
    def _compute_current_version(self):
        for toolkit in self:
            toolkit.version = toolkit._current_version().version

    @api.depends("version_ids.date", "version_ids.attachment_ids")
    def _compute_attachment_ids(self):
        for toolkit in self:
            toolkit.attachment_ids = toolkit._current_version().attachment_ids

    @api.constrains("origin_session_id")
    def _check_origin_session_id(self):
        for toolkit in self.filtered("origin_session_id"):
            if toolkit.origin_session_id.kind != "special":
                raise ValidationError(
                    self.env._(
                        "Toolkits come from special discussion sessions; %(session)s is a roundtable session.",
                        session=toolkit.origin_session_id.name,
                    )
                )

    def action_release(self):
        for toolkit in self:
            if not toolkit.attachment_ids:
                raise UserError(
                    self.env._("Add a version with its files before releasing %(name)s.", name=toolkit.name)
                )
        with workflow_write():
            self.write(
                {"is_released": True, "date_released": fields.Date.context_today(self), "released_by_id": self.env.uid}
            )
        return True

    def action_withdraw(self):
        with workflow_write():
            self.write({"is_released": False, "date_released": False, "released_by_id": False})
        return True


class HbriToolkitVersion(models.Model):
    _name = "hbri.toolkit.version"
    _description = "Toolkit Version"
    _order = "date desc, id desc"

    toolkit_id = fields.Many2one("hbri.toolkit", required=True, index=True, ondelete="cascade")
    version = fields.Char(required=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    changes = fields.Text(string="What Changed")
    attachment_ids = fields.Many2many(
        "ir.attachment", "hbri_toolkit_version_attachment_rel", "version_id", "attachment_id", string="Files"
    )

    _version_unique = models.Constraint("UNIQUE (toolkit_id, version)", "This version number is already used.")
