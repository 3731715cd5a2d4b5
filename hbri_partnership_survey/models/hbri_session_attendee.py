# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.tools.translate import LazyTranslate

from odoo.addons.hbri_partnership.models.hbri_session_attendee import ACTION_FIELDS
from odoo.addons.hbri_partnership.models.hbri_workflow_mixin import workflow_write

from .hbri_roundtable_session import EVALUATED_ROLES, EVALUATION_JOB

_lt = LazyTranslate(__name__)


class HbriSessionAttendee(models.Model):
    _inherit = "hbri.session.attendee"
    _hbri_action_fields = {
        **ACTION_FIELDS,
        "evaluation_pending": _lt(
            "it is recorded by the system when attendance is marked, and cleared once the evaluation is sent"
        ),
    }

    evaluation_ids = fields.One2many(
        "hbri.session.evaluation", "attendee_id", string="Evaluation Invitations", groups="base.group_system"
    )
    # set in the click that marks attendance (cheap), cleared by the scheduled job that creates the anonymous
    # answer and queues the e-mail (costly): marking 500 attendees does not render 500 e-mails
    evaluation_pending = fields.Boolean(
        string="Evaluation Queued",
        readonly=True,
        copy=False,
        groups="base.group_user",
        help="The attendee is owed the session's evaluation: the scheduled job sends it within minutes.",
    )

    # the job looks for the queued attendees only: a partial index stays as small as the queue
    _evaluation_pending_idx = models.Index("(id) WHERE evaluation_pending IS TRUE")

    @api.model_create_multi
    def create(self, vals_list):
        attendees = super().create(vals_list)
        attendees.filtered(lambda a: a.state == "attended")._queue_evaluations()
        return attendees

    def write(self, vals):
        res = super().write(vals)
        if {"state", "role"} & set(vals):
            # attended: owed the evaluation; no longer attended (a correction): not owed any more
            self._queue_evaluations()
        return res

    def _is_owed_evaluation(self):
        """Whether this attendee is owed the evaluation now: attended (as a member, presenter or guest) a session
        held, with an active evaluation survey, and was never invited (an attendee is invited once)."""
        self.ensure_one()
        session = self.session_id
        # sudo: the survey's state and the invitations are hidden from the roundtable's users; nothing is shown
        return bool(
            self.state == "attended"
            and self.role in EVALUATED_ROLES
            and session.state in ("held", "closed")
            and session.sudo().evaluation_survey_id.active
            and not self.sudo().evaluation_ids
        )

    def _queue_evaluations(self):
        """Queue (or unqueue) these attendees' evaluations to what they are owed now, and wake the job when one was
        queued. A few queries for any number of attendees: the click that marks attendance stays fast."""
        if not self:
            return
        # sudo: the marker is the system's bookkeeping (it tells nothing of an answer); the write below is the
        # module's own, through workflow_write()
        attendees = self.sudo()
        owed = attendees.filtered(lambda a: a._is_owed_evaluation())
        to_queue = owed.filtered(lambda a: not a.evaluation_pending)
        to_unqueue = (attendees - owed).filtered("evaluation_pending")
        with workflow_write():
            to_queue.write({"evaluation_pending": True})
            to_unqueue.write({"evaluation_pending": False})
        if to_queue:
            self.env.ref(EVALUATION_JOB).sudo()._trigger()

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
