# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Off-the-record content of the sessions.

These models are readable only by the session's facilitators and the roundtable administrators (model access +
record rules). They have no chatter, no tracking and no activities, their display names carry no content, and
every field pointing at them from a readable model is restricted to the same groups.
"""

from odoo import api, fields, models


class HbriSessionNote(models.Model):
    _name = "hbri.session.note"
    _description = "Session Notes (off-the-record)"
    _order = "session_id desc, sequence, id"
    _rec_names_search = ["session_id"]

    session_id = fields.Many2one("hbri.roundtable.session", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="session_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    kind = fields.Selection(
        [("discussion", "Discussion"), ("qa", "Questions and Answers"), ("action_points", "Action Points")],
        required=True,
        default="discussion",
    )
    presentation_id = fields.Many2one(
        "hbri.presentation",
        domain="[('session_id', '=', session_id)]",
        help="The presentation whose questions and answers these notes keep.",
    )
    body = fields.Html(string="Notes", sanitize=True, sanitize_overridable=False)
    is_attributed = fields.Boolean(
        string="Record Attributions",
        help="Only when the facilitator chooses to: who said what, kept here and nowhere else.",
    )
    attribution_ids = fields.One2many("hbri.session.note.attribution", "note_id", string="Attributions")
    author_id = fields.Many2one("res.users", default=lambda self: self.env.user, readonly=True)

    @api.depends("session_id", "kind")
    def _compute_display_name(self):
        # never the content: display names are computed as superuser wherever a link is read
        labels = dict(self._fields["kind"]._description_selection(self.env))
        for note in self:
            note.display_name = self.env._("%(kind)s notes #%(id)s", kind=labels.get(note.kind, ""), id=note.id or "")


class HbriSessionNoteAttribution(models.Model):
    _name = "hbri.session.note.attribution"
    _description = "Attribution in Session Notes (off-the-record)"
    _order = "note_id, sequence, id"
    _rec_names_search = ["session_id"]

    note_id = fields.Many2one("hbri.session.note", required=True, index=True, ondelete="cascade")
    session_id = fields.Many2one(related="note_id.session_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    partner_id = fields.Many2one("res.partner", string="Speaker", required=True)
    statement = fields.Text(required=True)

    @api.depends("note_id")
    def _compute_display_name(self):
        for attribution in self:
            attribution.display_name = self.env._("Attribution #%(id)s", id=attribution.id or "")


class HbriSessionSummary(models.Model):
    _name = "hbri.session.summary"
    _description = "Session Summary"
    _order = "session_id desc, id desc"
    _rec_names_search = ["session_id"]

    session_id = fields.Many2one("hbri.roundtable.session", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="session_id.company_id", store=True, index=True)
    body = fields.Html(
        string="Summary",
        sanitize=True,
        sanitize_overridable=False,
        help="A non-attributed summary of the session for the members: nobody is named.",
    )
    state = fields.Selection(
        [("draft", "Draft"), ("released", "Released")], default="draft", required=True, readonly=True, index=True
    )
    released_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    date_released = fields.Datetime(readonly=True, copy=False)

    @api.depends("session_id", "state")
    def _compute_display_name(self):
        for summary in self:
            summary.display_name = self.env._("Summary of %(session)s", session=summary.session_id.name or "")

    def action_release(self):
        """Release to staff and members; recorded who and when. Only the session's facilitators (record rules
        on write) and administrators can."""
        self.check_access("write")
        self.write({"state": "released", "released_by_id": self.env.uid, "date_released": fields.Datetime.now()})
        return True

    def action_withdraw(self):
        self.check_access("write")
        self.write({"state": "draft", "released_by_id": False, "date_released": False})
        return True
