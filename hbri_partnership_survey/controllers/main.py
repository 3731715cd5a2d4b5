# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.http import request

from odoo.addons.hbri_partnership.controllers.portal import HbriMemberPortal
from odoo.addons.survey.controllers.main import Survey


class HbriEvaluationSurvey(Survey):
    def _check_validity(self, survey_sudo, answer_sudo, answer_token, ensure_token=True, check_partner=True):
        # An evaluation answer names nobody (it is anonymous): Survey would refuse it to a logged-in member
        # because its contact is not theirs. The answer token of the invitation is the credential.
        if survey_sudo and survey_sudo.hbri_is_evaluation and answer_sudo and answer_token:
            check_partner = False
        return super()._check_validity(
            survey_sudo, answer_sudo, answer_token, ensure_token=ensure_token, check_partner=check_partner
        )


class HbriEvaluationPortal(HbriMemberPortal):
    def _hbri_page_values(self, organization, **kwargs):
        values = super()._hbri_page_values(organization, **kwargs)
        # sudo: the user's own attendee rows of past sessions (record rules searched them in the parent) and
        # their own open invitations, for the link only; only those who attended are invited
        attended = values["past"].filtered(lambda a: a.state == "attended")
        evaluations = (
            request.env["hbri.session.evaluation"]
            .sudo()
            .search([("attendee_id", "in", attended.ids), ("is_answered", "=", False)], order="id")
        )
        values["evaluation_urls"] = {e.attendee_id.id: e._get_survey_url() for e in evaluations}
        return values
