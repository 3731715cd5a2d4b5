# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class SurveySurvey(models.Model):
    _inherit = "survey.survey"

    hbri_is_evaluation = fields.Boolean(
        string="Roundtable Session Evaluation",
        help="Sent to the attendees of a roundtable session once it is held. Its answers are anonymous: they "
        "keep no contact, e-mail, nickname nor author, so that nobody can tell who answered what.",
    )

    @api.constrains("hbri_is_evaluation", "access_mode", "users_login_required", "certification", "survey_type")
    def _check_hbri_is_evaluation(self):
        for survey in self.filtered("hbri_is_evaluation"):
            if survey.access_mode != "token" or survey.users_login_required or survey.certification:
                raise ValidationError(
                    self.env._(
                        "The session evaluation %(survey)s must be answered through its invitation link only "
                        "(access: invited people only, no login required, no certification): its answers are "
                        "anonymous.",
                        survey=survey.display_name,
                    )
                )

    def write(self, vals):
        if "hbri_is_evaluation" in vals and not vals["hbri_is_evaluation"]:
            # sudo: whether any invitation uses these surveys, not who was invited
            used = (
                self.env["hbri.session.evaluation"]
                .sudo()
                .search_count([("user_input_id.survey_id", "in", self.ids)], limit=1)
            )
            if used:
                raise UserError(
                    self.env._(
                        "This survey was sent as a session evaluation: it stays one, so that its answers stay "
                        "anonymous. Archive it and create another survey instead."
                    )
                )
        return super().write(vals)
