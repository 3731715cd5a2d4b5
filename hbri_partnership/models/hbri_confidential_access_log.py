# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import SQL


class HbriConfidentialAccessLog(models.Model):
    """Who opened which off-the-record record, on which day, how many times.

    Written by the system only (one SQL upsert per read, see ``hbri.confidential.mixin``), readable by the
    roundtable administrators only; nobody creates, changes or deletes a row through the ORM.
    """

    _name = "hbri.confidential.access.log"
    _description = "Off-the-record Access Log"
    _order = "day desc, id desc"
    _log_access = False

    user_id = fields.Many2one("res.users", required=True, readonly=True, ondelete="cascade")
    res_model = fields.Char(string="Model", required=True, readonly=True)
    res_id = fields.Integer(string="Record ID", required=True, readonly=True)
    session_id = fields.Many2one("hbri.roundtable.session", readonly=True, ondelete="set null")
    company_id = fields.Many2one("res.company", readonly=True, ondelete="cascade")
    day = fields.Date(required=True, readonly=True)
    count = fields.Integer(string="Reads", required=True, default=1, readonly=True)
    last_date = fields.Datetime(string="Last Read", readonly=True)

    _one_row_per_day = models.UniqueIndex(
        "(user_id, res_model, res_id, day)", "One row per user, record and day: reads are counted in it."
    )

    @api.depends("res_model", "res_id")
    def _compute_display_name(self):
        for log in self:
            log.display_name = f"{log.res_model},{log.res_id}"

    @api.model_create_multi
    def create(self, vals_list):
        if vals_list:
            raise AccessError(self.env._("The off-the-record access log is written by the system only."))
        return super().create(vals_list)

    def write(self, vals):
        if self:
            raise AccessError(self.env._("The off-the-record access log is written by the system only."))
        return super().write(vals)

    def copy(self, default=None):
        if self:
            raise AccessError(self.env._("The off-the-record access log is written by the system only."))
        return super().copy(default)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise AccessError(self.env._("The off-the-record access log is written by the system only."))

    @api.model
    def _log_access(self, records):
        """Count one read of ``records`` by the current user today: a single INSERT … ON CONFLICT."""
        if not records.ids:
            return
        sessions = records._hbri_access_log_sessions()
        companies = {}
        if "company_id" in records._fields:
            companies = {record.id: record.company_id.id for record in records}
        ids = records.ids
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO hbri_confidential_access_log
                       (user_id, res_model, res_id, session_id, company_id, day, count, last_date)
                SELECT %(uid)s, %(model)s, v.res_id, v.session_id, v.company_id,
                       (now() AT TIME ZONE 'UTC')::date, 1, now() AT TIME ZONE 'UTC'
                  FROM unnest(%(ids)s::int[], %(sessions)s::int[], %(companies)s::int[])
                       AS v(res_id, session_id, company_id)
                ON CONFLICT (user_id, res_model, res_id, day)
                DO UPDATE SET count = hbri_confidential_access_log.count + 1, last_date = EXCLUDED.last_date
                """,
                uid=self.env.uid,
                model=records._name,
                ids=ids,
                sessions=[sessions.get(i) for i in ids],
                companies=[companies.get(i) for i in ids],
            )
        )
