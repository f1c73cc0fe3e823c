from . import res_partner
from . import assoc_membership
from . import assoc_donation
