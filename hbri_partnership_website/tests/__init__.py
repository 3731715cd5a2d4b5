from . import test_hbri_website_library
from . import test_hbri_library_printed
from . import test_hbri_library_page_kept
from . import test_hbri_library_approved_text
