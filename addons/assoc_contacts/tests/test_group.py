from datetime import date, datetime, timedelta

from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import AssocContactsCase


@tagged("post_install", "-at_install")
class TestGroup(AssocContactsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.partner_sophie = cls.env["res.partner"].create({"name": "Sophie Marchand", "zip": "69007",
                                                            "country_id": cls.country_fr.id})
        cls.group = cls.env["assoc.group"].create({
            "name": "Groupe local Lyon 7e", "group_type": "local", "location": "Lyon 7e",
            "referent_id": cls.partner_marie.id, "email": "lyon7@example.fr",
        })

    def test_group_form_with_members(self):
        with Form(self.env["assoc.group"]) as form:
            form.name = "Commission Climat"
            form.group_type = "thematic"
            form.referent_id = self.partner_jean
            with form.member_ids.new() as line:
                line.partner_id = self.partner_marie
                line.role = "Animatrice"
                line.date_join = date(2025, 9, 1)
            with form.member_ids.new() as line:
                line.partner_id = self.partner_jean
        group = form.save()
        self.assertEqual(group.member_count, 2)
        self.assertEqual(group.member_ids.filtered(lambda m: m.partner_id == self.partner_marie).date_join,
                         date(2025, 9, 1))
        self.assertIn(group, self.partner_marie.assoc_group_ids)

    def test_add_partners_and_leave(self):
        members = self.group.add_partners(self.partner_marie | self.partner_jean, date_join=date(2025, 1, 6))
        self.assertEqual(self.group.member_count, 2)
        self.assertEqual(self.env["res.partner"].search([("assoc_group_ids", "in", self.group.ids)]),
                         self.partner_marie | self.partner_jean)
        marie = members.filtered(lambda m: m.partner_id == self.partner_marie)
        marie.date_leave = date.today() - timedelta(days=1)
        self.assertFalse(marie.is_current)
        self.assertEqual(self.group.member_count, 1)
        self.assertNotIn(self.group, self.partner_marie.assoc_group_ids)
        self.group.add_partners(self.partner_marie | self.partner_sophie)
        self.assertTrue(marie.is_current)
        self.assertEqual(self.group.member_count, 3)
        with self.assertRaises(ValidationError):
            marie.write({"date_join": date(2026, 1, 10), "date_leave": date(2025, 1, 10)})

    def test_group_interaction_stats(self):
        self.group.add_partners(self.partner_marie | self.partner_jean)
        Interaction = self.env["assoc.interaction"]
        Interaction.create([
            {"partner_id": self.partner_marie.id, "type_id": self.type_call.id, "name": "Appel",
             "date": datetime(2025, 3, 4, 10, 0)},
            {"partner_id": self.partner_jean.id, "type_id": self.type_call.id, "name": "Relance",
             "date": datetime(2026, 2, 1, 9, 30)},
            {"partner_id": self.partner_sophie.id, "type_id": self.type_call.id, "name": "Hors groupe",
             "date": datetime(2026, 6, 1, 9, 30)},
        ])
        self.group.invalidate_recordset()
        self.assertEqual(self.group.interaction_count, 2)
        self.assertEqual(self.group.first_interaction_date, datetime(2025, 3, 4, 10, 0))
        self.assertEqual(self.group.last_interaction_date, datetime(2026, 2, 1, 9, 30))
        self.assertEqual(self.group.recent_interaction_ids.mapped("name"), ["Relance", "Appel"])
        action = self.group.action_open_interactions()
        self.assertEqual(Interaction.search(action["domain"]).partner_id, self.partner_marie | self.partner_jean)
