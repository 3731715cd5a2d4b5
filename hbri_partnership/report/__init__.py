from . import ir_actions_report
from . import hbri_session_reports
from . import hbri_case_study_report
from . import hbri_annual_report
