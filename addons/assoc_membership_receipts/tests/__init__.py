from . import test_membership_receipts
