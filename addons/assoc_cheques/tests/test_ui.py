import csv
import io

from odoo.tests import tagged

from .common import AssocChequesHttpCase


@tagged("post_install", "-at_install")
class TestChequesUi(AssocChequesHttpCase):
    def test_keyboard_entry_of_a_pile_of_cheques(self):
        self.start_tour("/odoo", "assoc_cheque_entry_tour", login=self.env.user.login, timeout=180)
        cheques = self.env["account.payment"].search(
            [("assoc_cheque_number", "in", ["4410021", "4410022"])], order="assoc_cheque_number"
        )
        self.assertEqual(cheques.partner_id, self.marie + self.jean)
        self.assertEqual(cheques.mapped("amount"), [120.0, 35.5])
        self.assertEqual(cheques.mapped("assoc_cheque_drawer"), ["Marie et Paul Dupont", "Jean Lefèvre"])
        self.assertEqual(cheques.mapped("assoc_cheque_bank"), ["Crédit Lyonnais", "La Banque Postale"])
        self.assertEqual(set(cheques.mapped("state")), {"in_process"})
        self.assertEqual(cheques.journal_id, self.cheque_journal)
        self.assertEqual(set(cheques.move_id.line_ids.filtered("debit").account_id.mapped("code")), {"511200"})

    def test_export_routes(self):
        slip = self._generated_slip(self._cheque(self.marie, 50.0, "9901"))
        self.authenticate(self.env.user.login, self.env.user.login)
        response = self.url_open(f"/assoc_cheques/slip/{slip.id}/export/csv")
        self.assertEqual(response.status_code, 200)
        self.assertIn(f"{slip.name}.csv", response.headers["Content-Disposition"])
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
        self.assertEqual(rows[1][2:], ["9901", "Marie Dupont", "Crédit Agricole Atlantique Vendée", "50,00"])
        response = self.url_open(f"/assoc_cheques/slip/{slip.id}/export/xlsx")
        self.assertEqual(response.content[:2], b"PK")
        self.assertEqual(self.url_open(f"/assoc_cheques/slip/{slip.id}/export/pdf").status_code, 404)
