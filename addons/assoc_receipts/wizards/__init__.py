from . import assoc_donation_cancel
from . import assoc_tax_receipt_cancel
from . import assoc_donation_export
