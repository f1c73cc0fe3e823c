from odoo.tests import tagged

from .common import AssocReceiptsCase
from .test_donation import DonationTests
from .test_pdf import PdfTests
from .test_political import PoliticalTests
from .test_receipt import ReceiptTests
from .test_statements import StatementTests


@tagged("post_install", "-at_install")
class TestAssocReceipts(DonationTests, ReceiptTests, PdfTests, PoliticalTests, StatementTests, AssocReceiptsCase):
    """One class, so that the French chart of accounts is loaded once for all these tests
    (AccountTestInvoicingCommon's set-up takes about a minute on the CI machine)."""
