# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Off-the-record content of the sessions.

These models are readable only by the session's facilitators and the roundtable administrators (model access +
record rules). They have no chatter, no tracking and no activities, their display names carry no content, and
every field pointing at them from a readable model is restricted to the same groups.

A record rule is checked on the record *before* a write: a note moved to another session (``session_id``)
would pass the rule and land with that session's facilitators. The fields that scope who reads a note are
therefore set once, at creation, and never again, whoever writes (administrators included) and whatever the
path (form, RPC, import, copy).
"""

from odoo import api, fields, models
from odoo.exceptions import UserError


class HbriSessionNote(models.Model):
    _name = "hbri.session.note"
    _description = "Session Notes (off-the-record)"
    _inherit = ["hbri.confidential.mixin"]
    _order = "session_id desc, sequence, id"
    _rec_names_search = ["session_id"]
    _hbri_confidential_fields = ("body",)
    _check_company_auto = True

    session_id = fields.Many2one(
        "hbri.roundtable.session", required=True, index=True, ondelete="restrict", check_company=True
    )
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
        check_company=True,
        help="The presentation whose questions and answers these notes keep.",
    )
    body = fields.Html(string="Notes", sanitize=True, sanitize_overridable=False)
    is_attributed = fields.Boolean(
        string="Record Attributions",
        help="Only when the facilitator chooses to: who said what, kept here and nowhere else.",
    )
    attribution_ids = fields.One2many("hbri.session.note.attribution", "note_id", string="Attributions")
    author_id = fields.Many2one("res.users", default=lambda self: self.env.user, readonly=True, copy=False)

    @api.depends("session_id", "kind")
    def _compute_display_name(self):
        # never the content: display names are computed as superuser wherever a link is read
        labels = dict(self._fields["kind"]._description_selection(self.env))
        for note in self:
            note.display_name = self.env._("%(kind)s notes #%(id)s", kind=labels.get(note.kind, ""), id=note.id or "")

    @api.constrains("presentation_id", "session_id")
    def _check_presentation_id(self):
        for note in self.filtered("presentation_id"):
            if note.presentation_id.session_id != note.session_id:
                raise UserError(
                    self.env._(
                        "The presentation %(presentation)s was not given at this session: choose one of its own.",
                        presentation=note.presentation_id.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        notes = super().create(vals_list)
        if not self.env.su:
            # defaults come from the context too (default_author_id): check what was written, not what was sent
            others = notes.filtered(lambda note: note.author_id != self.env.user)
            if others:
                raise UserError(self.env._("Notes are written in your own name: leave the field Author empty."))
        return notes

    def write(self, vals):
        _refuse_changes(self, vals, ("session_id", "company_id", "author_id"))
        return super().write(vals)

    def copy(self, default=None):
        if self:
            raise UserError(self.env._("Off-the-record notes are not copied: write new notes in the session."))
        return super().copy(default)


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

    def write(self, vals):
        _refuse_changes(self, vals, ("note_id", "session_id"))
        return super().write(vals)

    def copy(self, default=None):
        if self:
            raise UserError(self.env._("Attributions are not copied: record them again in the notes."))
        return super().copy(default)


def _refuse_changes(records, vals, field_names, message=None):
    """Refuse a write that would change one of ``field_names`` on any of ``records`` (UserError naming the
    field). Writing the value a record already has is accepted: clients send unchanged values back."""
    for name in field_names:
        if name not in vals:
            continue
        field = records._fields[name]
        for record in records:
            if field.type == "many2one":
                new = vals[name]
                changed = (new.id if isinstance(new, models.BaseModel) else (new or False)) != record[name].id
            else:
                changed = field.convert_to_cache(vals[name], record) != field.convert_to_cache(record[name], record)
            if changed:
                raise UserError(
                    message
                    or records.env._(
                        "%(field)s of %(model)s cannot be changed once set.",
                        field=field._description_string(records.env),
                        model=records._description,
                    )
                )
