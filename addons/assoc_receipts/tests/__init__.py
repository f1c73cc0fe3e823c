from . import test_assoc_receipts
from . import test_portal
