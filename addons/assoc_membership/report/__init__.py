from . import membership_attestation
from . import membership_card
