from datetime import date, datetime

from odoo.tests import Form, tagged

from .common import AssocContactsCase


@tagged("post_install", "-at_install")
class TestSegment(AssocContactsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.segment_lyon = cls.env["assoc.segment"].create({
            "name": "Contacts lyonnais", "domain": "[('zip', '=like', '69%')]",
        })

    def test_segment_is_always_current(self):
        self.assertEqual(self.segment_lyon.state, "valid")
        before = self.segment_lyon.contact_count
        self.assertEqual(before, self.env["res.partner"].search_count([("zip", "=like", "69%")]))
        self.env["res.partner"].create({"name": "Nadia Benali", "zip": "69100", "country_id": self.country_fr.id})
        self.segment_lyon.invalidate_recordset()
        self.assertEqual(self.segment_lyon.contact_count, before + 1)

    def test_segment_as_contact_filter(self):
        Partner = self.env["res.partner"]
        found = Partner.search([("assoc_segment_ids", "in", self.segment_lyon.ids)])
        self.assertIn(self.partner_marie, found)
        self.assertNotIn(self.partner_jean, found)
        self.assertEqual(Partner.search([("assoc_segment_ids", "ilike", "lyonnais")]), found)
        self.assertNotIn(self.partner_marie, Partner.search([("assoc_segment_ids", "not in", self.segment_lyon.ids)]))
        self.assertIn(self.segment_lyon, self.partner_marie.assoc_segment_ids)
        action = self.segment_lyon.action_open_contacts()
        self.assertEqual(Partner.search(action["domain"]), found)

    def test_segment_from_saved_search(self):
        favourite = self.env["ir.filters"].create({
            "name": "Corses", "model_id": "res.partner", "domain": "[('zip', '=like', '20%')]",
        })
        with Form(self.env["assoc.segment"]) as form:
            form.filter_id = favourite
        segment = form.save()
        self.assertEqual(segment.name, "Corses")
        self.assertIn(self.partner_jean, self.env["res.partner"].search([("assoc_segment_ids", "in", segment.ids)]))

    def test_broken_domain_is_flagged_and_does_not_crash(self):
        broken = self.env["assoc.segment"].create({"name": "Ancien champ", "domain": "[('x_removed_field', '=', 1)]"})
        self.assertEqual(broken.state, "invalid")
        self.assertTrue(broken.error_message)
        self.assertEqual(broken.contact_count, 0)
        partners = self.env["res.partner"].search([("assoc_segment_ids", "in", (broken | self.segment_lyon).ids)])
        self.assertIn(self.partner_marie, partners)
        self.segment_lyon.write({"domain": "[('zip', '=like', '69%'), ('x_gone', '=', True)]"})
        self.assertEqual(self.segment_lyon.state, "invalid")
        self.assertFalse(self.env["res.partner"].search([("assoc_segment_ids", "in", self.segment_lyon.ids)]))
        unparsable = self.env["assoc.segment"].create({"name": "Syntaxe", "domain": "[('zip', '=',"})
        self.assertEqual(unparsable.state, "invalid")
        nested = self.env["assoc.segment"].create({
            "name": "Imbriqué", "domain": f"[('assoc_segment_ids', 'in', [{self.segment_lyon.id}])]",
        })
        self.assertEqual(nested.state, "invalid")

    def test_interaction_search_saved_as_segment(self):
        self.env["assoc.interaction"].create({
            "partner_id": self.partner_jean.id, "type_id": self.type_call.id, "name": "Appel de bienvenue",
            "date": datetime(2026, 3, 2, 14, 0),
        })
        wizard = self.env["assoc.interaction.search"].create({
            "type_ids": [(6, 0, self.type_call.ids)], "date_from": date(2026, 3, 1),
            "segment_name": "Appelés depuis mars",
        })
        partners = self.env["res.partner"].search(wizard.action_search()["domain"])
        self.assertEqual(partners, self.partner_jean)
        segment = self.env["assoc.segment"].browse(wizard.action_save_segment()["res_id"])
        self.assertEqual(segment.contact_count, 1)
        wizard.date_from = date(2026, 3, 3)
        self.assertFalse(self.env["res.partner"].search(wizard.action_search()["domain"]))
