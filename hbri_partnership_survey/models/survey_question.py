# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class SurveyQuestion(models.Model):
    _inherit = "survey.question"

    hbri_evaluation_key = fields.Selection(
        [("usefulness", "Usefulness score"), ("next_topics", "Topics for next sessions")],
        string="Counts in the Session Evaluation as",
        help="What the roundtable's totals read from this question: the usefulness score is averaged per session.",
    )


class SurveyQuestionAnswer(models.Model):
    _inherit = "survey.question.answer"

    hbri_evaluation_key = fields.Selection(
        [("present", "Willing to present"), ("host", "Willing to host")],
        string="Counts in the Session Evaluation as",
        help="Answers chosen with this option are counted per session (willing to present, willing to host).",
    )
