from . import rsvp
from . import xlsx
