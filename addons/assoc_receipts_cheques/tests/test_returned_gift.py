from odoo.tests import Form, tagged

from odoo.addons.assoc_cheques.tests.common import AssocChequesCase


@tagged("post_install", "-at_install")
class TestReturnedGift(AssocChequesCase):
    def test_gift_by_cheque_then_returned(self):
        self.company.assoc_receipt_mode = "annual"
        with Form(self.env["assoc.donation"]) as form:
            form.partner_id = self.marie
            form.amount = 150.0
            form.payment_method = "cheque"
            form.assoc_cheque_number = "7712004"
            form.assoc_cheque_bank = "Crédit Lyonnais"
        gift = form.record
        gift.action_validate()
        cheque = gift.payment_id
        self.assertEqual(cheque.payment_method_line_id.code, "assoc_cheque")
        self.assertEqual(
            (cheque.assoc_cheque_number, cheque.assoc_cheque_drawer, cheque.assoc_cheque_bank),
            ("7712004", "Marie Dupont", "Crédit Lyonnais"),
        )
        self.assertEqual(cheque.assoc_cheque_state, "pending")
        cheque._assoc_cheque_mark_returned(self.today, "Sans provision")
        self.assertEqual(gift.state, "cancelled")
        self.assertTrue(gift.assoc_cheque_returned)
        self.assertIn("Sans provision", gift.cancel_reason)
        self.assertEqual(len(cheque.move_id.reversal_move_ids), 1, "the income is reversed once, not twice")
