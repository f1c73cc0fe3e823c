from . import assoc_cnccfp_export, assoc_donation_cancel, assoc_donation_export, assoc_tax_receipt_cancel
