from datetime import date, timedelta

from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import AssocContactsCase


@tagged("post_install", "-at_install")
class TestStructures(AssocContactsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mairie = cls.env["res.partner"].create({"name": "Mairie de Lyon", "is_company": True})
        cls.collectif = cls.env["res.partner"].create({"name": "Collectif Vélo Lyon", "is_company": True})

    def test_current_and_past_affiliations(self):
        with Form(self.partner_marie) as form:
            with form.assoc_affiliation_ids.new() as line:
                line.organisation_id = self.mairie
                line.function = "Conseillère municipale"
                line.date_start = date(2020, 7, 1)
            with form.assoc_affiliation_ids.new() as line:
                line.organisation_id = self.collectif
                line.function = "Trésorière"
                line.date_start = date(2015, 1, 1)
                line.date_end = date(2019, 12, 31)
        affiliations = self.partner_marie.assoc_affiliation_ids
        self.assertEqual(affiliations.filtered("is_current").organisation_id, self.mairie)
        self.assertEqual(affiliations.filtered(lambda a: not a.is_current).function, "Trésorière")
        self.assertEqual(self.mairie.assoc_organisation_member_ids.partner_id, self.partner_marie)

    def test_affiliation_ending_today_becomes_past_with_cron(self):
        affiliation = self.env["assoc.affiliation"].create({
            "partner_id": self.partner_jean.id, "organisation_id": self.mairie.id,
            "date_end": date.today() + timedelta(days=1),
        })
        self.assertTrue(affiliation.is_current)
        self.env.cr.execute("UPDATE assoc_affiliation SET date_end = %s WHERE id = %s",
                            [date.today() - timedelta(days=1), affiliation.id])
        affiliation.invalidate_recordset()
        self.env["assoc.affiliation"]._cron_refresh_current()
        self.assertFalse(affiliation.is_current)

    def test_affiliation_checks(self):
        with self.assertRaises(ValidationError):
            self.env["assoc.affiliation"].create({"partner_id": self.mairie.id, "organisation_id": self.mairie.id})

    def test_household_with_primary_member(self):
        household = self.env["assoc.household"].create_for_partners(
            self.partner_marie | self.partner_jean, primary=self.partner_jean
        )
        self.assertEqual(household.name, "Lefèvre household")
        self.assertEqual(household.member_count, 2)
        self.assertEqual(household.primary_partner_id, self.partner_jean)
        self.assertEqual(household.city, "Ajaccio")
        self.assertEqual(self.partner_marie.household_id, household)
        outsider = self.env["res.partner"].create({"name": "Paul Martin"})
        with self.assertRaises(ValidationError):
            household.primary_partner_id = outsider

    def test_household_button_on_contact(self):
        action = self.partner_marie.action_assoc_create_household()
        household = self.env["assoc.household"].browse(action["res_id"])
        self.assertEqual(household.primary_partner_id, self.partner_marie)
        with Form(household) as form:
            form.partner_ids.add(self.partner_jean)
        self.assertEqual(self.partner_jean.household_id, household)
