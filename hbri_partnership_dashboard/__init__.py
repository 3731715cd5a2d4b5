# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import models


def post_init_hook(env):
    env["spreadsheet.dashboard"]._hbri_sync_evaluation_dashboard()
