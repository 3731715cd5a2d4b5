# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class CalendarEvent(models.Model):
    _inherit = "calendar.event"

    hbri_partnership_ids = fields.Many2many(
        "hbri.partnership",
        "hbri_partnership_meeting_rel",
        "event_id",
        "partnership_id",
        string="Partnerships",
        # not copied: duplicating an event, or making it recurrent (which copies it), must work for every user
        # of the calendar, including those who cannot read partnerships
        copy=False,
    )
