from . import assoc_membership_payment_wizard
