# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


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
