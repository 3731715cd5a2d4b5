from . import hbri_sector
from . import hbri_guideline
from . import hbri_membership
from . import hbri_membership_contribution
from . import hbri_consultation_tag
from . import hbri_consultation
from . import res_partner
