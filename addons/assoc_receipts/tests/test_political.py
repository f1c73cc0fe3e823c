from odoo.exceptions import UserError


class PoliticalTests:
    """Political party mode: yearly cap per person, natural persons only, no Cerfa."""

    def setup_political(self):
        self.company.assoc_political_mode = True
        self.company.assoc_receipt_mode = "per_gift"

    def test_yearly_cap_blocks_with_clear_message(self):
        self.setup_political()
        self.make_donation(self.marie, 5000.0, date="2025-02-01", political_attestation="nationality")
        self.make_donation(self.marie, 2500.0, date="2025-09-01", political_attestation="nationality")
        third = self.make_donation(self.marie, 10.0, date="2025-10-01", validate=False,
                                   political_attestation="nationality")
        with self.assertRaisesRegex(UserError, "yearly cap of 7500.0 € per person"):
            third.action_validate()
        next_year = self.make_donation(self.marie, 10.0, date="2026-01-05", political_attestation="residence")
        self.assertEqual(next_year.state, "validated")

    def test_no_cerfa_and_attestation_required(self):
        self.setup_political()
        without = self.make_donation(self.jean, 50.0, validate=False)
        with self.assertRaisesRegex(UserError, "attestation"):
            without.action_validate()
        without.political_attestation = "residence"
        without.action_validate()
        self.assertFalse(without.receipt_id, "no Cerfa 11580 in political party mode")
        with self.assertRaisesRegex(UserError, "CNCCFP"):
            without.action_issue_receipt()

    def test_companies_and_large_cash_gifts_are_refused(self):
        self.setup_political()
        with self.assertRaisesRegex(UserError, "legal person"):
            self.make_donation(self.chantiers, 100.0, method="transfer")
        with self.assertRaisesRegex(UserError, "above 150.0"):
            self.make_donation(self.jean, 200.0, method="cash", political_attestation="nationality")
