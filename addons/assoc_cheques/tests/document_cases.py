import csv
import io

from openpyxl import load_workbook
from pdfminer.high_level import extract_text

from ..report.slip_pdf import render_slip_pdf
from ..report.slip_tables import slip_csv, slip_xlsx


class SlipDocumentCases:
    def _three_cheques(self):
        return (
            self._cheque(self.marie, 1250.0, "8845120", drawer="Marie et Paul Dupont", bank="Crédit Lyonnais")
            + self._cheque(self.jean, 45.5, "0012987", bank="La Banque Postale")
            + self._cheque(self.helene, 20.0, "3310045", bank="Caisse d'Épargne Bretagne")
        )

    def _pdf_text(self, slip):
        return " ".join(extract_text(io.BytesIO(slip.pdf_attachment_id.raw)).split())

    def test_pdf_prints_association_bank_totals_and_each_cheque(self):
        slip = self._generated_slip(self._three_cheques())
        self.assertEqual(slip.pdf_attachment_id.name, f"{slip.name}.pdf")
        text = self._pdf_text(slip)
        for expected in (
            "Les Amis du Littoral",
            "14 quai de la Fosse",
            "Nantes",
            slip.name,
            "FR76 3000 6000 0112 3456 7890 189",
            "Crédit Mutuel de Loire-Atlantique",
            "Marie et Paul Dupont",
            "Hélène Roux-Bénard",
            "Caisse d'Épargne Bretagne",
            "8845120",
            "0012987",
            "3310045",
            "Number of cheques 3",
        ):
            self.assertIn(expected, text)
        self.assertRegex(text, r"1[\s,.]?315[.,]50")
        self.assertRegex(text, r"1[\s,.]?250[.,]00")

    def test_columns_follow_the_settings(self):
        self.company.write(
            {"assoc_slip_show_bank": False, "assoc_slip_show_partner": True, "assoc_slip_show_drawer": False}
        )
        slip = self._generated_slip(self._three_cheques())
        text = self._pdf_text(slip)
        self.assertNotIn("Crédit Lyonnais", text)
        self.assertNotIn("Marie et Paul Dupont", text)
        self.assertIn("Marie Dupont", text)
        self.assertIn("8845120", text)

    def test_print_returns_the_stored_pdf_and_rendering_is_deterministic(self):
        slip = self._generated_slip(self._three_cheques())
        stored = slip.pdf_attachment_id.raw
        printed, report_type = self.env["ir.actions.report"]._render_qweb_pdf(
            "assoc_cheques.report_cheque_slip", slip.ids
        )
        self.assertEqual((printed, report_type), (stored, "pdf"))
        values = slip._document_values()
        self.assertEqual(render_slip_pdf(values), render_slip_pdf(values))

    def test_french_slip(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.company.partner_id.lang = "fr_FR"
        slip = self._generated_slip(self._three_cheques())
        text = self._pdf_text(slip)
        self.assertIn("Bordereau de remise de chèques", text)
        self.assertIn("Nombre de chèques 3", text)
        self.assertRegex(text, r"1\s?315,50\s?€")
        self.assertIn(slip.date.strftime("%d/%m/%Y"), text)

    def test_csv_and_xlsx_exports(self):
        slip = self._generated_slip(self._three_cheques())
        header, rows = slip._export_table()
        content = slip_csv(header, rows).decode("utf-8-sig")
        parsed = list(csv.reader(io.StringIO(content), delimiter=";"))
        self.assertEqual(parsed[0], ["Slip", "Date", "Cheque no.", "Drawer", "Bank", "Amount"])
        self.assertEqual(len(parsed), 4)
        by_number = {row[2]: row for row in parsed[1:]}
        self.assertEqual(by_number["8845120"][0], slip.name)
        self.assertEqual(by_number["8845120"][3:], ["Marie et Paul Dupont", "Crédit Lyonnais", "1250,00"])
        self.assertEqual(by_number["0012987"][5], "45,50")
        sheet = load_workbook(io.BytesIO(slip_xlsx(header, rows, slip.name))).active
        values = list(sheet.iter_rows(values_only=True))
        self.assertEqual(list(values[0]), header)
        amounts = sorted(row[5] for row in values[1:])
        self.assertEqual(amounts, [20.0, 45.5, 1250.0])
        self.assertEqual(values[1][1].date(), slip.date)
