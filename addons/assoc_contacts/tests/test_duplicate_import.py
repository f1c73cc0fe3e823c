import io
from datetime import date

import openpyxl

from odoo.tests import tagged
from odoo.tools.misc import file_open

from .test_duplicate import DuplicateCase

COLUMNS = ["Civilité", "Prénom", "Nom", "Date de naissance", "Courriel", "Téléphone", "Code postal", "Ville",
           "Étiquettes"]
FIELDS = ["title", "firstname", "lastname", "birthdate", "email", "phone", "zip", "city", "category_id"]
OPTIONS = {
    "has_headers": True, "separator": ";", "quoting": '"', "encoding": "utf-8", "date_format": "%d/%m/%Y",
    "datetime_format": "", "float_thousand_separator": " ", "float_decimal_separator": ",", "skip": 0,
    "limit": 2000, "import_skip_records": [], "import_set_empty_fields": [], "fallback_values": {},
    "name_create_enabled_fields": {},
}


@tagged("post_install", "-at_install")
class TestContactImport(DuplicateCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tag_press = cls.env["res.partner.category"].create({"name": "Presse"})
        cls.tag_partner = cls.env["res.partner.category"].create({"name": "Partenaire"})
        cls.partner_marie.write({"phone": "+33 4 78 00 00 01", "category_id": [(4, cls.tag_partner.id)]})

    def importer(self, rows, file_name="adherents.csv"):
        lines = [";".join(COLUMNS)] + [";".join(row) for row in rows]
        return self.env["base_import.import"].create({
            "res_model": "res.partner", "file": "\n".join(lines).encode(), "file_name": file_name,
            "file_type": "text/csv",
        })

    def run_import(self, rows, file_name="adherents.csv"):
        result = self.importer(rows, file_name).execute_import(FIELDS, COLUMNS, dict(OPTIONS))
        log = self.env["assoc.import.log"].search([("file_name", "=", file_name)], limit=1)
        return result, log

    def test_template_columns_map_to_fields(self):
        templates = self.env["res.partner"].get_import_templates()
        path = templates[0]["template"].lstrip("/")
        with file_open(path, "rb") as handle:
            book = openpyxl.load_workbook(handle)
        book.active.append(["Madame", "Léa", "Morel", "03/04/1991", "lea.morel@exemple.fr", "0601020304",
                            "06 01 02 03 04", "5 bis rue des Lilas", "Bâtiment B", "44000", "Nantes", "France",
                            "Presse"])
        content = io.BytesIO()
        book.save(content)
        content = content.getvalue()
        wizard = self.env["base_import.import"].create({
            "res_model": "res.partner", "file": content, "file_name": "modele_import_contacts.xlsx",
            "file_type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        })
        preview = wizard.parse_preview(dict(OPTIONS))
        self.assertNotIn("error", preview)
        self.assertIn("Courriel", preview["headers"])
        mapped = {preview["headers"][index]: path_[0] for index, path_ in preview["matches"].items() if path_}
        self.assertEqual(mapped["Courriel"], "email")
        self.assertEqual(mapped["Nom"], "lastname")
        self.assertEqual(mapped["Prénom"], "firstname")
        self.assertEqual(mapped["Date de naissance"], "birthdate")
        self.assertEqual(mapped["Étiquettes"], "category_id")
        self.assertEqual(len(mapped), len(preview["headers"]))

    def test_rows_update_the_contact_with_the_same_email(self):
        result, log = self.run_import([
            ["", "Marie", "Dupont", "14/05/1980", " MARIE.DUPONT@example.fr ", "", "69002", "Lyon", "Presse"],
            ["", "Paul", "Girard", "02/02/1975", "paul.girard@exemple.fr", "06 11 22 33 44", "31000",
             "Toulouse", "Presse"],
        ])
        self.assertFalse([m for m in result["messages"] if m["type"] == "error"], result["messages"])
        self.assertIn(self.partner_marie.id, result["ids"])
        self.assertEqual(self.partner_marie.birthdate, date(1980, 5, 14))
        self.assertEqual(self.partner_marie.phone, "+33 4 78 00 00 01", "an empty cell keeps the known value")
        self.assertEqual(self.partner_marie.category_id, self.tag_partner | self.tag_press)
        self.assertEqual(self.Partner.search_count([("assoc_email_key", "=", "marie.dupont@example.fr")]), 1)
        paul = self.Partner.search([("email", "=", "paul.girard@exemple.fr")])
        self.assertEqual((paul.firstname, paul.lastname, paul.city), ("Paul", "Girard", "Toulouse"))
        self.assertEqual(
            (log.state, log.row_count, log.created_count, log.updated_count, log.error_count), ("done", 2, 1, 1, 0)
        )
        self.assertEqual(log.user_id, self.env.user)

    def test_secondary_email_also_matches(self):
        self.env["assoc.partner.email"].create({"partner_id": self.partner_jean.id, "email": "jlefevre@orange.fr"})
        result, log = self.run_import([["", "Jean", "Lefèvre", "", "JLefevre@orange.fr", "", "", "", ""]])
        self.assertEqual(result["ids"], [self.partner_jean.id])
        self.assertEqual(log.updated_count, 1)

    def test_errors_name_row_and_column_and_import_nothing(self):
        before = self.Partner.search_count([])
        result, log = self.run_import([
            ["", "Alice", "Martin", "01/01/1990", "alice.martin@exemple.fr", "", "75011", "Paris", ""],
            ["", "Bruno", "Petit", "", "bruno.petit@exemple.fr", "", "13001", "Marseille", "Inconnue"],
            ["", "Chloé", "Roux", "", "marie.dupont@example.fr", "", "20000", "Ajaccio", "Presse"],
        ], file_name="erreurs.csv")
        self.assertFalse(result["ids"])
        self.assertEqual(self.Partner.search_count([]), before)
        self.env.invalidate_all()
        self.assertFalse(self.partner_marie.category_id & self.tag_press, "nothing is imported half-way")
        self.assertEqual((log.state, log.row_count, log.created_count, log.error_count), ("failed", 3, 0, 1))
        self.assertEqual((log.line_ids.row, log.line_ids.column), (3, "Tags"))
        self.assertIn("Inconnue", log.line_ids.message)

    def test_unreadable_date_names_its_row_and_column(self):
        result, log = self.run_import([
            ["", "Alice", "Martin", "01/01/1990", "alice.martin@exemple.fr", "", "75011", "Paris", ""],
            ["", "Bruno", "Petit", "31/02/1985", "bruno.petit@exemple.fr", "", "13001", "Marseille", ""],
        ], file_name="dates.csv")
        self.assertFalse(result.get("ids"))
        self.assertEqual((log.state, log.line_ids.row, log.line_ids.column), ("failed", 3, "Birth date"))
        self.assertEqual(result["messages"][0]["rows"], {"from": 1, "to": 1}, "the web client shows the row too")

    def test_imported_contacts_are_checked_for_duplicates(self):
        self.run_import([
            ["", "Jean", "Lefevre", "", "jean.lefevre@example.fr", "", "", "", ""],
        ])
        self.assertFalse(self.Duplicate.search([("partner_a_id", "=", self.partner_jean.id)]))
        self.run_import([["", "Marc", "Dupont", "", "marc@exemple.fr", "", "", "", ""]], file_name="b.csv")
        marc = self.Partner.search([("email", "=", "marc@exemple.fr")])
        marc.assoc_email_ids = [(0, 0, {"email": "jean.lefevre@example.fr"})]
        self.assertEqual(self.pair(marc, self.partner_jean).criterion, "email")
