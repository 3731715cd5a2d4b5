from . import hbri_membership_withdraw
from . import hbri_session_planner
from . import hbri_session_cancel
from . import hbri_case_study_import_notes
from . import hbri_session_invite
from . import base_partner_merge
from . import hbri_anonymization_review
from . import hbri_annual_report
