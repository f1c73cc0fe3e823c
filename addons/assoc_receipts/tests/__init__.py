from . import test_access, test_assoc_receipts, test_gdpr_money, test_numbering_concurrency, test_portal, test_tour
