from datetime import date

from lxml import etree

from odoo.exceptions import UserError, ValidationError
from odoo.tests import HttpCase, tagged

from .common import AssocContactsCase


@tagged("post_install", "-at_install")
class TestCustomFields(AssocContactsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.section = cls.env["assoc.custom.section"].create({"name": "Bénévolat"})

    def _add(self, label, field_type, **extra):
        return self.env["assoc.custom.field"].create(
            dict({"section_id": self.section.id, "label": label, "field_type": field_type}, **extra)
        )

    def _arch(self, view_type):
        return etree.fromstring(self.env["res.partner"].get_views([(False, view_type)])["views"][view_type]["arch"])

    def test_every_type_becomes_a_real_partner_field(self):
        weekend = self._add("Disponible le week-end", "boolean", show_in_list=True)
        skills = self._add("Compétences", "text")
        hours = self._add("Heures par mois", "integer")
        since = self._add("Bénévole depuis", "date")
        pole = self._add("Pôle", "selection", selection_options="Communication\nLogistique\nAccueil")
        tutor = self._add("Tuteur", "many2one")
        self.assertEqual(weekend.name, "x_assoc_disponible_le_week_end")
        partner_fields = self.env["res.partner"]._fields
        for custom in (weekend, skills, hours, since, pole, tutor):
            self.assertIn(custom.name, partner_fields)
        self.assertEqual(partner_fields[tutor.name].comodel_name, "res.partner")
        self.assertEqual([label for _key, label in partner_fields[pole.name].selection],
                         ["Communication", "Logistique", "Accueil"])
        self.partner_marie.write({weekend.name: True, hours.name: 12, since.name: date(2021, 9, 1),
                                  pole.name: "logistique", tutor.name: self.partner_jean.id})
        self.assertEqual(self.partner_marie[tutor.name], self.partner_jean)

        form = self._arch("form")
        page = form.xpath(f"//page[@name='assoc_custom_section_{self.section.id}']")
        self.assertEqual(page[0].get("string"), "Bénévolat")
        self.assertEqual(len(page[0].xpath(".//field")), 6)
        search = self._arch("search")
        self.assertTrue(search.xpath(f"//filter[@name='{weekend.name}_set']"))
        self.assertTrue(search.xpath(f"//field[@name='{skills.name}']"))
        self.assertTrue(search.xpath(f"//filter[@name='group_{pole.name}']"))
        columns = self._arch("list")
        self.assertEqual(columns.xpath(f"//field[@name='{weekend.name}']")[0].get("optional"), "show")
        self.assertEqual(columns.xpath(f"//field[@name='{skills.name}']")[0].get("optional"), "hide")

        found = self.env["res.partner"].search([(weekend.name, "=", True)])
        self.assertEqual(found, self.partner_marie)
        segment = self.env["assoc.segment"].create({
            "name": "Logistique", "domain": f"[('{pole.name}', '=', 'logistique')]",
        })
        self.assertEqual(segment.contact_count, 1)

    def test_export_and_import(self):
        pole = self._add("Pôle", "selection", selection_options="Communication\nLogistique")
        hours = self._add("Heures par mois", "integer")
        result = self.env["res.partner"].load(
            ["name", hours.name, pole.name], [["Lucie Fabre", "8", "Communication"]],
        )
        self.assertFalse(result["messages"], result["messages"])
        lucie = self.env["res.partner"].browse(result["ids"])
        self.assertEqual((lucie[hours.name], lucie[pole.name]), (8, "communication"))
        exported = lucie.export_data(["name", hours.name, pole.name])["datas"]
        self.assertEqual(exported, [["Lucie Fabre", 8, "Communication"]])

    def test_rename_add_choices_and_delete(self):
        pole = self._add("Pôle", "selection", selection_options="Communication")
        pole.write({"label": "Pôle d'action", "selection_options": "Communication\nPlaidoyer"})
        field = self.env["res.partner"]._fields[pole.name]
        self.assertEqual(field.string, "Pôle d'action")
        self.assertEqual([key for key, _label in field.selection], ["communication", "plaidoyer"])
        with self.assertRaises(UserError):
            pole.write({"selection_options": "Plaidoyer"})
        with self.assertRaises(UserError):
            pole.write({"field_type": "char"})
        name = pole.name
        pole.unlink()
        self.assertNotIn(name, self.env["res.partner"]._fields)
        self.assertFalse(self._arch("form").xpath(f"//field[@name='{name}']"))

    def test_bad_definitions(self):
        with self.assertRaises(ValidationError):
            self._add("Choix vide", "selection", selection_options="\n  \n")
        first = self._add("Compétences", "char")
        second = self._add("Compétences", "char")
        self.assertNotEqual(first.name, second.name)

    def test_section_deletion_removes_its_fields(self):
        skills = self._add("Compétences", "char")
        name = skills.name
        self.section.unlink()
        self.assertNotIn(name, self.env["res.partner"]._fields)
        self.assertFalse(self.env["ir.model.fields"].search([("model", "=", "res.partner"), ("name", "=", name)]))


@tagged("post_install", "-at_install")
class TestCustomFieldsTour(HttpCase):
    def test_tour_custom_section_on_contact(self):
        self.env["res.partner"].create({"firstname": "Odile", "lastname": "Tourneur", "zip": "35000",
                                        "country_id": self.env.ref("base.fr").id})
        self.start_tour("/odoo/action-assoc_contacts.action_assoc_custom_section", "assoc_custom_fields_tour",
                        login="admin", timeout=180)
        field = self.env["assoc.custom.field"].search([("label", "=", "Disponible le week-end")])
        self.assertEqual(field.section_id.name, "Pôle communication")
        self.assertIn(field.name, self.env["res.partner"]._fields)
