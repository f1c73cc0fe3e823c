from odoo import Command
from odoo.exceptions import UserError


class CashingCases:
    def _cash(self, slips, date=None):
        wizard = self.env["assoc.cheque.slip.cash"].create(
            {
                "slip_ids": [Command.set(slips.ids)],
                "date": date or self.today,
            }
        )
        wizard.action_cash()

    def test_batch_cashing_posts_one_reconciled_entry_per_slip(self):
        cheques_a = self._cheque(self.marie, 50.0, "1001") + self._cheque(self.jean, 120.0, "1002")
        cheques_b = self._cheque(self.helene, 35.5, "1003")
        slips = self._generated_slip(cheques_a) + self._generated_slip(cheques_b)
        self._cash(slips)
        self.assertEqual(set(slips.mapped("state")), {"cashed"})
        self.assertEqual(len(slips.move_id), 2)
        move_a = slips[0].move_id
        self.assertEqual(move_a.state, "posted")
        self.assertEqual(move_a.journal_id, self.cheque_journal)
        debit = move_a.line_ids.filtered("debit")
        self.assertEqual((debit.account_id, debit.debit), (self.bank_outstanding, 170.0))
        self.assertTrue(debit.account_id.reconcile)
        self.assertEqual(debit.amount_residual, 170.0, "left open for the bank statement line")
        credit = move_a.line_ids.filtered("credit")
        self.assertEqual((credit.account_id, credit.credit), (self.account_5112, 170.0))
        self.assertTrue(credit.reconciled)
        self.assertEqual(credit.matched_debit_ids.debit_move_id, cheques_a.move_id.line_ids.filtered("debit"))
        all_cheques = cheques_a + cheques_b
        self.assertEqual(set(all_cheques.mapped("assoc_cheque_state")), {"cashed"})
        self.assertEqual(set(all_cheques.mapped("state")), {"paid"})
        self.assertAlmostEqual(self._balance(self.account_5112), 0.0)

    def test_cashing_refuses_draft_slips_and_early_dates(self):
        draft = self._slip(self._cheque(self.marie, 50.0, "1101"))
        with self.assertRaisesRegex(UserError, "Only generated slips can be cashed"):
            draft._cash(self.today)
        slip = self._generated_slip(self._cheque(self.jean, 20.0, "1102"))
        with self.assertRaisesRegex(UserError, "cannot be before the slip date"):
            slip._cash(slip.date.replace(year=slip.date.year - 1))
        self.assertEqual(slip.state, "generated")
        self.assertFalse(
            self.env["account.move"].search([("journal_id", "=", self.cheque_journal.id), ("ref", "like", slip.name)])
        )

    def test_cancel_uncashed_slip_frees_cheques_and_keeps_number(self):
        cheques = self._cheque(self.marie, 50.0, "1201") + self._cheque(self.jean, 20.0, "1202")
        slip = self._generated_slip(cheques)
        number = slip.name
        slip.action_cancel()
        self.assertEqual((slip.state, slip.name), ("cancelled", number))
        self.assertFalse(cheques.assoc_cheque_slip_id)
        self.assertEqual(set(cheques.mapped("assoc_cheque_state")), {"pending"})
        again = self._generated_slip(cheques)
        self.assertNotEqual(again.name, number)
        self.assertTrue(again.name.endswith("0002"))

    def test_cancel_cashed_slip_reverses_its_entry(self):
        cheques = self._cheque(self.marie, 50.0, "1301") + self._cheque(self.jean, 20.0, "1302")
        slip = self._generated_slip(cheques)
        self._cash(slip)
        cash_move = slip.move_id
        slip.action_cancel()
        self.assertEqual(slip.state, "cancelled")
        reversal = slip.cancel_move_id
        self.assertEqual(reversal.reversed_entry_id, cash_move)
        self.assertEqual(reversal.state, "posted")
        self.assertTrue(all(cash_move.line_ids.mapped("reconciled")))
        self.assertAlmostEqual(self._balance(self.account_5112), 70.0, msg="cheques back to be deposited")
        self.assertEqual(set(cheques.mapped("assoc_cheque_state")), {"pending"})
        self.assertEqual(set(cheques.mapped("state")), {"in_process"})
        self.assertEqual(self._generated_slip(cheques).cheque_count, 2)

    def test_cancel_refused_once_matched_with_the_bank(self):
        slip = self._generated_slip(self._cheque(self.marie, 50.0, "1401"))
        self._cash(slip)
        statement_side = self.env["account.move"].create(
            {
                "journal_id": self.bank_journal.id,
                "line_ids": [
                    Command.create({"account_id": self.bank_journal.default_account_id.id, "debit": 50.0}),
                    Command.create({"account_id": self.bank_outstanding.id, "credit": 50.0}),
                ],
            }
        )
        statement_side.action_post()
        (slip.move_id.line_ids + statement_side.line_ids).filtered(
            lambda line: line.account_id == self.bank_outstanding
        ).reconcile()
        with self.assertRaisesRegex(UserError, "already matched with a bank statement line"):
            slip.action_cancel()
        self.assertEqual(slip.state, "cashed")

    def test_returned_pending_cheque_reverses_its_entry_and_logs_it(self):
        cheque = self._cheque(self.marie, 80.0, "1501")
        wizard = (
            self.env["assoc.cheque.return"]
            .with_context(default_payment_ids=cheque.ids)
            .create({"reason": "Sans provision"})
        )
        wizard.action_confirm()
        reversal = cheque.assoc_cheque_return_move_id
        self.assertEqual(reversal.reversed_entry_id, cheque.move_id)
        self.assertEqual(reversal.line_ids.filtered("debit").account_id, self.income_gifts)
        self.assertEqual(reversal.line_ids.filtered("credit").account_id, self.account_5112)
        self.assertAlmostEqual(self._balance(self.account_5112), 0.0)
        self.assertEqual((cheque.assoc_cheque_state, cheque.state), ("returned", "rejected"))
        interaction = self.env["assoc.interaction"].search([("partner_id", "=", self.marie.id)])
        self.assertEqual(interaction.type_id.code, "cheque_returned")
        self.assertIn("1501", interaction.name)
        self.assertEqual((interaction.res_model, interaction.res_id), ("account.payment", cheque.id))
        with self.assertRaisesRegex(UserError, "not waiting to be deposited"):
            self._slip(cheque)
        with self.assertRaisesRegex(UserError, "already marked as returned"):
            cheque._assoc_cheque_mark_returned(self.today, "again")

    def test_returned_cashed_cheque_is_taken_back_from_the_bank(self):
        bounced = self._cheque(self.jean, 120.0, "1601")
        slip = self._generated_slip(bounced + self._cheque(self.marie, 50.0, "1602"))
        self._cash(slip)
        bounced._assoc_cheque_mark_returned(self.today, "Sans provision")
        reversal = bounced.assoc_cheque_return_move_id
        credit = reversal.line_ids.filtered("credit")
        self.assertEqual((credit.account_id, credit.credit), (self.bank_outstanding, 120.0))
        self.assertEqual(reversal.line_ids.filtered("debit").account_id, self.income_gifts)
        self.assertAlmostEqual(self._balance(self.account_5112), 0.0, msg="511200 untouched by the return")
        self.assertEqual(bounced.assoc_cheque_state, "returned")
        with self.assertRaisesRegex(UserError, "holding a returned cheque cannot be cancelled"):
            slip.action_cancel()

    def test_cheque_on_uncashed_slip_cannot_be_returned(self):
        cheque = self._cheque(self.helene, 40.0, "1701")
        self._generated_slip(cheque)
        with self.assertRaisesRegex(UserError, "not cashed yet"):
            cheque._assoc_cheque_mark_returned(self.today, "Sans provision")
        self.assertFalse(cheque.assoc_cheque_return_move_id)
