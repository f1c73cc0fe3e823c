import base64
import csv
import io

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.assoc_receipts.tests.common import AssocReceiptsCase


@tagged("post_install", "-at_install")
class TestMembershipReceipts(AssocReceiptsCase):
    @classmethod
    def get_default_groups(cls):
        return super().get_default_groups() | cls.env.ref("assoc_contacts.group_assoc_manager")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Type = cls.env["assoc.membership.type"]
        cls.support = Type.create(
            {
                "name": "Adhésion de soutien",
                "amount": 100,
                "validity_mode": "calendar_year",
                "gives_tax_receipt": True,
                "company_id": cls.company.id,
            }
        )
        cls.activity = Type.create(
            {
                "name": "Adhésion saison sportive",
                "amount": 120,
                "validity_mode": "calendar_year",
                "company_id": cls.company.id,
            }
        )

    def join(self, partner, mtype, date="2025-03-01", amount=None):
        membership = self.env["assoc.membership"].create(
            {
                "partner_id": partner.id,
                "type_id": mtype.id,
                "date": date,
                "payment_method": "transfer",
                "company_id": self.company.id,
                **({"amount": amount} if amount else {}),
            }
        )
        membership.action_confirm()
        return membership

    def test_dues_without_counterpart_give_a_receipt(self):
        membership = self.join(self.marie, self.support)
        receipt = membership.assoc_receipt_id
        self.assertEqual((receipt.state, receipt.amount, receipt.kind), ("issued", 100.0, "individual"))
        self.assertEqual(membership.assoc_receipt_donation_id.kind, "dues")
        self.assertFalse(membership.assoc_receipt_donation_id.payment_id, "the dues keep their own payment (756)")
        self.assertEqual(self.marie.assoc_donation_total, 0.0, "dues are not counted as gifts")
        self.assertFalse(
            self.join(self.jean, self.activity).assoc_receipt_donation_id, "dues buying a service give no receipt"
        )

    def test_annual_summary_covers_gifts_and_dues(self):
        self.company.assoc_receipt_mode = "annual"
        membership = self.join(self.marie, self.support, date="2025-01-15")
        self.make_donation(self.marie, 50.0, date="2025-06-01")
        run = self.env["assoc.receipt.run"].create({"year": 2025, "company_id": self.company.id})
        run.action_check()
        run.action_start()
        run._issue_batch(10)
        self.assertEqual(membership.assoc_receipt_id.amount, 150.0)

    def test_cancelled_membership_cancels_the_receipt(self):
        membership = self.join(self.jean, self.support)
        receipt = membership.assoc_receipt_id
        membership.action_cancel()
        self.assertEqual(receipt.state, "cancelled")
        self.assertEqual(membership.assoc_receipt_donation_id.state, "cancelled")

    def test_political_cap_counts_gifts_and_dues(self):
        self.company.assoc_political_mode = True
        self.make_donation(
            self.marie, 7450.0, date="2025-02-01", method="transfer", political_attestation="nationality"
        )
        with self.assertRaisesRegex(UserError, "yearly cap of 7500.0 € per person"):
            self.join(self.marie, self.support, date="2025-03-01")
        self.jean.assoc_elected_office = False
        self.join(self.jean, self.support, date="2025-03-01", amount=600)
        gift = self.make_donation(
            self.jean, 6950.0, date="2025-04-01", method="transfer", validate=False, political_attestation="residence"
        )
        with self.assertRaisesRegex(UserError, "600.0 € already paid in gifts and dues"):
            gift.action_validate()
        self.assertFalse(
            self.env["assoc.tax.receipt"].search([("partner_id", "=", self.jean.id)]),
            "no Cerfa in political party mode",
        )

    def test_elected_officials_dues_are_outside_the_cap(self):
        self.company.assoc_political_mode = True
        self.marie.assoc_elected_office = True
        self.make_donation(
            self.marie, 7450.0, date="2025-02-01", method="transfer", political_attestation="nationality"
        )
        membership = self.join(self.marie, self.support, date="2025-03-01")
        self.assertEqual(membership.state, "confirmed")

    def test_cnccfp_list_holds_gifts_and_dues(self):
        self.company.assoc_political_mode = True
        self.jean.assoc_elected_office = True
        self.make_donation(self.marie, 250.0, date="2025-02-01", method="transfer", political_attestation="nationality")
        self.join(self.marie, self.support, date="2025-03-01")
        self.join(self.jean, self.support, date="2025-04-01", amount=300)
        self.join(self.jean, self.support, date="2024-04-01")
        export = self.env["assoc.cnccfp.export"].create(
            {"company_id": self.company.id, "year": 2025, "file_format": "csv"}
        )
        export.action_export()
        rows = list(csv.reader(io.StringIO(base64.b64decode(export.data).decode("utf-8-sig")), delimiter=";"))
        lines = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
        summary = [(line["Last name"], line["Type"], line["Amount"], line["Elected office"]) for line in lines]
        self.assertEqual(
            summary,
            [
                ("Dupont", "Gift", "250,00", ""),
                ("Dupont", "Dues", "100,00", "No"),
                ("Lefèvre", "Dues", "300,00", "Yes"),
            ],
        )
