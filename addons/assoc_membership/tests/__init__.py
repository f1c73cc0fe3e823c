from . import test_period
from . import test_status
from . import test_accounting
from . import test_documents
from . import test_verify
from . import test_reminders
from . import test_tour
from . import test_portal
