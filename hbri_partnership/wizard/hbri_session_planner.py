# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

import pytz
from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_datetime

from odoo.addons.base.models.res_partner import _tz_get

from ..models.hbri_lang import hbri_default_lang, hbri_lang_get


def _quarter_label(day):
    """'2027-Q1': the quarter of a day, as sessions store it."""
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def _local(utc_naive, tz):
    return pytz.utc.localize(utc_naive).astimezone(pytz.timezone(tz or "UTC"))


def _next_quarter_start(today):
    first_month = 3 * ((today.month - 1) // 3) + 1
    return datetime.date(today.year, first_month, 1) + relativedelta(months=3)


class HbriSessionPlanner(models.TransientModel):
    _name = "hbri.session.planner"
    _description = "Plan Quarterly Roundtable Sessions"

    def _default_date_from(self):
        """The first quarter from the next one on that has no roundtable session yet."""
        day = _next_quarter_start(fields.Date.context_today(self))
        taken = set(
            self.env["hbri.roundtable.session"]
            .search([("kind", "=", "roundtable"), ("state", "!=", "cancelled"), ("date_start", ">=", day)])
            .mapped("quarter")
        )
        for _index in range(40):
            if _quarter_label(day) not in taken:
                return day
            day += relativedelta(months=3)
        return day

    date_from = fields.Date(
        string="First Quarter",
        required=True,
        default=_default_date_from,
        help="Any day of the first quarter to plan. It starts at the first quarter without a session.",
    )
    quarter_count = fields.Integer(string="Quarters", required=True, default=4)
    kind = fields.Selection(
        [("roundtable", "Roundtable Session"), ("special", "Special Discussion Session")],
        required=True,
        default="roundtable",
    )
    month_in_quarter = fields.Selection(
        [("1", "First"), ("2", "Second"), ("3", "Third")], string="Month of the Quarter", required=True, default="2"
    )
    weekday = fields.Selection(
        [("0", "Monday"), ("1", "Tuesday"), ("2", "Wednesday"), ("3", "Thursday"), ("4", "Friday")],
        required=True,
        default="1",
    )
    week = fields.Selection(
        [("1", "First"), ("2", "Second"), ("3", "Third"), ("4", "Fourth")],
        string="Week of the Month",
        required=True,
        default="2",
    )
    hour_start = fields.Float(string="Start Time", required=True, default=9.0)
    duration = fields.Float(string="Duration (hours)", required=True, default=3.0)
    tz = fields.Selection(_tz_get, string="Time Zone", required=True, default="Asia/Jakarta")
    language = fields.Selection(hbri_lang_get, required=True, default=hbri_default_lang)
    facilitator_partner_id = fields.Many2one(
        "res.partner", string="Facilitator Organization", domain=[("is_company", "=", True)]
    )
    facilitator_user_ids = fields.Many2many("res.users", string="Facilitators", domain=[("share", "=", False)])
    propose_hosts = fields.Boolean(string="Propose Hosts by Rotation", default=True)
    include_duplicates = fields.Boolean(
        string="Also Plan Quarters That Have a Session",
        help="Quarters that already have a session of this kind are skipped unless you tick this: each gets an "
        "additional session.",
    )
    preview = fields.Html(compute="_compute_preview", sanitize=True)
    duplicate_count = fields.Integer(compute="_compute_preview")

    _quarter_count_positive = models.Constraint(
        "CHECK (quarter_count BETWEEN 1 AND 20)", "Plan between 1 and 20 quarters at once."
    )

    @api.depends(
        "date_from", "quarter_count", "kind", "month_in_quarter", "weekday", "week", "hour_start", "duration", "tz"
    )
    def _compute_preview(self):
        for wizard in self:
            wizard.preview = False
            wizard.duplicate_count = 0
            if not wizard.date_from or not wizard.tz or not 1 <= wizard.quarter_count <= 20:
                continue
            try:
                plan = wizard._get_plan()
            except UserError:
                continue
            rows = []
            for start, _end, existing in plan:
                when = format_datetime(self.env, start, tz=wizard.tz, dt_format="EEEE d MMMM y HH:mm")
                if existing:
                    status = self.env._(
                        "already has %(sessions)s: skipped", sessions=", ".join(existing.mapped("name"))
                    )
                    if wizard.include_duplicates:
                        status = self.env._(
                            "already has %(sessions)s: an additional session",
                            sessions=", ".join(existing.mapped("name")),
                        )
                    rows.append(Markup("<li class='text-warning'>%s — %s</li>") % (when, status))
                else:
                    rows.append(Markup("<li>%s — %s</li>") % (when, self.env._("new session")))
            wizard.duplicate_count = sum(1 for _start, _end, existing in plan if existing)
            wizard.preview = Markup("<ul class='mb-0'>%s</ul>") % Markup().join(rows)

    def _get_plan(self):
        """[(start, end, existing sessions of that kind in that quarter)] for each quarter to plan."""
        self.ensure_one()
        dates = self._session_dates()
        quarters = {_quarter_label(_local(start, self.tz).date()) for start, _end in dates}
        existing = self.env["hbri.roundtable.session"].search(
            [("kind", "=", self.kind), ("quarter", "in", list(quarters)), ("state", "!=", "cancelled")]
        )
        plan = []
        for start, end in dates:
            quarter = _quarter_label(_local(start, self.tz).date())
            plan.append((start, end, existing.filtered(lambda s, q=quarter: s.quarter == q)))
        return plan

    def _session_dates(self):
        """(start, end) in UTC, naive, for each quarter to plan."""
        self.ensure_one()
        if not 0 <= self.hour_start < 24 or self.duration <= 0:
            raise UserError(self.env._("Give a start time between 00:00 and 23:59 and a positive duration."))
        tz = pytz.timezone(self.tz)
        quarter_start = datetime.date(self.date_from.year, 3 * ((self.date_from.month - 1) // 3) + 1, 1)
        dates = []
        for index in range(self.quarter_count):
            month_start = quarter_start + relativedelta(months=3 * index + int(self.month_in_quarter) - 1)
            first_weekday = month_start + relativedelta(days=(int(self.weekday) - month_start.weekday()) % 7)
            day = first_weekday + relativedelta(weeks=int(self.week) - 1)
            local = datetime.datetime.combine(day, datetime.time()) + relativedelta(minutes=round(self.hour_start * 60))
            start = tz.localize(local).astimezone(pytz.utc).replace(tzinfo=None)
            dates.append((start, start + relativedelta(minutes=round(self.duration * 60))))
        return dates

    def action_plan(self):
        self.ensure_one()
        plan = self._get_plan()
        if not self.include_duplicates:
            plan = [(start, end, existing) for start, end, existing in plan if not existing]
        if not plan:
            raise UserError(
                self.env._(
                    "Every quarter you chose already has a session of this kind: nothing was planned. Choose "
                    "later quarters, or tick Also Plan Quarters That Have a Session."
                )
            )
        sessions = self.env["hbri.roundtable.session"].create(
            [
                {
                    "kind": self.kind,
                    "date_start": start,
                    "date_end": end,
                    "tz": self.tz,
                    "language": self.language,
                    "facilitator_partner_id": self.facilitator_partner_id.id,
                    "facilitator_user_ids": [(6, 0, self.facilitator_user_ids.ids)],
                    # a quarter that has a session already: the user asked for another one (the tick above)
                    "is_additional": bool(existing),
                }
                for start, end, existing in plan
            ]
        )
        if self.propose_hosts:
            for session_id, host in sessions._get_host_proposals().items():
                self.env["hbri.roundtable.session"].browse(session_id).host_partner_id = host
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Planned Sessions"),
            "res_model": "hbri.roundtable.session",
            "view_mode": "list,form,calendar",
            "domain": [("id", "in", sessions.ids)],
        }
