# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

EVALUATED_ROLES = ("member", "presenter", "guest")
EVALUATION_TOTALS = (
    "evaluation_invited_count",
    "evaluation_answered_count",
    "evaluation_usefulness_avg",
    "evaluation_present_count",
    "evaluation_host_count",
    "evaluation_is_shown",
)
# the system parameter holding the fewest answers a session needs before its figures are shown to staff
MIN_ANSWERS_PARAM = "hbri_partnership_survey.evaluation_min_answers"
MIN_ANSWERS_DEFAULT = 3
# the scheduled job that sends the evaluations owed (the click that marks attendance only queues them)
EVALUATION_JOB = "hbri_partnership_survey.ir_cron_hbri_evaluation_send"


class HbriRoundtableSession(models.Model):
    _inherit = "hbri.roundtable.session"

    def _default_evaluation_survey_id(self):
        survey = self.env.ref("hbri_partnership_survey.survey_hbri_session_evaluation", raise_if_not_found=False)
        return survey if survey and survey.sudo().active else False

    evaluation_survey_id = fields.Many2one(
        "survey.survey",
        default=_default_evaluation_survey_id,
        domain=[("hbri_is_evaluation", "=", True)],
        copy=True,
        groups="base.group_user",
        help="Sent, anonymous, to the members who attended once the session is held. Leave empty for no evaluation.",
    )
    # the survey and its totals: internal users only (with a few attendees, totals read after each answer would
    # tell a member how another one answered); who was invited and who answered: system administrators only
    evaluation_ids = fields.One2many(
        "hbri.session.evaluation", "session_id", string="Evaluation Invitations", groups="base.group_system"
    )
    evaluation_invited_count = fields.Integer(
        string="Evaluations Sent",
        compute="_compute_evaluation_totals",
        store=True,
        aggregator="sum",
        groups="base.group_user",
    )
    evaluation_answered_count = fields.Integer(
        string="Evaluations Answered",
        compute="_compute_evaluation_totals",
        store=True,
        aggregator="sum",
        groups="base.group_user",
    )
    evaluation_usefulness_avg = fields.Float(
        string="Average Usefulness",
        digits=(3, 2),
        compute="_compute_evaluation_totals",
        store=True,
        aggregator="avg",
        groups="base.group_user",
        help="Average of the usefulness scores (1 to 5) of the answered evaluations.",
    )
    evaluation_present_count = fields.Integer(
        string="Willing to Present",
        compute="_compute_evaluation_totals",
        store=True,
        aggregator="sum",
        groups="base.group_user",
    )
    evaluation_host_count = fields.Integer(
        string="Willing to Host",
        compute="_compute_evaluation_totals",
        store=True,
        aggregator="sum",
        groups="base.group_user",
    )

    evaluation_is_shown = fields.Boolean(
        string="Enough Answers",
        compute="_compute_evaluation_totals",
        store=True,
        groups="base.group_user",
        help="The session has the minimum number of answers (system parameter "
        "hbri_partnership_survey.evaluation_min_answers, 3 by default) for its figures to be shown. Below it the "
        "average and the counts of those willing to present or host stay hidden: in a small off-the-record "
        "session they would tell who answered what.",
    )
    evaluation_queued_count = fields.Integer(
        string="Evaluations Queued",
        compute="_compute_evaluation_queued_count",
        groups="base.group_user",
        help="Attendees whose evaluation is still to be sent: the scheduled job sends them within minutes of the "
        "attendance being marked.",
    )
    evaluation_hidden_reason = fields.Char(
        string="Evaluation Figures", compute="_compute_evaluation_hidden_reason", groups="base.group_user"
    )

    @api.model
    def _get_evaluation_min_answers(self):
        """The fewest answers a session needs before its evaluation figures are shown (at least 1)."""
        # sudo: a setting, read by whoever reads the totals; only administrators change it
        value = self.env["ir.config_parameter"].sudo().get_param(MIN_ANSWERS_PARAM)
        try:
            return max(1, int(value)) if value else MIN_ANSWERS_DEFAULT
        except ValueError:
            return MIN_ANSWERS_DEFAULT

    @api.depends("evaluation_ids.is_answered")
    def _compute_evaluation_totals(self):
        minimum = self._get_evaluation_min_answers()
        for session in self:
            # sudo: totals only; nothing here tells who answered what
            evaluations = session.sudo().evaluation_ids
            inputs = evaluations.filtered("is_answered").user_input_id
            lines = inputs.user_input_line_ids.filtered(lambda line: not line.skipped)
            scores = lines.filtered(
                lambda line: line.question_id.hbri_evaluation_key == "usefulness" and line.answer_type == "scale"
            ).mapped("value_scale")
            chosen = lines.filtered("suggested_answer_id.hbri_evaluation_key")
            session.evaluation_invited_count = len(evaluations)
            session.evaluation_answered_count = len(inputs)
            # too few answers: the figures are not stored at all, so that no view, pivot, export nor dashboard
            # can show them (with one answer, the "average" is that member's answer)
            shown = len(inputs) >= minimum
            session.evaluation_is_shown = shown
            session.evaluation_usefulness_avg = sum(scores) / len(scores) if scores and shown else 0.0
            present = chosen.filtered(lambda line: line.suggested_answer_id.hbri_evaluation_key == "present")
            host = chosen.filtered(lambda line: line.suggested_answer_id.hbri_evaluation_key == "host")
            session.evaluation_present_count = len(present.user_input_id) if shown else 0
            session.evaluation_host_count = len(host.user_input_id) if shown else 0

    @api.depends("attendee_ids.evaluation_pending")
    def _compute_evaluation_queued_count(self):
        # sudo: a count of the attendees queued, nothing about their answers
        groups = (
            self.env["hbri.session.attendee"]
            .sudo()
            ._read_group(
                [("session_id", "in", self.ids), ("evaluation_pending", "=", True)], ["session_id"], ["__count"]
            )
        )
        counts = {session.id: count for session, count in groups}
        for session in self:
            session.evaluation_queued_count = counts.get(session.id, 0)

    @api.depends("evaluation_answered_count", "evaluation_is_shown")
    def _compute_evaluation_hidden_reason(self):
        minimum = self._get_evaluation_min_answers()
        for session in self:
            session.evaluation_hidden_reason = (
                self.env._(
                    "Fewer than %(minimum)s answers: the figures stay hidden so that no answer can be told apart.",
                    minimum=minimum,
                )
                if session.evaluation_answered_count and not session.evaluation_is_shown
                else False
            )

    @api.constrains("evaluation_survey_id")
    def _check_evaluation_survey_id(self):
        for session in self.filtered("evaluation_survey_id"):
            if not session.evaluation_survey_id.sudo().hbri_is_evaluation:
                raise ValidationError(
                    self.env._(
                        "%(survey)s is not a session evaluation: choose a survey marked as a roundtable session "
                        "evaluation (its answers are anonymous), or none.",
                        survey=session.evaluation_survey_id.sudo().display_name,
                    )
                )

    def write(self, vals):
        if set(EVALUATION_TOTALS) & set(vals) and not self.env.su:
            raise UserError(self.env._("The evaluation totals are computed from the answers: they cannot be edited."))
        res = super().write(vals)
        if {"state", "evaluation_survey_id"} & set(vals):
            # held: those already marked as attended are owed the evaluation (the others when their attendance is
            # marked); back to planned or invited: nobody is, until the session is held again
            # sudo: every attendee of the session, whoever writes it (the queue is the system's bookkeeping)
            self.sudo().attendee_ids._queue_evaluations()
        return res

    def action_send_evaluation_reminders(self):
        """Remind, once, the attendees who have not answered the evaluation yet."""
        self.ensure_one()
        self.check_access("write")
        if self.state not in ("held", "closed"):
            raise UserError(self.env._("Evaluations are sent once the session is held."))
        # sudo: the invitations are hidden from the roundtable's users; the check above is the gate
        reminded = self.sudo().evaluation_ids._send_reminders()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success" if reminded else "info",
                "message": self.env._("%(count)s reminder(s) sent.", count=len(reminded)),
                "sticky": False,
            },
        }

    @api.model
    def _recompute_evaluation_totals(self):
        """Recompute the stored totals of every evaluated session (after the minimum number of answers changed)."""
        sessions = self.sudo().with_context(active_test=False).search([("evaluation_invited_count", ">", 0)])
        for name in EVALUATION_TOTALS:
            self.env.add_to_compute(self._fields[name], sessions)
        sessions.flush_recordset(list(EVALUATION_TOTALS))

    def _send_evaluations(self):
        """Invite now every attendee owed the evaluation (the demo data's way; attendance marked in the
        interface is invited by the scheduled job)."""
        return self.env["hbri.session.evaluation"].sudo()._send_queued(self.sudo().attendee_ids)
