from . import test_hbri_website_library
from . import test_hbri_library_printed
