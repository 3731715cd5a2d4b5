# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.exceptions import UserError


class HbriCaseStudyImportNotes(models.TransientModel):
    _name = "hbri.case.study.import.notes"
    _description = "Import Off-the-record Notes into a Case Study"

    case_study_id = fields.Many2one("hbri.case.study", required=True, ondelete="cascade")
    session_id = fields.Many2one(related="case_study_id.session_id")
    note_ids = fields.Many2many(
        "hbri.session.note",
        string="Notes to Import",
        domain="[('session_id', '=', session_id)]",
        groups="hbri_partnership.hbri_partnership_group_facilitator",
    )
    section = fields.Selection(
        [
            ("background", "Background"),
            ("formation", "How the Partnership Formed"),
            ("implementation", "How It Was Implemented"),
            ("results", "Results and Evidence"),
            ("challenges", "Challenges"),
            ("lessons", "Lessons and Success Factors"),
        ],
        required=True,
        default="lessons",
    )
    confirm = fields.Boolean(
        string="I take responsibility for this import",
        help="The case study then stays readable by facilitators and administrators only until it is approved.",
    )

    def action_import(self):
        self.ensure_one()
        case_study = self.case_study_id
        if self.env.user not in case_study.session_id.facilitator_user_ids and not self.env.user.has_group(
            "hbri_partnership.hbri_partnership_group_manager"
        ):
            raise UserError(self.env._("Only the session's facilitators can import off-the-record notes."))
        if not self.confirm:
            raise UserError(self.env._("Tick the confirmation: importing notes is logged in your name."))
        notes = self.note_ids
        if not notes:
            raise UserError(self.env._("Choose the notes to import."))
        notes.check_access("read")  # the session's facilitators and administrators only
        if notes.session_id != case_study.session_id:
            raise UserError(self.env._("Import notes of the case study's own session only."))
        case_study._hbri_import_notes(self.section, notes)
        # the log names who, how many and where: never what
        case_study.message_post(
            body=self.env._(
                "%(user)s imported %(count)s off-the-record note(s) into the section %(section)s. The case study "
                "is readable by facilitators and administrators only until it is approved.",
                user=self.env.user.name,
                count=len(notes),
                section=dict(self._fields["section"]._description_selection(self.env))[self.section],
            )
        )
        return {"type": "ir.actions.act_window_close"}
