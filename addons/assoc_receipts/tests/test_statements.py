import base64
import csv
import io

import openpyxl


class StatementTests:
    """Yearly declaration (art. 222 bis CGI), gifts without receipt, receipts without gift, exports."""

    def test_222_bis_statement(self):
        Statement = self.env["assoc.receipt.statement"]
        before = Statement.search([("company_id", "=", self.company.id), ("year", "=", 2025)])
        self.assertFalse(before)
        self.make_donation(self.marie, 100.0, date="2025-02-01")
        self.make_donation(self.chantiers, 1000.0, date="2025-03-01", method="transfer")
        cancelled = self.make_donation(self.jean, 50.0, date="2025-04-01")
        cancelled.action_cancel("Erreur de saisie")
        self.make_donation(self.jean, 70.0, date="2024-04-01")
        self.env.flush_all()
        line = Statement.search([("company_id", "=", self.company.id), ("year", "=", 2025)])
        self.assertEqual((line.receipt_count, line.amount_total), (2, 1100.0))
        self.assertEqual((line.individual_count, line.company_count, line.cancelled_count), (1, 1, 1))
        exported = line.export_data(["year", "receipt_count", "amount_total"])["datas"]
        self.assertEqual(exported, [[2025, 2, 1100.0]])

    def test_gifts_without_receipt_and_receipts_without_gift(self):
        with_receipt = self.make_donation(self.marie, 20.0)
        no_receipt = self.make_donation(self.incomplete, 15.0)
        action = self.env.ref("assoc_receipts.action_assoc_donation_without_receipt")
        domain = [("state", "=", "validated"), ("gives_receipt", "=", True), ("receipt_id", "=", False)]
        found = self.env["assoc.donation"].search(domain)
        self.assertIn(no_receipt, found)
        self.assertNotIn(with_receipt, found)
        self.assertIn("without_receipt", action.context)
        receipt = with_receipt.receipt_id
        with_receipt.with_context(assoc_donation_internal=True).write({"state": "cancelled"})
        self.assertTrue(receipt.gift_mismatch)
        self.assertIn(receipt, self.env["assoc.tax.receipt"].search([("gift_mismatch", "=", True)]))

    def test_accounting_export_csv_and_xlsx(self):
        plan = self.env["account.analytic.plan"].create({"name": "Projets"})
        analytic = self.env["account.analytic.account"].create({"name": "Dunes de Pen Bron", "plan_id": plan.id})
        gifts = self.make_donation(
            self.marie, 120.0, analytic_distribution={str(analytic.id): 100}
        ) | self.make_donation(self.jean, 30.0, method="cash")
        wizard = self.env["assoc.donation.export"].create({"donation_ids": gifts.ids, "file_format": "csv"})
        wizard.action_export()
        rows = list(csv.reader(io.StringIO(base64.b64decode(wizard.data).decode("utf-8-sig")), delimiter=";"))
        self.assertEqual(rows[0][3], "Account")
        body = {(row[3], row[7], row[8], row[9]) for row in rows[1:]}
        self.assertIn(("754100", "0,00", "120,00", "Dunes de Pen Bron 100%"), body)
        self.assertIn(("511200", "120,00", "0,00", ""), body)
        self.assertEqual(len(rows), 5)
        wizard.file_format = "xlsx"
        wizard.action_export()
        sheet = openpyxl.load_workbook(io.BytesIO(base64.b64decode(wizard.data))).active
        values = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
        self.assertEqual(sum(row[8] for row in values), 150.0)
        self.assertIn("Dunes de Pen Bron 100%", [row[9] for row in values])
