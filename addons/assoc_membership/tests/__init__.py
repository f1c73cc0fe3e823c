from . import (
    test_access,
    test_accounting,
    test_documents,
    test_gdpr_membership,
    test_period,
    test_portal,
    test_reminders,
    test_status,
    test_tour,
    test_verify,
)
