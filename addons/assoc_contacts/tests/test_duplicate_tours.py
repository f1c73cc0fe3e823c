from datetime import date

from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestDuplicateTours(HttpCase):
    def person(self, firstname, lastname, **vals):
        return self.env["res.partner"].create(
            dict({"country_id": self.env.ref("base.fr").id}, firstname=firstname, lastname=lastname, **vals)
        )

    def test_duplicate_review(self):
        zoe = self.person("Zoé", "Tourangeau", email="zoe.tourangeau@exemple.fr", birthdate=date(1984, 2, 3))
        zoe_again = self.person("Zoé", "Tourangeau", email=" Zoe.Tourangeau@exemple.fr", birthdate=date(1984, 3, 2),
                                city="Tours")
        interaction = self.env["assoc.interaction"].create({
            "partner_id": zoe_again.id, "type_id": self.env.ref("assoc_contacts.interaction_type_call").id,
            "name": "Appel de bienvenue",
        })
        yves = self.person("Yves", "Quillet", zip="29200", city="Brest")
        quillet = self.person("Quillet", "Yves", zip="56100", city="Lorient")
        self.env["assoc.duplicate.scan"]._launch(["swapped"])
        self.env["assoc.duplicate.scan"]._cron_run_scans()
        self.start_tour("/odoo/action-assoc_contacts.action_assoc_duplicate", "assoc_duplicate_review_tour",
                        login="admin")
        Duplicate = self.env["assoc.duplicate"]
        self.assertEqual(Duplicate.search([("partner_a_id", "=", yves.id), ("partner_b_id", "=", quillet.id)]).state,
                         "distinct")
        merged = Duplicate.search([("state", "=", "merged"), ("partner_a_id", "=", zoe.id)])
        self.assertEqual(merged.partner_b_name, "Zoé Tourangeau")
        self.assertFalse(zoe_again.exists())
        self.assertEqual(interaction.partner_id, zoe)
        self.assertEqual(zoe.birthdate, date(1984, 3, 2))
        self.assertEqual(zoe.city, "Tours")

    def test_mass_actions(self):
        family = self.person("Jeanne", "Vasseur", zip="59100", city="Roubaix") \
            | self.person("Louis", "Vasseur", zip="59100", city="Roubaix") \
            | self.person("Inès", "Vasseur", zip="59100", city="Roubaix")
        press = self.env["res.partner.category"].create({"name": "Presse"})
        group = self.env["assoc.group"].create({"name": "Groupe local de Roubaix", "group_type": "local"})
        self.start_tour("/odoo/action-assoc_contacts.action_assoc_contacts?view_type=list",
                        "assoc_mass_actions_tour", login="admin")
        for partner in family:
            self.assertIn(press, partner.category_id)
            self.assertEqual(partner.assoc_interaction_ids.name, "Invitation à la fête de quartier")
        self.assertEqual(group.member_ids.partner_id, family)
