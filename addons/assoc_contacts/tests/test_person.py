from datetime import date

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common import AssocContactsCase


@tagged("post_install", "-at_install")
class TestPerson(AssocContactsCase):
    def test_name_split_from_full_name(self):
        self.assertEqual((self.partner_marie.firstname, self.partner_marie.lastname), ("Marie", "Dupont"))
        upper = self.env["res.partner"].create({"name": "LE GALL Anne-Sophie"})
        self.assertEqual((upper.firstname, upper.lastname), ("Anne-Sophie", "LE GALL"))
        company = self.env["res.partner"].create({"name": "Mairie de Brest", "is_company": True})
        self.assertEqual(company.name, "Mairie de Brest")
        self.assertFalse(company.firstname or company.lastname)

    def test_name_composed_from_first_and_last_name(self):
        partner = self.env["res.partner"].create({"firstname": "Léa", "lastname": "Martin"})
        self.assertEqual(partner.name, "Léa Martin")
        partner.lastname = "Martin-Roux"
        self.assertEqual(partner.name, "Léa Martin-Roux")
        people = self.partner_marie | self.partner_jean
        people.write({"firstname": "Camille"})
        self.assertEqual(sorted(people.mapped("name")), ["Camille Dupont", "Camille Lefèvre"])

    def test_form_person_with_civility_and_birthdate(self):
        with Form(self.env["res.partner"]) as form:
            form.title = self.env.ref("base.res_partner_title_madam")
            form.firstname = "Hélène"
            form.lastname = "Bertrand"
            self.assertEqual(form.name, "Hélène Bertrand")
            form.birthdate = date(1984, 3, 12)
            form.phone = "06 12 34 56 78"
        partner = form.save()
        self.assertEqual(partner.name, "Hélène Bertrand")
        self.assertEqual(partner.title, self.env.ref("base.res_partner_title_madam"))
        self.assertEqual(partner.birthdate, date(1984, 3, 12))
        self.assertEqual(partner.phone, "+33 6 12 34 56 78")

    def test_search_on_first_and_last_name(self):
        Partner = self.env["res.partner"]
        self.assertIn(self.partner_jean, Partner.search([("lastname", "ilike", "lefèvre")]))
        self.assertNotIn(self.partner_jean, Partner.search([("firstname", "ilike", "lefèvre")]))
        self.assertIn(self.partner_jean, Partner.search([("firstname", "=", "Jean")]))

    def test_name_search_in_any_order(self):
        """People type « Lefèvre Jean » as often as « Jean Lefèvre »."""
        Partner = self.env["res.partner"]
        for text in ("Jean Lefèvre", "lefèvre jean", "Lefèvre  Je"):
            self.assertIn(self.partner_jean, Partner.search([("display_name", "ilike", text)]), text)
            self.assertIn(self.partner_jean.id, [pid for pid, _name in Partner.name_search(text)], text)
        self.assertNotIn(self.partner_jean, Partner.search([("display_name", "ilike", "Lefèvre Paul")]))
        self.assertNotIn(self.partner_jean, Partner.search([("display_name", "not ilike", "Lefèvre Jean")]))

    def test_import_maps_first_and_last_name(self):
        result = self.env["res.partner"].load(
            ["firstname", "lastname", "email", "zip", "country_id"],
            [["Paul", "Girard", "paul.girard@example.fr", "33000", "France"]],
        )
        self.assertFalse(result["messages"], result["messages"])
        partner = self.env["res.partner"].browse(result["ids"])
        self.assertEqual(partner.name, "Paul Girard")
        self.assertEqual(partner.lastname, "Girard")

    def test_phone_formatted_internationally_with_french_default(self):
        partner = self.env["res.partner"].create({"name": "Sans Pays", "phone": "01 23 45 67 89",
                                                  "mobile": "0612345678"})
        self.assertEqual(partner.phone, "+33 1 23 45 67 89")
        self.assertEqual(partner.mobile, "+33 6 12 34 56 78")
        partner.write({"country_id": self.env.ref("base.be").id, "phone": "02 555 12 12"})
        self.assertEqual(partner.phone, "+32 2 555 12 12")
        partner.phone = "not a number"
        self.assertEqual(partner.phone, "not a number")

    def test_french_postal_code(self):
        self.partner_marie.zip = "69 002"
        self.assertEqual(self.partner_marie.zip, "69002")
        with self.assertRaises(ValidationError):
            self.partner_marie.zip = "6902"
        self.env["res.partner"].create({"name": "Berlin", "zip": "10115 B", "country_id": self.env.ref("base.de").id})

    def test_secondary_emails(self):
        self.partner_marie.assoc_email_ids = [
            (0, 0, {"email": " marie.travail@example.org ", "label": "Travail"}),
        ]
        self.assertEqual(self.partner_marie.assoc_email_ids.email, "marie.travail@example.org")
        with self.assertRaises(ValidationError):
            self.env["assoc.partner.email"].create({"partner_id": self.partner_marie.id, "email": "pas-un-email"})

    def test_existing_names_split_by_bulk_hook(self):
        [partner_id] = self._sql_insert_partners([{
            "name": "Louise MOREAU", "complete_name": "Louise MOREAU", "active": True, "type": "contact",
            "is_company": False,
        }])
        self.env["res.partner"]._assoc_bulk_created([partner_id])
        partner = self.env["res.partner"].browse(partner_id)
        self.assertEqual((partner.firstname, partner.lastname), ("Louise", "MOREAU"))
        self.assertEqual(partner.assoc_interaction_count, 0)


@tagged("post_install", "-at_install")
class TestSystemTagGuard(AssocContactsCase):
    def test_cannot_add_or_remove_system_tag_by_hand(self):
        with self.assertRaises(UserError):
            self.partner_marie.write({"category_id": [(4, self.tag_member.id)]})
        with self.assertRaises(UserError):
            self.env["res.partner"].create({"name": "Nouveau", "category_id": [(6, 0, self.tag_member.ids)]})
        self.partner_marie.with_context(assoc_system_tags=True).write({"category_id": [(4, self.tag_member.id)]})
        self.assertIn(self.tag_member, self.partner_marie.category_id)
        with self.assertRaises(UserError):
            self.partner_marie.write({"category_id": [(3, self.tag_member.id)]})
        with self.assertRaises(UserError):
            self.tag_member.write({"partner_ids": [(4, self.partner_jean.id)]})

    def test_ordinary_tags_stay_free_next_to_system_ones(self):
        press = self.env["res.partner.category"].create({"name": "Presse"})
        self.partner_marie.with_context(assoc_system_tags=True).write({"category_id": [(4, self.tag_member.id)]})
        (self.partner_marie | self.partner_jean).write({"category_id": [(4, press.id)]})
        self.assertEqual(self.partner_marie.category_id, press | self.tag_member)
        self.partner_marie.write({"category_id": [(3, press.id)]})
        self.assertEqual(self.partner_marie.category_id, self.tag_member)
