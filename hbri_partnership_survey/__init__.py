# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import controllers
from . import models
from . import wizard


def _sync_dashboard(env, installed):
    # the roundtable dashboard (if installed) shows the evaluation totals only while this addon is installed
    if "spreadsheet.dashboard" in env and hasattr(env["spreadsheet.dashboard"], "_hbri_sync_evaluation_dashboard"):
        env["spreadsheet.dashboard"]._hbri_sync_evaluation_dashboard(installed=installed)


def post_init_hook(env):
    # sessions still to come are evaluated once held (the column's default could not see the survey yet)
    survey = env.ref("hbri_partnership_survey.survey_hbri_session_evaluation")
    sessions = env["hbri.roundtable.session"].search(
        [("state", "in", ("planned", "invited")), ("evaluation_survey_id", "=", False)]
    )
    sessions.write({"evaluation_survey_id": survey.id})
    _sync_dashboard(env, True)


def uninstall_hook(env):
    _sync_dashboard(env, False)
