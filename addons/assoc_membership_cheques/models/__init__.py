from . import account_payment, assoc_membership, res_company
