from odoo.tests import tagged

from odoo.addons.assoc_cheques.tests.common import AssocChequesCase


@tagged("post_install", "-at_install")
class TestReturnedDues(AssocChequesCase):
    def test_dues_by_cheque_then_returned(self):
        self.assertEqual(self.company.assoc_membership_cheque_journal_id, self.cheque_journal)
        membership_type = (
            self.env["assoc.membership.type"]
            .sudo()
            .create({"name": "Adhésion individuelle", "amount": 30.0, "validity_mode": "calendar_year"})
        )
        membership = self.env["assoc.membership"].create(
            {
                "partner_id": self.jean.id,
                "type_id": membership_type.id,
                "payment_method": "cheque",
                "assoc_cheque_number": "5540012",
                "assoc_cheque_bank": "La Banque Postale",
            }
        )
        membership.action_confirm()
        cheque = membership.payment_id
        self.assertEqual(cheque.journal_id, self.cheque_journal)
        self.assertEqual((cheque.assoc_cheque_number, cheque.assoc_cheque_drawer), ("5540012", "Jean Lefèvre"))
        cheque._assoc_cheque_mark_returned(self.today, "Sans provision")
        self.assertTrue(membership.assoc_cheque_returned)
        self.assertEqual(membership.state, "cancelled")
