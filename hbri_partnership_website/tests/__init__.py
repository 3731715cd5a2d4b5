from . import test_hbri_website_library
