# Copyright 2026 HBRI Partnership Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import survey_survey
from . import survey_question
from . import survey_user_input
from . import hbri_session_evaluation
from . import hbri_roundtable_session
from . import hbri_session_attendee
from . import ir_config_parameter
