from . import res_partner_category
from . import assoc_interaction_type
from . import assoc_interaction
from . import res_partner
