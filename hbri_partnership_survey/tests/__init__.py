# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import test_hbri_survey_evaluation
from . import test_hbri_survey_pages
from . import test_hbri_survey_portal
from . import test_hbri_survey_min_answers
from . import test_hbri_survey_lang
from . import test_hbri_survey_annual_report
from . import test_hbri_survey_migration
from . import test_hbri_survey_mark_attendance
from . import test_hbri_survey_evaluation_job
from . import test_hbri_survey_portal_layout
