from . import test_assoc_receipts
from . import test_portal
from . import test_numbering_concurrency
from . import test_tour
