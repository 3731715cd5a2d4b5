# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class HbriPresentation(models.Model):
    _name = "hbri.presentation"
    _description = "Roundtable Presentation"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _check_company_auto = True
    _order = "session_id desc, sequence, id"

    name = fields.Char(string="Title", required=True, tracking=True)
    session_id = fields.Many2one(
        "hbri.roundtable.session", required=True, index=True, ondelete="restrict", tracking=True, check_company=True
    )
    session_date = fields.Datetime(related="session_id.date_start", string="Session Date", store=True)
    company_id = fields.Many2one(related="session_id.company_id", store=True, index=True)
    sequence = fields.Integer(string="Order", default=10)
    duration = fields.Integer(string="Duration (minutes)", default=30)
    presenting_partner_ids = fields.Many2many(
        "res.partner",
        "hbri_presentation_partner_rel",
        "presentation_id",
        "partner_id",
        string="Presenting Organizations",
        domain=[("is_company", "=", True)],
        required=True,
    )
    presenter_ids = fields.Many2many(
        "res.partner",
        "hbri_presentation_presenter_rel",
        "presentation_id",
        "partner_id",
        string="Presenters",
        domain="[('parent_id', 'in', presenting_partner_ids)]",
    )
    partnership_id = fields.Many2one(
        "hbri.partnership", string="Partnership Presented", index="btree_not_null", check_company=True
    )
    abstract_formation = fields.Html(string="How It Was Formed", translate=True)
    abstract_implementation = fields.Html(string="How It Was Implemented", translate=True)
    abstract_results = fields.Html(string="What It Achieved", translate=True)
    technical_assistance_ids = fields.One2many("hbri.technical.assistance", "presentation_id")
    technical_assistance_count = fields.Integer(compute="_compute_technical_assistance_count")

    @api.depends("technical_assistance_ids")
    def _compute_technical_assistance_count(self):
        counts = dict(
            self.env["hbri.technical.assistance"]._read_group(
                [("presentation_id", "in", self.ids)], ["presentation_id"], ["__count"]
            )
        )
        for presentation in self:
            presentation.technical_assistance_count = counts.get(presentation, 0)

    @api.constrains("presenting_partner_ids", "session_id")
    def _check_presenting_partner_ids(self):
        for presentation in self:
            if presentation.session_id.kind != "roundtable":
                continue
            day = presentation.session_id.date_start.date()
            for organization in presentation.presenting_partner_ids:
                issue = organization._hbri_member_issue(day)
                if issue:
                    raise ValidationError(
                        self.env._(
                            "%(org)s cannot present at %(session)s, a members-only session: %(issue)s",
                            org=organization.name,
                            session=presentation.session_id.name,
                            issue=issue,
                        )
                    )

    @api.constrains("presenter_ids", "presenting_partner_ids")
    def _check_presenter_ids(self):
        for presentation in self:
            strangers = presentation.presenter_ids.filtered(
                lambda p, orgs=presentation.presenting_partner_ids: p.commercial_partner_id not in orgs
            )
            if strangers:
                raise ValidationError(
                    self.env._(
                        "%(names)s do not belong to a presenting organization: add their organization first.",
                        names=", ".join(strangers.mapped("name")),
                    )
                )

    # ------------------------------------------------------------ CRUD
    def write(self, vals):
        if "presenting_partner_ids" in vals or "session_id" in vals:
            self._hbri_check_case_studies_draft()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_case_study_past_draft(self):
        self._hbri_check_case_studies_draft()

    def _hbri_check_case_studies_draft(self):
        """The presenting organizations of a presentation are those that approve its case study and whose
        representatives read it on the member portal: settled once the case study has left its draft."""
        # sudo: whether such a case study exists, also one the user may not read (a draft with off-the-record
        # notes, which the secretariat does not see); the message names none
        Case = self.env["hbri.case.study"].sudo()
        if self and Case.search_count([("presentation_ids", "in", self.ids), ("state", "!=", "draft")], limit=1):
            raise UserError(
                self.env._(
                    "This presentation has a case study past its draft: its presenting organizations are the ones "
                    "that approve the case study and read it on the member portal, and its session is the case "
                    "study's. Ask the session's facilitator to set the case study back to draft first."
                )
            )

    def action_create_case_study(self):
        """Start a case-study draft from the presentation's public abstract (never from the notes)."""
        self.ensure_one()
        case_study = self.env["hbri.case.study"].create(
            {
                "name": self.name,
                "session_id": self.session_id.id,
                "presentation_ids": [(6, 0, self.ids)],
                "partner_ids": [(6, 0, self.presenting_partner_ids.ids)],
                "partnership_id": self.partnership_id.id,
                "formation": self.abstract_formation,
                "implementation": self.abstract_implementation,
                "results": self.abstract_results,
                "theme_ids": [(6, 0, self.session_id.theme_ids.ids)],
                "print_language": self.session_id.language,
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "hbri.case.study",
            "res_id": case_study.id,
            "view_mode": "form",
        }

    def action_view_technical_assistance(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("hbri_partnership.hbri_technical_assistance_action")
        action["domain"] = [("presentation_id", "=", self.id)]
        action["context"] = {
            "default_presentation_id": self.id,
            "default_partner_id": self.presenting_partner_ids[:1].id,
        }
        return action
