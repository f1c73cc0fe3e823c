from datetime import date

from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from ..models.duplicate_keys import email_key, name_key, phone_key, street_key
from .common import AssocContactsCase


class DuplicateCase(AssocContactsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Duplicate = cls.env["assoc.duplicate"]
        cls.Partner = cls.env["res.partner"]

    def person(self, firstname, lastname, **vals):
        return self.Partner.create(
            dict({"country_id": self.country_fr.id}, firstname=firstname, lastname=lastname, **vals))

    def pair(self, partner_1, partner_2):
        first, second = sorted(partner_1 | partner_2, key=lambda partner: partner.id)
        return self.Duplicate.search([("partner_a_id", "=", first.id), ("partner_b_id", "=", second.id)])

    def scan(self, *criteria):
        self.env["assoc.duplicate.scan"]._launch(criteria)
        Scan = self.env["assoc.duplicate.scan"]
        while Scan.search_count([("state", "=", "queued")]):
            Scan._cron_run_scans()


@tagged("post_install", "-at_install")
class TestDuplicateKeys(DuplicateCase):
    def test_keys_fold_case_accents_hyphens_and_spaces(self):
        self.assertEqual(email_key("  Marie.DUPONT@Example.FR "), "marie.dupont@example.fr")
        self.assertEqual(name_key("Le Gall-Hervé"), name_key("LEGALL HERVE"))
        self.assertEqual(name_key("Œuvray"), "oeuvray")
        self.assertEqual(phone_key("+33 6 12 34 56 78"), phone_key("06.12.34.56.78"))
        self.assertFalse(phone_key("3615"))
        self.assertEqual(street_key("12, r. de la République", "69002"), street_key("12 rue de la republique", "69002"))
        self.assertNotEqual(street_key("12 rue de la République", "69002"),
                            street_key("12 rue de la République", "69003"))

    def test_stored_keys_follow_the_contact(self):
        partner = self.person("Hélène", "Lefèvre-Durand", email=" Helene@Exemple.FR", phone="06 12 34 56 78")
        self.assertEqual(partner.assoc_email_key, "helene@exemple.fr")
        self.assertEqual((partner.assoc_firstname_key, partner.assoc_lastname_key), ("helene", "lefevredurand"))
        self.assertEqual(partner.assoc_phone_key, "612345678")
        partner.lastname = "Martin"
        self.assertEqual(partner.assoc_lastname_key, "martin")


@tagged("post_install", "-at_install")
class TestAutomaticEmailCheck(DuplicateCase):
    def test_created_contact_with_same_email_is_flagged(self):
        twin = self.person("Marie", "Dupond", email="  MARIE.Dupont@example.fr ")
        duplicate = self.pair(self.partner_marie, twin)
        self.assertEqual(len(duplicate), 1)
        self.assertEqual((duplicate.criterion, duplicate.state), ("email", "pending"))
        self.assertEqual(duplicate.partner_a_id, self.partner_marie)
        self.assertEqual(self.partner_marie.assoc_duplicate_count, 1)

    def test_secondary_email_matches_both_ways(self):
        old_address = self.person("Jean", "Lefebvre", email="j.lefebvre@laposte.net")
        old_address.assoc_email_ids = [(0, 0, {"email": "Jean.Lefevre@example.fr"})]
        self.assertEqual(self.pair(self.partner_jean, old_address).criterion, "email")
        newcomer = self.person("Marie-Claire", "Dupont", email="mcd@orange.fr")
        self.assertFalse(self.pair(newcomer, self.partner_marie))
        self.env["assoc.partner.email"].create({"partner_id": self.partner_marie.id, "email": "MCD@orange.fr"})
        self.assertTrue(self.pair(newcomer, self.partner_marie))

    def test_company_and_its_contact_sharing_an_email_are_not_duplicates(self):
        company = self.Partner.create({"name": "Mairie de Lyon", "is_company": True, "email": "accueil@mairie-lyon.fr"})
        employee = self.person("Paul", "Girard", email="accueil@mairie-lyon.fr", parent_id=company.id)
        self.assertFalse(self.pair(company, employee))

    def test_changed_email_is_checked(self):
        partner = self.person("Luc", "Bernard", email="luc.bernard@exemple.fr")
        partner.email = "Marie.Dupont@example.fr"
        self.assertEqual(self.pair(self.partner_marie, partner).criterion, "email")


@tagged("post_install", "-at_install")
class TestDuplicateScans(DuplicateCase):
    def test_scans_find_each_kind_of_duplicate(self):
        helene = self.person("Hélène", "Lefèvre", zip="33000", city="Bordeaux")
        helene_folded = self.person("HELENE", "LEFEVRE", zip="75011", city="Paris")
        swapped = self.person("Dupont", "Marie", zip="13001", city="Marseille")
        same_address = self.person("Paul", "Durand", street="12, r. de la Republique", zip="69002", city="Lyon")
        phone_1 = self.person("Anne", "Roux", phone="+33 6 11 22 33 44")
        phone_2 = self.person("Annie", "Roux-Martin", mobile="06 11 22 33 44")
        name_zip_1 = self.person("J.", "Moreau", zip="44000", city="Nantes")
        name_zip_2 = self.person("Jacques", "Moreau", zip="44000", city="Nantes")
        self.scan("fullname", "swapped", "address", "phone", "lastname")
        self.assertEqual(self.pair(helene, helene_folded).criterion, "fullname")
        self.assertEqual(self.pair(self.partner_marie, swapped).criterion, "swapped")
        self.assertEqual(self.pair(self.partner_marie, same_address).criterion, "address")
        self.assertEqual(self.pair(phone_1, phone_2).criterion, "phone")
        self.assertEqual(self.pair(name_zip_1, name_zip_2).criterion, "lastname")
        self.assertFalse(self.pair(self.partner_marie, self.partner_jean))
        scans = self.env["assoc.duplicate.scan"].search([], limit=5)
        self.assertEqual(set(scans.mapped("state")), {"done"})
        self.assertEqual(sum(scans.mapped("pair_count")), 5)

    def test_stronger_criterion_raises_the_score(self):
        first = self.person("Marc", "Petit", street="4 avenue Foch", zip="67000", city="Strasbourg")
        second = self.person("Marc", "Petit", street="4 av Foch", zip="67000", city="Strasbourg")
        self.scan("address")
        duplicate = self.pair(first, second)
        self.assertEqual(duplicate.criterion, "address")
        address_score = duplicate.score
        self.scan("fullname")
        self.assertEqual(duplicate.criterion, "fullname")
        self.assertGreater(duplicate.score, address_score)

    def test_large_groups_are_homonyms_not_duplicates(self):
        self.env["ir.config_parameter"].set_param("assoc_contacts.duplicate_group_cap", 3)
        people = self.Partner.browse([self.person("Jean", "Martin", zip=f"7500{i}").id for i in range(4)])
        self.scan("fullname")
        self.assertFalse(self.Duplicate.search([("partner_a_id", "in", people.ids)]))

    def test_kept_distinct_is_never_proposed_again(self):
        twin = self.person("Marie", "Dupont", zip="75001", city="Paris")
        self.scan("fullname")
        duplicate = self.pair(self.partner_marie, twin)
        duplicate.action_keep_distinct()
        self.assertEqual((duplicate.state, duplicate.decision_uid), ("distinct", self.env.user))
        twin.email = "marie.dupont@example.fr"
        self.scan("fullname", "email")
        self.assertEqual(self.pair(self.partner_marie, twin), duplicate)
        self.assertEqual(duplicate.state, "distinct")
        with self.assertRaises(UserError):
            duplicate.action_keep_distinct()

    def test_same_household(self):
        spouse = self.person("Paul", "Dupont", street="12 rue de la République", zip="69002", city="Lyon")
        self.scan("address")
        duplicate = self.pair(self.partner_marie, spouse)
        duplicate.action_link_household()
        self.assertEqual(duplicate.state, "household")
        household = self.partner_marie.household_id
        self.assertTrue(household)
        self.assertEqual(spouse.household_id, household)
        self.assertEqual(household.primary_partner_id, self.partner_marie)
        child = self.person("Léo", "Dupont", street="12 rue de la République", zip="69002", city="Lyon",
                            household_id=household.id)
        self.scan("address", "lastname")
        self.assertFalse(self.pair(self.partner_marie, child), "one household's address is no duplicate")


@tagged("post_install", "-at_install")
class TestDuplicateMerge(DuplicateCase):
    def test_merge_moves_linked_records_and_asks_which_values_to_keep(self):
        self.partner_marie.birthdate = date(1980, 5, 14)
        twin = self.person(
            "Marie", "Dupont", email="m.dupont@orange.fr", birthdate=date(1980, 4, 15), phone="+33 6 01 02 03 04"
        )
        call = self.env["assoc.interaction"].create(
            {"partner_id": twin.id, "type_id": self.type_call.id, "name": "Appel"})
        self.scan("fullname")
        duplicate = self.pair(self.partner_marie, twin)
        action = duplicate.action_merge()
        wizard = self.env["assoc.duplicate.merge"].browse(action["res_id"])
        self.assertEqual(set(wizard.line_ids.mapped("field_name")), {"birthdate", "email"})
        birth_line = wizard.line_ids.filtered(lambda line: line.field_name == "birthdate")
        self.assertEqual((birth_line.value_a, birth_line.value_b), ("14/05/1980", "15/04/1980"))
        with self.assertRaises(UserError):
            wizard.action_merge()
        with Form(wizard) as form:
            for index in range(len(wizard.line_ids)):
                with form.line_ids.edit(index) as line:
                    line.keep = "b" if line.field_name == "birthdate" else "a"
        wizard.action_merge()
        self.assertFalse(twin.exists())
        self.assertEqual(call.partner_id, self.partner_marie)
        self.assertEqual(self.partner_marie.birthdate, date(1980, 4, 15))
        self.assertEqual(self.partner_marie.email, "marie.dupont@example.fr")
        self.assertEqual(self.partner_marie.phone, "+33 6 01 02 03 04")
        self.assertIn("m.dupont@orange.fr", self.partner_marie.assoc_email_ids.mapped("email"))
        self.assertEqual((duplicate.state, duplicate.partner_a_id), ("merged", self.partner_marie))
        self.assertFalse(duplicate.partner_b_id)
        self.assertEqual(duplicate.partner_b_name, "Marie Dupont")

    def test_merge_keeping_the_second_contact_repoints_other_pairs(self):
        twin = self.person("Marie", "Dupont", zip="75001", city="Paris")
        third = self.person("Dupont", "Marie", zip="06000", city="Nice")
        self.scan("fullname", "swapped")
        self.assertEqual(len(self.Duplicate.search([("partner_b_id", "=", third.id)])), 2)
        duplicate = self.pair(self.partner_marie, twin)
        wizard = self.env["assoc.duplicate.merge"].browse(duplicate.action_merge()["res_id"])
        wizard.keep = "b"
        for line in wizard.line_ids:
            line.keep = "b"
        wizard.action_merge()
        self.assertFalse(self.partner_marie.exists())
        remaining = self.Duplicate.search([("partner_b_id", "=", third.id)])
        self.assertEqual(remaining.partner_a_id, twin)
        self.assertEqual(remaining.state, "pending")
        self.assertEqual(self.Duplicate.search([("state", "=", "merged")]).partner_a_id, twin)

    def test_odoo_merge_wizard_records_the_decision(self):
        twin = self.person("Jean", "Lefèvre", email="JEAN.LEFEVRE@example.fr")
        duplicate = self.pair(self.partner_jean, twin)
        merge = self.env["base.partner.merge.automatic.wizard"].create(
            {"partner_ids": [(6, 0, (self.partner_jean | twin).ids)], "dst_partner_id": self.partner_jean.id,
             "state": "selection"}
        )
        merge.action_merge()
        self.assertEqual(duplicate.state, "merged")
        self.assertFalse(twin.exists())
        self.assertEqual(duplicate.partner_b_name, "Jean Lefèvre")
