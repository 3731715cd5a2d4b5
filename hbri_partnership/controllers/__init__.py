from . import rsvp
from . import xlsx
from . import portal
