from unittest.mock import patch

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from odoo.addons.assoc_contacts.models.assoc_territory import department_code

from .common import AssocContactsCase

# (postal code, country code, expected département/collectivity code) — domain-fr.md §9.1
ZIP_CASES = [
    ("69002", "FR", "69"),
    ("01000", "FR", "01"),
    ("20000", "FR", "2A"),  # Ajaccio
    ("20137", "FR", "2A"),  # Porto-Vecchio
    ("20200", "FR", "2B"),  # Bastia
    ("20600", "FR", "2B"),  # Furiani
    ("97100", "FR", "971"),
    ("97110", "GP", "971"),
    ("97133", "FR", "977"),  # Saint-Barthélemy, not Guadeloupe
    ("97133", "BL", "977"),
    ("97150", "FR", "978"),  # Saint-Martin, not Guadeloupe
    ("97200", "MQ", "972"),
    ("97300", "FR", "973"),
    ("97400", "RE", "974"),
    ("97600", "YT", "976"),
    ("97500", "PM", "975"),
    ("98800", "NC", "988"),
    ("98000", "FR", None),  # Monaco
    ("98000", "MC", None),
    ("00484", "FR", None),  # military postal sector « 00484 PARIS ARMEES »
    ("75008", "FR", "75"),  # CEDEX codes keep the first two digits
    ("75 008", "FR", "75"),
    ("7500", "FR", None),
    ("B-1000", "BE", None),
    ("69002", "BE", None),  # a Belgian address is not in the Rhône
    ("44000", None, "44"),  # no country: France
    ("20300", "FR", None),  # no Corsican code starts with 203
]

# (postal code, commune, expected département): communes served from a neighbouring
# département (data/fr_postal_code_exceptions.csv); the code's other communes keep its digits.
COMMUNE_CASES = [
    ("01200", "Éloise", "74"),
    ("01200", "Bellegarde-sur-Valserine", "01"),
    ("01410", "LAJOUX", "39"),
    ("01590", "Lavancia-Epercy", "39"),
    ("05110", "Curbans", "04"),
    ("05110", "La Saulce", "05"),
    ("05130", "Tallard", "05"),
    ("05700", "Villebois les Pins", "26"),
    ("06260", "St-Pierre", "04"),
    ("13780", "Riboux", "83"),
    ("33220", "Port-Ste-Foy-et-Ponchapt", "24"),
    ("33220", "Sainte-Foy-la-Grande", "33"),
    ("37160", "Buxeuil", "86"),
    ("42620", "Saint-Pierre-Laval", "03"),
    ("43450", "Leyvaux", "15"),
    ("48250", "Laveyrune", "07"),
    ("52100", "Sapignicourt", "51"),
    ("94390", "PARAY VIEILLE POSTE CEDEX", "91"),
    ("94390", "Orly", "94"),
    ("44000", "Éloise", "44"),  # the commune name alone changes nothing
]


@tagged("post_install", "-at_install")
class TestTerritory(AssocContactsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Territory = cls.env["assoc.territory"]
        cls.dep_44 = cls.env.ref("assoc_contacts.territory_dep_44")
        cls.dep_69 = cls.env.ref("assoc_contacts.territory_dep_69")
        cls.reg_52 = cls.env.ref("assoc_contacts.territory_reg_52")
        cls.reg_84 = cls.env.ref("assoc_contacts.territory_reg_84")

    def _partner(self, zip_code, country="base.fr", **vals):
        country_id = self.env.ref(country).id if country else False
        return self.env["res.partner"].create(
            {"name": "Lucie Garnier", "zip": zip_code, "country_id": country_id, "city": "Ville", **vals}
        )

    def test_reference_data(self):
        departments = self.Territory.search([("kind", "=", "department")])
        self.assertEqual(len(departments), 101)
        self.assertEqual(self.Territory.search_count([("kind", "=", "region")]), 18)
        self.assertEqual(self.env.ref("assoc_contacts.territory_dep_2A").parent_id,
                         self.env.ref("assoc_contacts.territory_reg_94"))
        self.assertEqual(self.env.ref("assoc_contacts.territory_dep_976").parent_id.code, "06")
        self.assertFalse(self.env.ref("assoc_contacts.territory_dep_977").parent_id)
        self.assertEqual(self.dep_44.display_name, "44 - Loire-Atlantique")
        self.assertEqual(self.Territory.name_search("2B")[0][0], self.env.ref("assoc_contacts.territory_dep_2B").id)

    def test_department_code_rules(self):
        for zip_code, country, expected in ZIP_CASES:
            with self.subTest(zip=zip_code, country=country):
                self.assertEqual(department_code(zip_code, country), expected)

    def test_communes_served_from_another_department(self):
        for zip_code, city, expected in COMMUNE_CASES:
            with self.subTest(zip=zip_code, city=city):
                self.assertEqual(department_code(zip_code, "FR", city), expected)
        self.assertIsNone(department_code("01200", "CH", "Éloise"), "a Swiss address stays outside")

    def test_commune_exceptions_on_contacts_orm_and_sql(self):
        partners = self.env["res.partner"].create([
            {"name": f"Contact {index}", "zip": zip_code, "city": city, "country_id": self.country_fr.id}
            for index, (zip_code, city, _dep) in enumerate(COMMUNE_CASES)
        ])
        self.assertEqual([partner.department_id.code for partner in partners],
                         [dep for _zip, _city, dep in COMMUNE_CASES])
        eloise = partners[0]
        self.assertEqual(eloise.region_id, self.reg_84)
        self.assertEqual(eloise.territory_ids, eloise.department_id | self.reg_84)
        expected = {partner: (partner.department_id, partner.region_id, partner.territory_ids) for partner in partners}
        self.env.cr.execute(
            "UPDATE res_partner SET department_id = NULL, region_id = NULL WHERE id = ANY(%s)", [partners.ids])
        self.env.cr.execute("DELETE FROM assoc_partner_territory_rel WHERE partner_id = ANY(%s)", [partners.ids])
        self.Territory._assoc_assign_partner_territories(partners.ids)
        for partner in partners:
            with self.subTest(zip=partner.zip, city=partner.city):
                self.assertEqual((partner.department_id, partner.region_id, partner.territory_ids), expected[partner])

    def test_contact_moving_to_the_neighbouring_commune(self):
        partner = self._partner("01200", city="Bellegarde-sur-Valserine")
        self.assertEqual(partner.department_id.code, "01")
        partner.write({"city": "Éloise"})
        self.assertEqual(partner.department_id, self.env.ref("assoc_contacts.territory_dep_74"))
        delegate_74 = self.env["res.users"].create({
            "name": "Déléguée Haute-Savoie", "login": "delegate74",
            "groups_id": [(6, 0, [self.env.ref("assoc_contacts.group_assoc_territory_delegate").id])],
            "assoc_territory_ids": [(6, 0, self.env.ref("assoc_contacts.territory_dep_74").ids)],
        })
        self.assertIn(partner, self.env["res.partner"].with_user(delegate_74).search([]).sudo())

    def test_sql_and_python_agree(self):
        """The set-based SQL recomputation gives what the ORM computation gives."""
        cases = [case for case in ZIP_CASES if case[0] != "7500"]  # refused for a French address
        countries = {code: self.env["res.country"].search([("code", "=", code)]).id
                     for _zip, code, _dep in cases if code}
        partners = self.env["res.partner"].create([
            {"name": f"Contact {index}", "zip": zip_code, "country_id": countries.get(country, False)}
            for index, (zip_code, country, _dep) in enumerate(cases)
        ])
        expected = {partner: (partner.department_id, partner.region_id, partner.territory_ids) for partner in partners}
        self.env.cr.execute(
            "UPDATE res_partner SET department_id = NULL, region_id = NULL WHERE id = ANY(%s)", [partners.ids])
        self.env.cr.execute("DELETE FROM assoc_partner_territory_rel WHERE partner_id = ANY(%s)", [partners.ids])
        self.Territory._assoc_assign_partner_territories(partners.ids)
        for partner, (_zip, _country, code) in zip(partners, cases, strict=True):
            with self.subTest(zip=partner.zip, country=partner.country_id.code):
                self.assertEqual(partner.department_id.code or None, code)
                self.assertEqual((partner.department_id, partner.region_id, partner.territory_ids), expected[partner])

    def test_partner_follows_its_postal_code(self):
        partner = self._partner("44000")
        self.assertEqual(partner.department_id, self.dep_44)
        self.assertEqual(partner.region_id, self.reg_52)
        self.assertEqual(partner.territory_ids, self.dep_44 | self.reg_52)
        partner.write({"zip": "69002"})  # the contact moves to Lyon
        self.assertEqual(partner.department_id, self.dep_69)
        self.assertEqual(partner.region_id, self.reg_84)
        self.assertEqual(partner.territory_ids, self.dep_69 | self.reg_84)
        partner.write({"country_id": self.env.ref("base.be").id, "zip": "1000"})
        self.assertFalse(partner.department_id or partner.region_id or partner.territory_ids)
        self.assertEqual(self.partner_jean.department_id.code, "2A")

    def test_zones_by_prefix_and_by_department(self):
        nantes = self._partner("44100")
        saint_nazaire = self._partner("44600")
        lyon = self._partner("69002")
        zone_prefix = self.Territory.create(
            {"name": "Nantes et sa couronne", "kind": "zone", "zip_prefixes": "44000, 441",
             "parent_id": self.dep_44.id})
        zone_departments = self.Territory.create(
            {"name": "Vallée du Rhône", "kind": "zone", "zone_department_ids": [(6, 0, [self.dep_69.id])]})
        self.assertIn(zone_prefix, nantes.territory_ids)
        self.assertNotIn(zone_prefix, saint_nazaire.territory_ids)
        self.assertIn(zone_departments, lyon.territory_ids)
        self.assertNotIn(zone_departments, nantes.territory_ids)
        zone_prefix.zip_prefixes = "446"  # a zone redrawn moves its contacts
        self.assertNotIn(zone_prefix, nantes.territory_ids)
        self.assertIn(zone_prefix, saint_nazaire.territory_ids)
        new_contact = self._partner("44610")
        self.assertIn(zone_prefix, new_contact.territory_ids)
        self.assertEqual(zone_prefix.partner_count, 2)

    def test_rewriting_the_same_values_does_not_match_the_whole_base_again(self):
        """A module update rewrites every territory: on a large base, matching every contact
        again per territory made the update last an hour."""
        zone = self.Territory.create({"name": "Nantes et sa couronne", "kind": "zone", "zip_prefixes": "44000, 441"})
        nantes = self._partner("44100")
        Territory = type(self.Territory)
        with patch.object(Territory, "_assoc_assign_partner_territories", autospec=True,
                          side_effect=Territory._assoc_assign_partner_territories) as assign:
            (self.dep_44 | self.dep_69).write({"kind": "department", "active": True})
            zone.write({"kind": "zone", "active": True, "zip_prefixes": "44000,441"})
            assign.assert_not_called()
            zone.write({"zip_prefixes": "446"})
            assign.assert_called_once()
        self.assertNotIn(zone, nantes.territory_ids)

    def test_bad_zip_prefix_is_refused(self):
        with self.assertRaises(ValidationError):
            self.Territory.create({"name": "Zone", "kind": "zone", "zip_prefixes": "44, abc"})

    def test_bulk_recompute_after_sql_insert(self):
        """Contacts inserted with SQL (generator, bulk import) get their territories set-based."""
        ids = self._sql_insert_partners([
            {"name": f"Contact {n}", "complete_name": f"Contact {n}", "zip": zip_code,
             "country_id": self.country_fr.id, "active": True, "type": "contact", "is_company": False}
            for n, zip_code in enumerate(["44000", "97150", "20200"], start=1)
        ])
        self.env["res.partner"]._assoc_bulk_created(ids)
        partners = self.env["res.partner"].browse(ids)
        self.assertEqual(partners.mapped("department_id.code"), ["44", "978", "2B"])
        self.assertEqual(partners[2].region_id, self.env.ref("assoc_contacts.territory_reg_94"))
