from odoo.tests import tagged

from .cashing_cases import CashingCases
from .common import AssocChequesCase
from .document_cases import SlipDocumentCases
from .slip_cases import ChequeSlipCases


@tagged("post_install", "-at_install")
class TestCheques(ChequeSlipCases, CashingCases, SlipDocumentCases, AssocChequesCase):
    """One class, so that the French chart of accounts is loaded once for all these cases."""
