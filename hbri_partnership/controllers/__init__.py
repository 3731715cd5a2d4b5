from . import rsvp
