from . import consent, portal
