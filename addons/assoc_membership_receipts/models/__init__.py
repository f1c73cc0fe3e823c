from . import assoc_donation, assoc_membership, res_partner
