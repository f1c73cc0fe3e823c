from . import account_payment, assoc_donation
