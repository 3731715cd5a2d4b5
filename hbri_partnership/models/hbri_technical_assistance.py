# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

# due date of each kind of assistance, relative to the session of the presentation it serves
DUE_OFFSET_DAYS = {"presentation": -14, "case_study": 30}


class HbriTechnicalAssistance(models.Model):
    _name = "hbri.technical.assistance"
    _description = "Technical Assistance to a Member"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _check_company_auto = True
    _order = "date_due, id desc"

    name = fields.Char(string="Subject", required=True, tracking=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Member",
        required=True,
        index=True,
        domain=[("is_company", "=", True)],
        tracking=True,
    )
    kind = fields.Selection(
        [
            ("presentation", "Presentation Preparation"),
            ("case_study", "Case-Study Writing"),
            ("brokering", "Partnership Brokering"),
        ],
        required=True,
        default="presentation",
        tracking=True,
    )
    presentation_id = fields.Many2one("hbri.presentation", index="btree_not_null", check_company=True)
    session_id = fields.Many2one(related="presentation_id.session_id", string="Session", store=True)
    partnership_id = fields.Many2one("hbri.partnership", index="btree_not_null", check_company=True)
    case_study_id = fields.Many2one("hbri.case.study", index="btree_not_null")
    user_id = fields.Many2one(
        "res.users",
        string="Assigned to",
        default=lambda self: self.env.user,
        domain=[("share", "=", False)],
        tracking=True,
    )
    date_due = fields.Date(
        string="Due Date",
        compute="_compute_date_due",
        store=True,
        readonly=False,
        tracking=True,
        help="Follows the session date: two weeks before it to prepare a presentation, a month after it to "
        "write the case study.",
    )
    hours = fields.Float(help="Hours the secretariat spent.")
    state = fields.Selection(
        [("todo", "To Do"), ("in_progress", "In Progress"), ("done", "Done"), ("cancelled", "Cancelled")],
        default="todo",
        required=True,
        tracking=True,
        group_expand="_group_expand_state",
    )
    description = fields.Html()
    deliverable = fields.Char(help="What the member receives, e.g. reviewed slides or a case-study draft.")
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)

    _hours_positive = models.Constraint("CHECK (hours >= 0)", "Hours cannot be negative.")

    def _group_expand_state(self, states, domain):
        return [key for key, _label in self._fields["state"].selection]

    @api.depends("kind", "presentation_id.session_id.date_start")
    def _compute_date_due(self):
        for assistance in self:
            session_date = assistance.presentation_id.session_id.date_start
            offset = DUE_OFFSET_DAYS.get(assistance.kind)
            if session_date and offset is not None:
                due = session_date.date() + relativedelta(days=offset)
                today = fields.Date.context_today(assistance)
                if due < today:
                    # never born overdue: a week from today, but a presentation is prepared by its session
                    due = today + relativedelta(days=7)
                    if assistance.kind == "presentation":
                        due = max(today, min(due, session_date.date()))
                assistance.date_due = due
            elif not assistance.date_due:
                assistance.date_due = False

    @api.onchange("presentation_id")
    def _onchange_presentation_id(self):
        if self.presentation_id and not self.partner_id:
            self.partner_id = self.presentation_id.presenting_partner_ids[:1]

    def action_start(self):
        self.write({"state": "in_progress"})

    def action_done(self):
        self.write({"state": "done"})

    def action_cancel(self):
        self.write({"state": "cancelled"})
