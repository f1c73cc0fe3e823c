from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form


class DonationTests:
    """Gifts: entry, accounting, cancellation, donor statistics (run by test_assoc_receipts)."""

    def _lines(self, donation):
        return {(line.account_id.code, line.debit, line.credit) for line in donation.move_id.line_ids}

    def test_cheque_gift_posts_cheques_to_deposit_against_gifts_income(self):
        donation = self.make_donation(self.marie, 150.0)
        self.assertEqual(donation.state, "validated")
        self.assertEqual(donation.payment_id.journal_id, self.company.assoc_cheque_journal_id)
        self.assertEqual(donation.payment_id.journal_id.code, "CHQ")
        self.assertEqual(donation.move_id.state, "posted")
        self.assertEqual(self._lines(donation), {("511200", 150.0, 0.0), ("754100", 0.0, 150.0)})
        self.assertFalse(
            donation.move_id.line_ids.filtered(lambda line: line.account_id.account_type == "asset_receivable"),
            "no receivable is left open",
        )

    def test_gifts_created_together_take_consecutive_numbers(self):
        vals = {"amount": 20.0, "date": "2025-03-14", "payment_method": "card", "company_id": self.company.id}
        gifts = self.env["assoc.donation"].create(
            [{**vals, "partner_id": partner.id} for partner in (self.marie, self.jean, self.marie)]
        )
        prefix, number = gifts[0].name.rsplit("-", 1)
        self.assertTrue(prefix.startswith("DON-"))
        self.assertEqual(gifts.mapped("name"), [f"{prefix}-{int(number) + i:06d}" for i in range(3)])
        following = self.make_donation(self.jean, 10.0, validate=False)
        self.assertEqual(following.name, f"{prefix}-{int(number) + 3:06d}")

    def test_transfer_by_company_credits_patronage_account(self):
        donation = self.make_donation(self.chantiers, 2000.0, method="transfer")
        bank_journal = self.company.assoc_donation_bank_journal_id
        self.assertEqual(donation.payment_id.journal_id, bank_journal)
        outstanding = (
            bank_journal.inbound_payment_method_line_ids[:1].payment_account_id
            or donation.payment_id.outstanding_account_id
        )
        self.assertEqual(self._lines(donation), {(outstanding.code, 2000.0, 0.0), ("754200", 0.0, 2000.0)})

    def test_campaign_income_account_and_analytic(self):
        account = self.env["account.account"].create(
            {
                "code": "754110",
                "name": "Dons manuels - appels",
                "account_type": "income",
                "company_ids": [(6, 0, self.company.ids)],
            }
        )
        plan = self.env["account.analytic.plan"].create({"name": "Campagnes"})
        analytic = self.env["account.analytic.account"].create({"name": "Fin d'année", "plan_id": plan.id})
        self.campaign.with_company(self.company).assoc_income_account_id = account
        donation = self.make_donation(
            self.marie, 40.0, method="cash", campaign_id=self.campaign.id, analytic_distribution={str(analytic.id): 100}
        )
        income = donation.move_id.line_ids.filtered(lambda line: line.credit)
        self.assertEqual(income.account_id, account)
        self.assertEqual(income.analytic_distribution, {str(analytic.id): 100})
        self.assertEqual(donation.payment_id.journal_id.type, "cash")

    def test_gift_in_kind_is_not_posted(self):
        donation = self.make_donation(
            self.jean, 300.0, method=False, nature="in_kind", in_kind_description="Deux kayaks de mer"
        )
        self.assertEqual(donation.state, "validated")
        self.assertFalse(donation.payment_id)

    def test_zero_or_negative_amount_is_refused(self):
        for amount in (0.0, -10.0):
            with self.assertRaisesRegex(ValidationError, "greater than zero"):
                self.make_donation(self.marie, amount, validate=False)

    def test_gift_in_closed_period_is_refused(self):
        self.company.fiscalyear_lock_date = "2024-12-31"
        donation = self.make_donation(self.marie, 50.0, date="2024-12-20", validate=False)
        with self.assertRaisesRegex(UserError, "closed period"):
            donation.action_validate()
        self.assertEqual(donation.state, "draft")
        self.assertFalse(donation.payment_id, "nothing is half-saved")

    def test_cancel_reverses_entry_and_updates_donor(self):
        donation = self.make_donation(self.marie, 80.0)
        self.assertIn(self.env.ref("assoc_contacts.tag_donor"), self.marie.category_id)
        self.assertEqual(self.marie.assoc_donation_total, 80.0)
        donation.action_cancel("Chèque sans provision")
        self.assertEqual(donation.state, "cancelled")
        reversal = donation.move_id.reversal_move_ids
        self.assertEqual(
            {(line.account_id.code, line.debit, line.credit) for line in reversal.line_ids},
            {("511200", 0.0, 80.0), ("754100", 80.0, 0.0)},
        )
        self.assertEqual(self.marie.assoc_donation_total, 0.0)
        self.assertNotIn(self.env.ref("assoc_contacts.tag_donor"), self.marie.category_id)
        with self.assertRaisesRegex(UserError, "cannot be changed"):
            donation.amount = 10.0

    def test_donor_statistics_and_timeline(self):
        self.make_donation(self.jean, 30.0, date="2024-05-02")
        self.make_donation(self.jean, 90.0, date="2025-06-10", method="transfer")
        self.assertEqual(self.jean.assoc_donation_count, 2)
        self.assertEqual(self.jean.assoc_donation_total, 120.0)
        self.assertEqual(self.jean.assoc_donation_average, 60.0)
        self.assertEqual(str(self.jean.assoc_donation_first_date), "2024-05-02")
        self.assertEqual(str(self.jean.assoc_donation_last_date), "2025-06-10")
        events = self.env["assoc.interaction"].search([("partner_id", "=", self.jean.id)])
        self.assertEqual(events.type_id.mapped("code").count("donation"), 1)
        self.assertEqual(len(events.filtered(lambda e: e.type_id.code == "donation")), 2)
        self.assertEqual(len(events.filtered(lambda e: e.type_id.code == "tax_receipt")), 2)

    def test_create_from_payment(self):
        payment = self.env["account.payment"].create(
            {
                "payment_type": "inbound",
                "partner_type": "customer",
                "partner_id": self.jean.id,
                "amount": 60.0,
                "date": "2025-02-01",
                "journal_id": self.company.assoc_donation_bank_journal_id.id,
            }
        )
        payment.action_post()
        donation = self.env["assoc.donation"].create_from_payment(payment, campaign=self.campaign)
        self.assertEqual((donation.state, donation.amount, donation.payment_method), ("validated", 60.0, "transfer"))
        self.assertEqual(donation.payment_id, payment)
        self.assertEqual(
            payment.move_id.line_ids.filtered("credit").account_id.code,
            "754100",
            "the receivable is replaced by the gifts income account",
        )
        with self.assertRaisesRegex(UserError, "already funds"):
            self.env["assoc.donation"].create_from_payment(payment)

    def test_import_gifts(self):
        result = self.env["assoc.donation"].load(
            ["partner_id", "date", "amount", "payment_method", "campaign_id"],
            [
                ["Marie Dupont", "2025-04-01", "25", "transfer", "Appel de fin d'année 2025"],
                ["Jean Lefèvre", "2025-04-02", "35.5", "cheque", "Appel de fin d'année 2025"],
            ],
        )
        self.assertFalse(result["messages"], result["messages"])
        gifts = self.env["assoc.donation"].browse(result["ids"])
        self.assertEqual(gifts.mapped("amount"), [25.0, 35.5])
        self.assertEqual(gifts.partner_id, self.marie | self.jean)
        self.assertEqual(set(gifts.mapped("state")), {"draft"})

    def test_form_entry(self):
        form = Form(self.env["assoc.donation"])
        form.partner_id = self.marie
        form.amount = 45.0
        form.nature = "cash"
        form.payment_method = "card"
        form.campaign_id = self.campaign
        donation = form.save()
        donation.action_validate()
        self.assertEqual(donation.payment_id.amount, 45.0)
        self.assertTrue(donation.name.startswith("DON-"))
        form = Form(self.env["assoc.donation"])
        form.partner_id = self.jean
        form.amount = 120.0
        form.nature = "in_kind"
        self.assertFalse(form.payment_method)
        form.in_kind_description = "Matériel de nettoyage de plage"
        self.assertTrue(form.save())
