# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import SUPERUSER_ID, api, models


class SurveyUserInput(models.Model):
    _inherit = "survey.user_input"

    @api.model_create_multi
    def create(self, vals_list):
        inputs = super().create(vals_list)
        inputs._hbri_anonymize()
        return inputs

    def write(self, vals):
        res = super().write(vals)
        self._hbri_anonymize()
        return res

    def _hbri_anonymize(self):
        """Evaluation answers keep nothing that names the person who gave them.

        Survey fills the contact, e-mail and nickname of a logged-in respondent, and the ORM stamps who
        created and last wrote the answer: the answer of a member logged in to the portal would name them. The
        secretariat reads answers (and manages surveys), so these columns are emptied, and the authors set to
        the superuser, whatever path wrote them (survey's pages run as the respondent with sudo).
        """
        evaluations = self.sudo().filtered(lambda i: i.survey_id.hbri_is_evaluation)
        if not evaluations:
            return
        evaluations.flush_recordset()
        # SQL: the ORM would stamp write_uid with the current user again
        self.env.cr.execute(
            """
            UPDATE survey_user_input
               SET partner_id = NULL, email = NULL, nickname = NULL, create_uid = %s, write_uid = %s
             WHERE id IN %s
            """,
            (SUPERUSER_ID, SUPERUSER_ID, tuple(evaluations.ids)),
        )
        evaluations.invalidate_recordset(["partner_id", "email", "nickname", "create_uid", "write_uid"])

    def _notify_new_participation_subscribers(self):
        # Survey posts "<participant> just participated" authored by the respondent: not for evaluations
        others = self.filtered(lambda i: not i.sudo().survey_id.hbri_is_evaluation)
        return super(SurveyUserInput, others)._notify_new_participation_subscribers()


class SurveyUserInputLine(models.Model):
    _inherit = "survey.user_input.line"

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines._hbri_anonymize()
        return lines

    def write(self, vals):
        res = super().write(vals)
        self._hbri_anonymize()
        return res

    def _hbri_anonymize(self):
        """The lines of an evaluation answer do not name their author either (see survey.user_input)."""
        lines = self.sudo().filtered(lambda line: line.survey_id.hbri_is_evaluation)
        if not lines:
            return
        lines.flush_recordset()
        self.env.cr.execute(
            "UPDATE survey_user_input_line SET create_uid = %s, write_uid = %s WHERE id IN %s",
            (SUPERUSER_ID, SUPERUSER_ID, tuple(lines.ids)),
        )
        lines.invalidate_recordset(["create_uid", "write_uid"])
