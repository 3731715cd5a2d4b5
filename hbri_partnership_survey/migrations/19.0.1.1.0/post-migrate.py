# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""19.0.1.1.0: the evaluation survey and its two e-mails as a fresh install of this release sets them.

The survey and the invitation/reminder templates are `noupdate` data (the secretariat may edit them), so
updating the module never rewrites them: a database that installed an earlier release kept the survey offered
in the one language the module was installed in (Survey's default then) and the e-mails written in the
session's language, while a fresh install offers the survey in every installed language and writes each e-mail
in the attendee's. Each record is brought to the fresh install's value only while it still holds what the
earlier release shipped; what the secretariat changed is left as it is, with one INFO line saying so.

The templates' subject and body are the same in both releases (only the language they render in changed), so
a secretariat's wording stays whatever happens to the language.
"""

import logging

from odoo import SUPERUSER_ID, api

_logger = logging.getLogger(__name__)

SURVEY = "hbri_partnership_survey.survey_hbri_session_evaluation"
PREVIOUS_LANG = "{{ object.session_id._get_mail_lang() }}"  # the session's language
CURRENT_LANG = "{{ object._get_lang() }}"  # the attendee's language (hbri.session.evaluation._get_lang)
# each template's fields this release changed: {field: (what the earlier release shipped, what is shipped now)}
TEMPLATES = {
    "hbri_partnership_survey.mail_template_hbri_evaluation_invitation": {"lang": (PREVIOUS_LANG, CURRENT_LANG)},
    "hbri_partnership_survey.mail_template_hbri_evaluation_reminder": {"lang": (PREVIOUS_LANG, CURRENT_LANG)},
}


def offer_survey_in_every_language(env):
    """Empty the evaluation survey's languages (every installed language) when it holds the single language
    Survey set when the earlier release was installed; several languages were chosen by someone: kept."""
    survey = env.ref(SURVEY, raise_if_not_found=False)
    if not survey or not survey.lang_ids:
        return
    if len(survey.lang_ids) > 1:
        _logger.info(
            "survey %s (%s): left as edited, offered in %s",
            survey.id,
            SURVEY,
            ", ".join(sorted(survey.lang_ids.mapped("code"))),
        )
        return
    previous = survey.lang_ids.code
    survey.lang_ids = False
    _logger.info("survey %s (%s): offered in every installed language (was %s only)", survey.id, SURVEY, previous)


def render_in_attendee_language(env):
    """Give each evaluation template this release's values where it still holds the earlier release's."""
    for xmlid, changes in TEMPLATES.items():
        template = env.ref(xmlid, raise_if_not_found=False)
        if not template:
            continue
        if all(template[name] == new for name, (_old, new) in changes.items()):
            continue  # installed with this release, or already brought to it
        if any(template[name] not in (old, new) for name, (old, new) in changes.items()):
            edited = [name for name, (old, new) in changes.items() if template[name] not in (old, new)]
            _logger.info(
                "mail.template %s (%s): left as edited (%s changed by hand); it renders as it is set",
                template.id,
                xmlid,
                ", ".join(edited),
            )
            continue
        template.write({name: new for name, (_old, new) in changes.items()})
        _logger.info("mail.template %s (%s): renders in the attendee's language", template.id, xmlid)


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    offer_survey_in_every_language(env)
    render_in_attendee_language(env)
