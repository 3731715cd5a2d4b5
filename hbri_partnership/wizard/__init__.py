from . import hbri_membership_withdraw
