from . import test_hbri_install
from . import test_hbri_sector
from . import test_hbri_membership
from . import test_hbri_membership_cron
from . import test_hbri_consultation
from . import test_hbri_member_security
