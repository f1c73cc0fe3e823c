import base64
import csv
import hashlib
import io
import json
import zipfile

from odoo.tests import tagged

from .common import AssocReceiptsCase


@tagged("post_install", "-at_install")
class TestGdprMoney(AssocReceiptsCase):
    """Right of access and right to erasure of a donor (domain-fr.md §8.3-8.4): the export holds
    the gifts, payments and receipts with the receipt PDF; the erasure anonymizes the contact but
    keeps the accounting entries and the issued receipts (L102 E LPF: 6 years; books: 10 years)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.user.groups_id |= cls.env.ref("assoc_contacts.group_assoc_manager")
        cls.gift_cheque = cls.make_donation(cls.marie, 150.0, date="2025-03-14", campaign_id=cls.campaign.id)
        cls.gift_transfer = cls.make_donation(cls.marie, 40.0, date="2025-06-02", method="transfer")
        cls.receipt = cls.gift_cheque.receipt_id
        cls.receipts = (cls.gift_cheque | cls.gift_transfer).receipt_id
        cls.other_donor_gift = cls.make_donation(cls.jean, 25.0)

    def _export_zip(self):
        action = self.marie.action_assoc_gdpr_export()
        attachment = self.env["ir.attachment"].browse(int(action["url"].split("/")[-1].split("?")[0]))
        return zipfile.ZipFile(io.BytesIO(base64.b64decode(attachment.datas)))

    def test_access_export_holds_gifts_payments_and_receipts(self):
        archive = self._export_zip()
        data = json.loads(archive.read("data.json"))
        gifts = data["assoc_donation"]
        self.assertEqual(sorted(row["Amount"] for row in gifts), [40.0, 150.0])
        self.assertEqual({row["Reference"] for row in gifts}, {self.gift_cheque.name, self.gift_transfer.name})
        self.assertIn("Appel de fin d'année 2025", {row["Campaign"] for row in gifts})
        receipts = data["assoc_tax_receipt"]
        self.assertEqual(
            sorted((row["Number"], row["Amount"]) for row in receipts),
            sorted((receipt.name, receipt.amount) for receipt in self.receipts),
        )
        self.assertEqual(sorted(row["Amount"] for row in receipts), [40.0, 150.0])
        self.assertEqual(len(data["account_payment"]), 2)
        self.assertEqual(sorted(row["Amount"] for row in data["account_payment"]), [40.0, 150.0])
        self.assertNotIn(self.other_donor_gift.name, json.dumps(data))
        self.assertEqual(
            sorted(row["Name"] for row in data["documents"]), sorted(self.receipts.attachment_id.mapped("name"))
        )
        # the same in CSV, and the receipt PDF itself, byte for byte
        rows = list(
            csv.DictReader(io.StringIO(archive.read("assoc_tax_receipt.csv").decode("utf-8-sig")), delimiter=";")
        )
        self.assertEqual({row["Number"] for row in rows}, set(self.receipts.mapped("name")))
        self.assertEqual({row["Donor Name"] for row in rows}, {"Marie Dupont"})
        gift_rows = list(
            csv.DictReader(io.StringIO(archive.read("assoc_donation.csv").decode("utf-8-sig")), delimiter=";")
        )
        self.assertEqual(sorted(float(row["Amount"]) for row in gift_rows), [40.0, 150.0])
        pdf_name = f"documents/{self.receipt.attachment_id.id}-{self.receipt.attachment_id.name}"
        self.assertEqual(archive.read(pdf_name), self.receipt.attachment_id.raw)
        self.assertEqual(hashlib.sha256(archive.read(pdf_name)).hexdigest(), self.receipt.pdf_sha256)
        log = self.env["assoc.gdpr.log"].search([("partner_id", "=", self.marie.id), ("kind", "=", "access")])
        self.assertEqual(len(log), 1)

    def test_erasure_keeps_accounting_and_receipts(self):
        payments = self.gift_cheque.payment_id | self.gift_transfer.payment_id
        lines_before = payments.move_id.line_ids.sorted("id")
        entries_before = [(line.account_id.code, line.debit, line.credit, line.partner_id.id) for line in lines_before]
        pdf_before = self.receipt.attachment_id.raw
        self.marie.action_assoc_gdpr_erase()

        self.assertTrue(self.marie.assoc_erased)
        self.assertFalse(self.marie.active)
        self.assertFalse(self.marie.email or self.marie.street or self.marie.zip or self.marie.firstname)
        self.assertNotIn("Dupont", self.marie.name)
        # the books are untouched: same posted entries, same lines
        self.assertEqual(set(payments.move_id.mapped("state")), {"posted"})
        self.assertEqual(
            [
                (line.account_id.code, line.debit, line.credit, line.partner_id.id)
                for line in payments.move_id.line_ids.sorted("id")
            ],
            entries_before,
        )
        self.assertEqual((self.gift_cheque | self.gift_transfer).mapped("state"), ["validated", "validated"])
        # the issued receipts keep their donor snapshot and their PDF, identical
        self.assertEqual(self.receipts.mapped("state"), ["issued", "issued"])
        self.assertEqual(set(self.receipts.mapped("donor_name")), {"Marie Dupont"})
        self.assertEqual((self.receipt.donor_lastname, self.receipt.donor_city), ("Dupont", "Lyon"))
        self.assertEqual(self.receipt.attachment_id.raw, pdf_before)
        self.assertEqual(hashlib.sha256(self.receipt.attachment_id.raw).hexdigest(), self.receipt.pdf_sha256)
        # the erasure is recorded with what the law made us keep
        log = self.env["assoc.gdpr.log"].search([("partner_id", "=", self.marie.id), ("kind", "=", "erasure")])
        self.assertEqual(len(log), 1)
        for model, count in (("assoc.donation", 2), ("assoc.tax.receipt", 2), ("account.payment", 2)):
            self.assertIn(f"{self.env['ir.model']._get(model).name} × {count}", log.note)
        # the other donor is not affected
        self.assertEqual(self.other_donor_gift.partner_id.name, "Jean Lefèvre")
        self.assertEqual(self.other_donor_gift.receipt_id.state, "issued")

    def test_erased_donor_coming_back_is_recognised(self):
        self.marie.action_assoc_gdpr_erase()
        again = self.env["res.partner"].create({"name": "Marie Dupont", "email": "Marie.Dupont@example.fr"})
        self.assertTrue(again.assoc_previously_erased)
        self.assertNotEqual(again, self.marie)
