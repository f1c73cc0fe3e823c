from . import assoc_membership_payment_wizard, mail_compose_message
