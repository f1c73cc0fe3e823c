from . import test_install
from . import test_clients
from . import test_helloasso
from . import test_webhooks_helloasso
from . import test_emailing
from . import test_webhooks_emailing
from . import test_form_webhook
from . import test_dashboard_tour
