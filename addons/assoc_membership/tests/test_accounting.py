from datetime import date
from unittest.mock import patch

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common import AssocMembershipAccountingCase


@tagged("post_install", "-at_install")
class TestMembershipAccounting(AssocMembershipAccountingCase):
    def received_payment(self, partner, amount, journal, **values):
        """A customer payment received in the bank or cash journal, not posted yet."""
        return self.env["account.payment"].create(
            {
                "payment_type": "inbound",
                "partner_type": "customer",
                "partner_id": partner.id,
                "amount": amount,
                "journal_id": self.company_data[journal].id,
                **values,
            }
        )

    def assert_dues_entry(self, payment, account_code, amount):
        move = payment.move_id
        self.assertEqual(move.state, "posted")
        income = move.line_ids.filtered(lambda line: line.account_id.code == account_code)
        self.assertEqual(income.credit, amount)
        self.assertFalse(move.line_ids.filtered(lambda line: line.account_id.account_type == "asset_receivable"))
        cash_side = move.line_ids - income
        self.assertEqual(cash_side.account_id, payment.outstanding_account_id)
        self.assertEqual(cash_side.debit, amount)

    def test_dues_accounts_created_for_the_french_chart(self):
        self.assertEqual(self.company.assoc_dues_account_id.code, "756100")
        self.assertEqual(self.company.assoc_dues_counterpart_account_id.code, "756200")
        self.assertEqual(self.company.assoc_dues_account_id.account_type, "income")
        self.assertTrue(self.company.assoc_membership_bank_journal_id)
        self.assertEqual(self.company.assoc_membership_cash_journal_id.type, "cash")

    def test_record_membership_by_hand_with_form(self):
        form = Form(self.env["assoc.membership"])
        form.partner_id = self.marie
        form.type_id = self.types["calendar"]
        form.date = date(2025, 3, 12)
        self.assertEqual(form.date_start, date(2025, 1, 1))
        self.assertEqual(form.date_end, date(2025, 12, 31))
        self.assertEqual(form.amount, 30.0)
        form.payment_method = "cash"
        self.assertEqual(form.journal_id, self.company.assoc_membership_cash_journal_id)
        membership = form.save()
        self.assertEqual(membership.state, "draft")
        membership.action_confirm()
        self.assertEqual(membership.state, "confirmed")
        self.assertEqual(membership.payment_id.journal_id.type, "cash")
        self.assertEqual(membership.payment_id.amount, 30.0)
        self.assertEqual(membership.payment_id.partner_id, self.marie)
        self.assert_dues_entry(membership.payment_id, "756200", 30.0)
        self.assertTrue(self.marie.assoc_member_number)

    def test_dues_giving_a_tax_receipt_go_to_7561(self):
        membership = self.env["assoc.membership"].create(
            {
                "partner_id": self.jean.id,
                "type_id": self.types["receipt"].id,
                "date": date(2025, 5, 2),
                "payment_method": "transfer",
            }
        )
        membership.action_confirm()
        self.assert_dues_entry(membership.payment_id, "756100", 50.0)

    def test_cheque_goes_to_the_cheque_journal(self):
        cheque_journal = self.env["account.journal"].create(
            {"name": "Chèques à remettre (adhésions)", "type": "bank", "code": "CHQAD"}
        )
        self.company.assoc_membership_cheque_journal_id = cheque_journal
        form = Form(self.env["assoc.membership"])
        form.partner_id = self.jean
        form.type_id = self.types["calendar"]
        form.payment_method = "cheque"
        membership = form.save()
        membership.action_confirm()
        self.assertEqual(membership.payment_id.journal_id, cheque_journal)
        self.assertEqual(membership.payment_id.state, "in_process")

    def test_amount_smaller_than_the_tariff_is_refused(self):
        form = Form(self.env["assoc.membership"])
        form.partner_id = self.marie
        form.type_id = self.types["calendar"]
        form.amount = 12.0
        membership = form.save()
        with self.assert_refused(UserError, "smaller than the tariff"):
            membership.action_confirm()
        self.assertEqual(membership.state, "draft")
        self.assertFalse(membership.payment_id)
        self.assertFalse(self.env["account.payment"].search([("partner_id", "=", self.marie.id)]))

    def test_create_from_a_received_payment(self):
        payment = self.received_payment(self.sophie, 60.0, "default_journal_bank", date=date(2025, 2, 3))
        payment.action_post()
        self.assertEqual(payment.destination_account_id.account_type, "asset_receivable")
        membership = self.env["assoc.membership"].create_from_payment(payment, self.types["family"])
        self.assertEqual(membership.state, "confirmed")
        self.assertEqual(membership.payment_id, payment)
        self.assertEqual(membership.payment_method, "transfer")
        self.assertEqual(membership.member_ids, self.sophie | self.lucas)
        self.assertEqual((membership.date_start, membership.date_end), (date(2025, 1, 1), date(2025, 12, 31)))
        self.assert_dues_entry(payment, "756200", 60.0)

    def test_payment_smaller_than_the_tariff_saves_nothing(self):
        payment = self.received_payment(self.jean, 20.0, "default_journal_cash")
        with self.assert_refused(UserError, "smaller than the tariff"):
            self.env["assoc.membership"].create_from_payment(payment, self.types["calendar"])
        self.assertEqual(payment.state, "draft")
        self.assertFalse(self.env["assoc.membership"].search([("partner_id", "=", self.jean.id)]))

    def test_batch_from_payments_refuses_a_payment_smaller_than_the_tariff_before_touching_it(self):
        enough = self.received_payment(self.sophie, 60.0, "default_journal_bank")
        short = self.received_payment(self.jean, 20.0, "default_journal_cash")
        entries = [
            {"payment": enough, "membership_type": self.types["family"]},
            {"payment": short, "membership_type": self.types["calendar"]},
        ]
        Membership = type(self.env["assoc.membership"])
        # a spy on the project's own step: the refusal is rolled back either way, so only the
        # calls tell whether the first payment was routed (and posted) before the check
        route = patch.object(
            Membership, "_route_payment_to_income", autospec=True, side_effect=Membership._route_payment_to_income
        )
        with route as routed, self.assert_refused(UserError, "smaller than the tariff"):
            self.env["assoc.membership"].create_from_payments(entries)
        routed.assert_not_called()
        self.assertEqual((enough.state, short.state), ("draft", "draft"))
        self.assertEqual(enough.destination_account_id.account_type, "asset_receivable")

    def test_overlap_from_payment_saves_nothing(self):
        self.env["assoc.membership"].create(
            {
                "partner_id": self.jean.id,
                "type_id": self.types["calendar"].id,
                "date": date(2025, 1, 10),
            }
        ).action_confirm()
        payment = self.received_payment(self.jean, 30.0, "default_journal_bank", date=date(2025, 6, 1))
        with self.assert_refused(ValidationError, "overlaps"):
            self.env["assoc.membership"].create_from_payment(payment, self.types["calendar"])
        self.assertEqual(payment.state, "draft")
        self.assertEqual(payment.destination_account_id.account_type, "asset_receivable")

    def test_payment_wizard(self):
        payment = self.received_payment(self.marie, 30.0, "default_journal_bank")
        action = payment.action_assoc_record_membership()
        wizard_form = Form(self.env[action["res_model"]].with_context(action["context"]))
        wizard_form.type_id = self.types["rolling"]
        result = wizard_form.save().action_record()
        membership = self.env["assoc.membership"].browse(result["res_id"])
        self.assertEqual(payment.assoc_membership_ids, membership)
        self.assertEqual(membership.partner_id, self.marie)
        self.assertEqual(payment.state, "in_process")
