from dateutil.relativedelta import relativedelta

from odoo.exceptions import UserError
from odoo.tests import Form


class ChequeSlipCases:
    def test_french_company_gets_cheques_journal_on_511200(self):
        self.assertEqual(self.account_5112.code, "511200")
        self.assertTrue(self.account_5112.reconcile)
        self.assertEqual(self.cheque_journal.type, "bank")
        self.assertEqual(self.cheque_journal.inbound_payment_method_line_ids.mapped("code"), ["assoc_cheque"])
        self.assertNotIn("assoc_cheque", self.bank_journal.inbound_payment_method_line_ids.mapped("code"))

    def test_cheque_posts_to_cheques_to_deposit_and_income(self):
        cheque = self._cheque(self.marie, 80.0, "4512301")
        lines = cheque.move_id.line_ids
        self.assertEqual(lines.filtered(lambda line: line.debit).account_id, self.account_5112)
        self.assertEqual(lines.filtered(lambda line: line.credit).account_id, self.income_gifts)
        self.assertEqual(cheque.assoc_cheque_state, "pending")
        self.assertEqual(cheque.state, "in_process")

    def test_entry_form_posts_the_cheque_in_the_cheques_journal(self):
        with Form(self.env["account.payment"].with_context(assoc_cheque_entry=True)) as form:
            self.assertEqual(form.journal_id, self.cheque_journal)
            form.partner_id = self.jean
            form.amount = 45.0
            form.assoc_cheque_number = "0098812"
            form.assoc_cheque_drawer = "M. et Mme Lefèvre"
            form.assoc_cheque_bank = "La Banque Postale"
        cheque = form.record
        self.assertEqual(cheque.payment_method_line_id, self.cheque_method_line)
        self.assertEqual(cheque.state, "in_process")
        self.assertEqual(cheque.assoc_cheque_state, "pending")

    def test_default_income_account_for_quick_entry(self):
        self.company.assoc_cheque_income_account_id = self.income_gifts
        cheque = (
            self.env["account.payment"]
            .with_context(assoc_cheque_entry=True)
            .create(
                {
                    "partner_id": self.helene.id,
                    "amount": 30.0,
                    "assoc_cheque_number": "7001",
                }
            )
        )
        self.assertEqual(cheque.destination_account_id, self.income_gifts)
        receivable = cheque.move_id.line_ids.filtered(lambda line: line.account_id.account_type == "asset_receivable")
        self.assertFalse(receivable)

    def test_numbering_is_gapless_per_year_and_written_on_cheques(self):
        year = self.today.year
        first = self._generated_slip(self._cheque(self.marie, 50.0, "1001"))
        second_cheques = self._cheque(self.jean, 20.0, "1002") + self._cheque(self.helene, 35.5, "1003")
        second = self._generated_slip(second_cheques)
        self.assertEqual(first.name, f"BORD-{year}-0001")
        self.assertEqual(second.name, f"BORD-{year}-0002")
        self.assertEqual(second_cheques.assoc_cheque_slip_id, second)
        self.assertEqual(set(second_cheques.mapped("assoc_cheque_state")), {"on_slip"})
        self.assertEqual((second.cheque_count, second.amount_total), (2, 55.5))
        next_year = self._generated_slip(
            self._cheque(self.marie, 10.0, "1004"), date=self.today + relativedelta(years=1)
        )
        self.assertEqual(next_year.name, f"BORD-{year + 1}-0001")
        sequence = first._slip_sequence()
        self.assertEqual(sequence.implementation, "no_gap")

    def test_missing_fields_listed_and_nothing_generated(self):
        complete = self._cheque(self.marie, 50.0, "2001")
        no_drawer_no_bank = self._cheque(self.jean, 20.0, "2002", drawer="", bank="")
        no_number = self._cheque(self.helene, 15.0, "")
        slip = self._slip(complete + no_drawer_no_bank + no_number)
        with self.assertRaises(UserError) as error:
            slip.action_generate()
        message = str(error.exception)
        self.assertIn("2002", message)
        self.assertIn("drawer, bank", message)
        self.assertIn("Hélène Roux-Bénard", message)
        self.assertIn("missing number", message)
        self.assertNotIn("2001", message)
        self.assertEqual((slip.state, slip.name), ("draft", "/"))
        self.assertFalse(slip.pdf_attachment_id)
        no_drawer_no_bank.write({"assoc_cheque_drawer": "Jean Lefèvre", "assoc_cheque_bank": "LCL"})
        no_number.assoc_cheque_number = "2003"
        slip.action_generate()
        self.assertEqual(slip.name, f"BORD-{self.today.year}-0001", "the refused attempt consumed no number")

    def test_add_all_pending_and_slip_from_selection(self):
        cheques = self._cheque(self.marie, 50.0, "3001") + self._cheque(self.jean, 60.0, "3002")
        draft_cheque = self._cheque(self.helene, 70.0, "3003", post=False)
        slip = self._slip(self.env["account.payment"])
        slip.action_add_all_pending()
        self.assertEqual(slip.payment_ids, cheques)
        with self.assertRaisesRegex(UserError, "No cheque in EUR is waiting"):
            self._slip(self.env["account.payment"]).action_add_all_pending()
        draft_cheque.action_post()
        action = draft_cheque.action_assoc_create_slip()
        other = self.env["assoc.cheque.slip"].browse(action["res_id"])
        self.assertEqual(other.payment_ids, draft_cheque)
        self.assertEqual(other.bank_journal_id, self.bank_journal)

    def test_bad_input_is_refused_with_a_clear_message(self):
        cheque = self._cheque(self.marie, 50.0, "4001")
        self._slip(cheque)
        with self.assertRaisesRegex(UserError, "Cheque 4001 is already on slip"):
            self._slip(cheque)
        usd = self.env.ref("base.USD")
        usd.active = True
        dollar_cheque = self._cheque(self.jean, 30.0, "4002", currency_id=usd.id)
        with self.assertRaisesRegex(UserError, "Cheque 4002 is in USD but the slip is in EUR"):
            self._slip(dollar_cheque)
        with self.assertRaisesRegex(UserError, "has no cheque"):
            self._slip(self.env["account.payment"]).action_generate()
        draft = self._cheque(self.helene, 10.0, "4003", post=False)
        with self.assertRaisesRegex(UserError, "not waiting to be deposited"):
            self._slip(draft)

    def test_cheque_of_another_company_is_refused(self):
        other_company = self.env.ref("base.main_company")
        self.env.user.sudo().company_ids += other_company
        other_company.with_company(other_company)._assoc_cheques_setup()
        foreign = (
            self.env["account.payment"]
            .with_company(other_company)
            .create(
                {
                    "payment_type": "inbound",
                    "partner_type": "customer",
                    "partner_id": self.marie.id,
                    "amount": 12.0,
                    "journal_id": other_company.assoc_cheque_journal_id.id,
                    "assoc_cheque_number": "5001",
                }
            )
        )
        foreign.action_post()
        with self.assertRaisesRegex(UserError, "Cheque 5001 belongs to"):
            self._slip(foreign.with_company(self.company))

    def test_issued_slip_freezes_its_cheques(self):
        cheque = self._cheque(self.marie, 50.0, "6001")
        slip = self._generated_slip(cheque)
        with self.assertRaisesRegex(UserError, "cancel the slip before changing it"):
            cheque.assoc_cheque_drawer = "Quelqu'un d'autre"
        with self.assertRaisesRegex(UserError, "An issued slip keeps its number"):
            slip.unlink()
        with self.assertRaisesRegex(UserError, "Only draft slips can be generated"):
            slip.action_generate()

    def test_old_cheques_are_flagged(self):
        old = self._cheque(
            self.marie, 50.0, "7001", assoc_cheque_received_date=self.today - relativedelta(years=1, days=10)
        )
        slip = self._slip(old + self._cheque(self.jean, 20.0, "7002"))
        self.assertEqual(slip.old_cheque_count, 1)
