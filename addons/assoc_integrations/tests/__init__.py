from . import (
    test_clients,
    test_contact_resolver,
    test_dashboard_tour,
    test_emailing,
    test_form_webhook,
    test_helloasso,
    test_helloasso_refunds,
    test_install,
    test_webhooks_emailing,
    test_webhooks_helloasso,
)
