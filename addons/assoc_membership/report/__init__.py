from . import membership_attestation, membership_card
