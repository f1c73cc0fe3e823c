from odoo.tests import TransactionCase, tagged

from .common import french_people


@tagged("post_install", "-at_install")
class TestContactResolver(TransactionCase):
    """Who a person sent by an integration is: normalized email, then the duplicate rules
    (same name with the same street address or phone), else a new contact."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.resolver = cls.env["assoc.contact.resolver"]
        cls.marie, cls.jean = french_people(cls.env)
        cls.france = cls.env.ref("base.fr")
        cls.lucie = cls.env["res.partner"].create(
            {
                "firstname": "Lucie",
                "lastname": "Le Gall",
                "street": "4 avenue Jean Jaurès",
                "zip": "29200",
                "city": "Brest",
                "mobile": "06 12 34 56 78",
                "country_id": cls.france.id,
            }
        )

    def resolve(self, *people):
        return self.resolver._resolve(list(people))

    def test_normalized_and_secondary_emails_find_the_contact(self):
        self.env["assoc.partner.email"].create({"partner_id": self.jean.id, "email": "jean.lefevre@travail.fr"})
        found = self.resolve(
            {"email": "  Marie.Dupont@EXAMPLE.fr ", "lastname": "Autre"},
            {"email": "JEAN.LEFEVRE@travail.fr", "firstname": "Jean", "lastname": "Lefèvre"},
        )
        self.assertEqual(found, [(self.marie, False), (self.jean, False)])

    def test_same_name_and_street_or_phone_is_the_same_person(self):
        by_street, by_mobile = self.resolve(
            # accents, case, hyphens and the street abbreviation do not make another person
            {"firstname": "LUCIE", "lastname": "le-gall", "street": "4 av. Jean-Jaurès", "zip": "29200"},
            {"firstname": "Lucie", "lastname": "Le Gall", "phone": "+33 6 12 34 56 78", "zip": "75011"},
        )
        self.assertEqual(by_street, (self.lucie, False))
        self.assertEqual(by_mobile, (self.lucie, False))

    def test_blanks_are_filled_without_overwriting(self):
        [(partner, created)] = self.resolve(
            {
                "email": "lucie.legall@example.fr",
                "firstname": "Lucie",
                "lastname": "Le Gall",
                "phone": "02 98 00 00 00",
                "street": "4 avenue Jean Jaurès",
                "zip": "29200",
                "city": "Quimper",
            }
        )
        self.assertEqual((partner, created), (self.lucie, False))
        self.assertEqual(partner.email, "lucie.legall@example.fr")
        self.assertIn("2 98 00 00 00", partner.phone)
        self.assertEqual(partner.city, "Brest", "what the CRM knows is not overwritten")

    def test_another_email_another_address_or_an_archive_is_someone_else(self):
        self.lucie.email = "lucie.legall@example.fr"
        archived = self.env["res.partner"].create(
            {"firstname": "Paul", "lastname": "Girard", "street": "1 rue Haute", "zip": "69001", "active": False}
        )
        found = self.resolve(
            {"email": "l.legall@autre.fr", "firstname": "Lucie", "lastname": "Le Gall", "phone": "0612345678"},
            {"firstname": "Lucie", "lastname": "Le Gall", "street": "9 rue Basse", "zip": "29200"},
            {"firstname": "Paul", "lastname": "Girard", "street": "1 rue Haute", "zip": "69001"},
        )
        partners = [partner for partner, _created in found]
        self.assertEqual([created for _partner, created in found], [True, True, True])
        self.assertNotIn(self.lucie, partners)
        self.assertNotIn(archived, partners)
        self.assertEqual(len(set(partners)), 3)
        self.assertEqual(partners[0].email, "l.legall@autre.fr")

    def test_oldest_homonym_wins_and_a_person_twice_is_one_contact(self):
        twin = self.env["res.partner"].create(
            {"firstname": "Lucie", "lastname": "Le Gall", "street": "4 avenue Jean Jaurès", "zip": "29200"}
        )
        self.assertGreater(twin.id, self.lucie.id)
        newcomer = {"email": "nina.roux@example.fr", "firstname": "Nina", "lastname": "Roux", "zip": "13001"}
        found = self.resolve(
            {"firstname": "Lucie", "lastname": "Le Gall", "street": "4 avenue Jean Jaurès", "zip": "29200"},
            newcomer,
            dict(newcomer, email="NINA.ROUX@example.fr"),
        )
        self.assertEqual(found[0], (self.lucie, False))
        self.assertTrue(found[1][1])
        self.assertEqual(found[1], found[2])
        self.assertEqual(found[1][0].email, "nina.roux@example.fr")

    def test_a_person_without_first_name_matches_a_contact_without_one(self):
        company = self.env["res.partner"].create(
            {"name": "Boulangerie Roux", "is_company": True, "street": "2 place du Marché", "zip": "13001"}
        )
        named = self.env["res.partner"].create(
            {"firstname": "Jeanne", "lastname": "Boulangerie Roux", "street": "2 place du Marché", "zip": "13001"}
        )
        [(partner, created)] = self.resolve(
            {"lastname": "Boulangerie Roux", "street": "2 pl du marché", "zip": "13001"}
        )
        self.assertEqual((partner, created), (company, False))
        self.assertNotEqual(partner, named)
