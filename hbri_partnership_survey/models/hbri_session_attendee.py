# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class HbriSessionAttendee(models.Model):
    _inherit = "hbri.session.attendee"

    evaluation_ids = fields.One2many(
        "hbri.session.evaluation", "attendee_id", string="Evaluation Invitations", groups="base.group_system"
    )

    @api.model_create_multi
    def create(self, vals_list):
        attendees = super().create(vals_list)
        attendees.filtered(lambda a: a.state == "attended").session_id._send_evaluations()
        return attendees

    def write(self, vals):
        res = super().write(vals)
        if vals.get("state") == "attended":
            # attendance is marked after the session is held: each attendee is invited when marked
            self.session_id._send_evaluations()
        return res

    def _send_evaluation(self):
        """Create an anonymous answer of the session's evaluation for each attendee, and e-mail its link."""
        Evaluation = self.env["hbri.session.evaluation"].sudo()
        # tracking_disable: an answer is a mail.thread; created in the chatter's way, each would cost a query
        # (auto-subscription), make whoever marked attendance a follower of every anonymous answer and log a
        # "created" message on each (500 attendees: about 500 queries and 500 messages). Nobody reads them.
        UserInput = self.env["survey.user_input"].sudo().with_context(tracking_disable=True)
        vals_list = []
        for survey, attendees in self.sudo().grouped(lambda a: a.session_id.evaluation_survey_id).items():
            if not survey.active:
                continue
            # no user, partner nor e-mail: the answer is anonymous; the invitation alone knows whose it is
            user_inputs = UserInput.create(
                [{"survey_id": survey.id, "invite_token": UserInput._generate_invite_token()} for _a in attendees]
            )
            vals_list += [
                {
                    "session_id": attendee.session_id.id,
                    "attendee_id": attendee.id,
                    "user_input_id": user_input.id,
                    "date_sent": fields.Datetime.now(),
                }
                for attendee, user_input in zip(attendees, user_inputs, strict=True)
            ]
        evaluations = Evaluation.create(vals_list)
        evaluations._send("hbri_partnership_survey.mail_template_hbri_evaluation_invitation")
        return evaluations
