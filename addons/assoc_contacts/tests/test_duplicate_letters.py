import io

from pdfminer.high_level import extract_pages, extract_text
from pdfminer.layout import LTTextContainer

from odoo.tests import tagged
from odoo.tools import mute_logger

from ..report.address_fr import LINE_LENGTH, french_address_lines, unaccented_upper
from ..report.label_sheet import LAYOUTS
from .test_duplicate import DuplicateCase

MM = 72 / 25.4


def pages(pdf):
    return list(extract_pages(io.BytesIO(pdf)))


def text_boxes(page):
    return [element for element in page if isinstance(element, LTTextContainer)]


@tagged("post_install", "-at_install")
class TestFrenchAddress(DuplicateCase):
    def test_person_with_building_and_numbered_way(self):
        lines = french_address_lines({
            "title": "Mme", "firstname": "Hélène", "lastname": "Lefèvre", "street": "5 bis, rue de l'Église",
            "street2": "Bâtiment B", "zip": "69002", "city": "Lyon", "country_code": "FR",
        })
        self.assertEqual(lines, ["Mme Hélène LEFÈVRE", "Bâtiment B", "5 B RUE DE L EGLISE", "69002 LYON"])

    def test_long_way_is_abbreviated_and_lines_fit(self):
        lines = french_address_lines({
            "firstname": "Jean-Baptiste", "lastname": "de La Rochefoucauld-Montbel", "title": "M.",
            "company": "Comité des fêtes de Saint-Étienne-de-Saint-Geoirs",
            "street": "128 boulevard du Maréchal de Lattre de Tassigny", "street2": "BP 45",
            "zip": "38590", "city": "Saint-Étienne-de-Saint-Geoirs",
        })
        self.assertEqual(lines[2], "128 BD DU MAL DE LATTRE DE TASSIGNY")
        self.assertEqual(lines[3], "BP 45")
        self.assertTrue(lines[4].startswith("38590 SAINT ETIENNE DE SAINT GEOIRS"))
        self.assertLessEqual(len(lines), 6)
        self.assertTrue(all(len(line) <= LINE_LENGTH for line in lines), lines)

    def test_abroad_adds_the_country(self):
        partner = self.person("Lucie", "Peeters", street="Rue Haute 12", zip="1000", city="Bruxelles",
                              country_id=self.env.ref("base.be").id,
                              title=self.env.ref("base.res_partner_title_madam").id)
        [lines] = partner._assoc_address_lines()
        self.assertEqual(lines[-1], unaccented_upper(self.env.ref("base.be").name))
        self.assertEqual(lines[-2], "1000 BRUXELLES")
        self.assertTrue(lines[0].endswith("Lucie PEETERS"))


@tagged("post_install", "-at_install")
class TestLabelSheets(DuplicateCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.people = cls.env["res.partner"].create([
            {"firstname": f"Prénom{index:02d}", "lastname": f"Adhérent{index:02d}", "street": f"{index} rue des Écoles",
             "zip": "75005", "city": "Paris", "country_id": cls.country_fr.id}
            for index in range(1, 26)
        ])

    def render(self, report, partners, data=None):
        return self.env["ir.actions.report"]._render_qweb_pdf(report, partners.ids, data=data)

    def test_l7160_draws_21_labels_a_sheet_in_three_columns(self):
        pdf, kind = self.render("assoc_contacts.action_report_address_labels_l7160", self.people)
        self.assertEqual(kind, "pdf")
        sheets = pages(pdf)
        self.assertEqual(len(sheets), 2)
        text = extract_text(io.BytesIO(pdf))
        self.assertIn("Prénom01 ADHÉRENT01", text)
        self.assertIn("1 RUE DES ECOLES", text)
        self.assertIn("75005 PARIS", text)
        first_sheet = text_boxes(sheets[0])
        self.assertEqual(sum("75005 PARIS" in box.get_text() for box in first_sheet), 21)
        self.assertEqual(sum("75005 PARIS" in box.get_text() for box in text_boxes(sheets[1])), 4)
        lefts = sorted({round(box.x0 / MM) for box in first_sheet})
        layout = LAYOUTS["L7160"]
        expected = [round(layout["left"] + column * layout["pitch_x"] + 3) for column in range(3)]
        self.assertEqual(lefts, expected)

    def test_l7163_two_columns_and_partly_used_sheet(self):
        wizard = self.env["assoc.label.wizard"].with_context(
            active_model="res.partner", active_ids=self.people[:14].ids
        ).create({"layout": "L7163", "skip": 3})
        action = wizard.action_print()
        self.assertEqual(action["report_name"], "assoc_contacts.report_address_labels_l7163")
        pdf, _kind = self.env["ir.actions.report"]._render_qweb_pdf(action["report_name"], None, data=action["data"])
        sheets = pages(pdf)
        self.assertEqual(len(sheets), 2)
        self.assertEqual(sum("75005 PARIS" in box.get_text() for box in text_boxes(sheets[0])), 11)
        lefts = sorted({round(box.x0 / MM) for box in text_boxes(sheets[0])})
        self.assertEqual(lefts, [round(4.65 + 3), round(4.65 + 101.6 + 3)])

    def test_same_selection_gives_the_same_bytes(self):
        first, _kind = self.render("assoc_contacts.action_report_address_labels_l7160", self.people[:3])
        second, _kind = self.render("assoc_contacts.action_report_address_labels_l7160", self.people[:3])
        self.assertEqual(first, second)


@tagged("post_install", "-at_install")
class TestLetters(DuplicateCase):
    def test_one_pdf_with_one_page_per_contact(self):
        template = self.env["assoc.letter.template"].create({
            "name": "Convocation AG",
            "place": "Lyon",
            "body_html": '<p>Chère, cher <t t-out="object.firstname"/>,</p>'
                         "<p>Vous êtes convoqué(e) à l'assemblée générale du 14 juin.</p>",
        })
        wizard = self.env["assoc.letter.wizard"].with_context(
            active_model="res.partner", active_ids=(self.partner_marie | self.partner_jean).ids
        ).create({"template_id": template.id})
        action = wizard.action_print()
        self.assertEqual(action["report_name"], "assoc_contacts.report_assoc_letter")
        with mute_logger("odoo.addons.base.models.ir_actions_report"):
            pdf, kind = self.env["ir.actions.report"].with_context(force_report_rendering=True)._render_qweb_pdf(
                "assoc_contacts.action_report_assoc_letter", wizard.ids
            )
        self.assertEqual(kind, "pdf")
        self.assertEqual(len(pages(pdf)), 2)
        text = " ".join(extract_text(io.BytesIO(pdf)).split())
        self.assertIn("Chère, cher Marie,", text)
        self.assertIn("Chère, cher Jean,", text)
        self.assertIn("69002 LYON", text)
        self.assertIn("20000 AJACCIO", text)
        self.assertIn("Lyon, le", text)
