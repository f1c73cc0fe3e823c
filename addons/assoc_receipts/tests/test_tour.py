from odoo import Command
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestDonationTour(HttpCase):
    """Enter a cheque gift in the web client: it is validated, posted and receipted."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.env.ref("base.main_company")
        income = cls.env["account.account"].create(
            {
                "code": "754190",
                "name": "Dons manuels (visite guidée)",
                "account_type": "income",
                "company_ids": [Command.set(company.ids)],
            }
        )
        bank = cls.env["account.journal"].search([("company_id", "=", company.id), ("type", "=", "bank")], limit=1)
        company.write(
            {
                "street": "14 quai de la Fosse",
                "zip": "44000",
                "city": "Nantes",
                "country_id": cls.env.ref("base.fr").id,
                "assoc_siren_rna": "W442012345",
                "assoc_receipt_object": "Protection du littoral",
                "assoc_receipt_quality": "association",
                "assoc_receipt_signatory_name": "Claire Martin",
                "assoc_receipt_mode": "per_gift",
                "assoc_receipt_send": "manual",
                "assoc_donation_account_id": income.id,
                "assoc_cheque_journal_id": bank.id,
            }
        )
        cls.donor = cls.env["res.partner"].create(
            {
                "name": "Tour Donor",
                "firstname": "Tour",
                "lastname": "Donor",
                "street": "1 rue de la Paix",
                "zip": "75002",
                "city": "Paris",
                "country_id": cls.env.ref("base.fr").id,
            }
        )
        cls.env.ref("base.user_admin").groups_id |= cls.env.ref("assoc_contacts.group_assoc_finance")

    def test_enter_a_gift(self):
        self.start_tour("/odoo", "assoc_receipts_donation_tour", login="admin")
        gift = self.env["assoc.donation"].search([("partner_id", "=", self.donor.id)])
        self.assertEqual((gift.state, gift.amount, gift.payment_method), ("validated", 85.0, "cheque"))
        self.assertEqual(gift.move_id.line_ids.filtered("credit").account_id.code, "754190")
        self.assertTrue(gift.receipt_id.attachment_id)
