import base64
import csv
import io

import openpyxl

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
        third = self.make_donation(
            self.marie, 10.0, date="2025-10-01", validate=False, political_attestation="nationality"
        )
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

    def test_cnccfp_list_of_the_year(self):
        export = self.env["assoc.cnccfp.export"].create({"company_id": self.company.id, "year": 2025})
        with self.assertRaisesRegex(UserError, "only in political party mode"):
            export.action_export()
        self.setup_political()
        self.jean.title = self.env.ref("base.res_partner_title_mister")
        first = self.make_donation(
            self.marie,
            300.0,
            date="2025-02-01",
            method="transfer",
            political_attestation="nationality",
            cnccfp_receipt_number="A-000123",
        )
        self.make_donation(self.jean, 40.0, date="2025-05-20", method="cash", political_attestation="residence")
        self.make_donation(self.marie, 700.0, date="2025-11-02", method="cheque", political_attestation="nationality")
        self.make_donation(self.marie, 20.0, date="2026-01-03", method="card", political_attestation="nationality")
        self.make_donation(
            self.jean, 55.0, date="2025-06-01", method="card", political_attestation="residence"
        ).action_cancel("Erreur de saisie")
        export.file_format = "csv"
        export.action_export()
        self.assertEqual(export.filename, "cnccfp_2025.csv")
        rows = list(csv.reader(io.StringIO(base64.b64decode(export.data).decode("utf-8-sig")), delimiter=";"))
        header = rows[0]
        lines = [dict(zip(header, row, strict=True)) for row in rows[1:]]
        self.assertEqual(
            [(line["Last name"], line["Date"], line["Amount"]) for line in lines],
            [
                ("Dupont", "2025-02-01", "300,00"),
                ("Dupont", "2025-11-02", "700,00"),
                ("Lefèvre", "2025-05-20", "40,00"),
            ],
            "the validated gifts of 2025 only, by person then date",
        )
        marie = lines[0]
        self.assertEqual(
            (marie["First name"], marie["Street"], marie["Postal code"], marie["City"]),
            ("Marie", "12 rue de la République", "69002", "Lyon"),
        )
        self.assertEqual(
            (marie["Reference"], marie["CNCCFP receipt number"], marie["Currency"]), (first.name, "A-000123", "EUR")
        )
        self.assertEqual(
            (lines[2]["Civility"], lines[2]["Payment method"], lines[2]["Attestation"]),
            ("Mister", "Cash", "Residence in France"),
        )
        export.file_format = "xlsx"
        export.action_export()
        sheet = openpyxl.load_workbook(io.BytesIO(base64.b64decode(export.data))).active
        amounts = [row[header.index("Amount")] for row in sheet.iter_rows(min_row=2, values_only=True)]
        self.assertEqual(amounts, [300.0, 700.0, 40.0])
