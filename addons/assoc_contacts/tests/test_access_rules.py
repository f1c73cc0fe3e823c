from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import AssocContactsCase
from .common_access import AccessDataMixin


@tagged("post_install", "-at_install")
class TestAccessRules(AccessDataMixin, AssocContactsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_access_data()
        cls.expected = {
            "delegate": cls.nantes_member | cls.nantes_neighbour | cls.nantes_donor,
            "collector": cls.lyon_donor,
            "local_animator": cls.nantes_member | cls.nantes_neighbour,
            "thematic_animator": cls.lyon_contact,
            "donor_relations": cls.nantes_donor | cls.lyon_donor,
            "volunteer": cls.nantes_member,
            "finance": cls.contacts,
            "bureau": cls.contacts,
        }

    def _as(self, profile, model="res.partner"):
        return self.env[model].with_user(self.users[profile])

    def test_search_sees_exactly_the_profile_scope(self):
        for profile, expected in self.expected.items():
            with self.subTest(profile=profile):
                seen = self._as(profile).search([("id", "in", self.contacts.ids)])
                self.assertEqual(seen.sudo(), expected)
                self.assertEqual(self._as(profile).search_count([("id", "in", self.contacts.ids)]), len(expected))

    def test_read_of_hidden_contact_is_refused(self):
        for profile, expected in self.expected.items():
            hidden = self.contacts - expected
            with self.subTest(profile=profile):
                if hidden:
                    with self.assertRaises(AccessError), mute_logger("odoo.addons.base.models.ir_rule"):
                        hidden.with_user(self.users[profile]).read(["name", "email"])
                expected.with_user(self.users[profile]).read(["name", "email"])

    def test_name_search_and_read_group(self):
        for profile, expected in self.expected.items():
            with self.subTest(profile=profile):
                Partner = self._as(profile)
                found = {pid for pid, _name in Partner.name_search("", [("id", "in", self.contacts.ids)], limit=100)}
                self.assertEqual(found, set(expected.ids))
                for partner in self.contacts - expected:
                    self.assertFalse(Partner.name_search(partner.name, [("id", "in", self.contacts.ids)]))
                groups = Partner.read_group([("id", "in", self.contacts.ids)], ["department_id"], ["department_id"])
                self.assertEqual(sum(group["department_id_count"] for group in groups), len(expected))
                counts = {group["department_id"][1] if group["department_id"] else False: group["department_id_count"]
                          for group in groups}
                self.assertEqual(counts, {
                    dep.display_name: len(expected.filtered(lambda p, d=dep: p.department_id == d))
                    for dep in expected.department_id
                })

    def test_related_records_follow_the_contact(self):
        """Interactions, group lines and affiliations of hidden contacts stay hidden."""
        for profile, expected in self.expected.items():
            with self.subTest(profile=profile):
                interactions = self._as(profile, "assoc.interaction").search([("id", "in", self.interactions.ids)])
                self.assertEqual(interactions.sudo().partner_id, expected)
                lines = self._as(profile, "assoc.group.member").search(
                    [("partner_id", "in", self.contacts.ids)]).sudo()
                self.assertLessEqual(lines.partner_id, expected)
                found = self._as(profile, "assoc.interaction").name_search("Appel", limit=100)
                self.assertEqual(len(found), len(expected))

    def test_delegate_manages_their_territory_only(self):
        delegate = self.users["delegate"]
        self.nantes_donor.with_user(delegate).write({"phone": "+33 2 40 00 00 00"})
        with self.assertRaises(AccessError), mute_logger("odoo.addons.base.models.ir_rule"):
            self.lyon_contact.with_user(delegate).write({"phone": "+33 4 72 00 00 00"})
        with Form(self.env["res.partner"].with_user(delegate)) as form:
            form.name = "Loïc Guérin"
            form.zip = "44300"
            form.country_id = self.env.ref("base.fr")
        created = form.save()
        self.assertEqual(created.sudo().department_id, self.dep_44)
        # a contact they create elsewhere stays theirs, but Lyon's contacts stay hidden
        elsewhere = self.env["res.partner"].with_user(delegate).create({"name": "Cousin lyonnais", "zip": "69001"})
        self.assertTrue(elsewhere.with_user(delegate).read(["name"]))
        group = self.env["assoc.group"].with_user(delegate).create(
            {"name": "Groupe local de Saint-Nazaire", "group_type": "local"})
        self.assertEqual(group.create_uid, delegate)

    def test_volunteer_is_read_only(self):
        volunteer = self.users["volunteer"]
        self.assertTrue(self.nantes_member.with_user(volunteer).read(["name"]))
        with self.assertRaises(AccessError), mute_logger("odoo.addons.base.models.ir_rule", "odoo.models"):
            self.nantes_member.with_user(volunteer).write({"phone": "+33 6 00 00 00 00"})
        with self.assertRaises(AccessError), mute_logger("odoo.addons.base.models.ir_rule", "odoo.models"):
            self.env["res.partner"].with_user(volunteer).create({"name": "Nouveau contact"})
        groups = self.env["assoc.group"].with_user(volunteer).search([("id", "in", (self.local_group
                                                                                    | self.thematic_group).ids)])
        self.assertEqual(groups, self.local_group)

    def test_animator_moves_with_group_changes(self):
        animator = self.users["thematic_animator"]
        Partner = self.env["res.partner"].with_user(animator)
        self.assertNotIn(self.ajaccio_contact, Partner.search([]).sudo())
        self.thematic_group.add_partners(self.ajaccio_contact)
        self.assertIn(self.ajaccio_contact, Partner.search([]).sudo())
        self.thematic_group.animator_user_ids = False
        self.assertNotIn(self.lyon_contact, Partner.search([]).sudo())

    def test_delegate_follows_territory_assignment_and_moves(self):
        delegate = self.users["delegate"]
        Partner = self.env["res.partner"].with_user(delegate)
        self.assertNotIn(self.ajaccio_contact, Partner.search([]).sudo())
        delegate.assoc_territory_ids |= self.env.ref("assoc_contacts.territory_reg_94")
        self.assertIn(self.ajaccio_contact, Partner.search([]).sudo())
        self.nantes_neighbour.zip = "69001"  # the contact moves away
        self.assertNotIn(self.nantes_neighbour, Partner.search([]).sudo())

    def test_contacts_inserted_with_sql_follow_the_rules(self):
        """The generator and bulk imports insert rows without Odoo's defaults (partner_share is NULL)."""
        inserted = self.env["res.partner"].browse(self._sql_insert_partners([{
            "name": "Paul Girard", "complete_name": "Paul Girard", "zip": "69007",
            "country_id": self.env.ref("base.fr").id, "active": True, "type": "contact", "is_company": False,
        }]))
        self.env["res.partner"]._assoc_bulk_created(inserted.ids)
        self.assertNotIn(inserted, self._as("delegate").search([]).sudo())
        self.assertIn(inserted, self._as("bureau").search([]).sudo())

    def test_staff_users_and_company_stay_visible(self):
        """Odoo needs everybody to read the staff's and the company's contacts."""
        for profile in self.expected:
            with self.subTest(profile=profile):
                user = self.users[profile]
                Partner = self.env["res.partner"].with_user(user)
                visible = Partner.search([("id", "in", (self.users["bureau"].partner_id
                                                        | self.env.company.partner_id).ids)])
                self.assertEqual(len(visible), 2)
                self.assertTrue(self.env["res.users"].with_user(user).search([("id", "=", self.users["bureau"].id)]))

    def test_import_is_forbidden_to_local_profiles(self):
        for profile in ("delegate", "collector", "donor_relations"):
            with self.subTest(profile=profile), self.assertRaises(AccessError):
                self._as(profile).load(["name", "zip"], [["Importé Un", "44000"]])
        result = self._as("bureau").load(["name", "zip"], [["Importé Deux", "44000"]])
        self.assertTrue(result["ids"])

    def test_export_right(self):
        with self.assertRaises(UserError):
            self.nantes_member.with_user(self.users["delegate"]).export_data(["name"])
        rows = self.contacts.with_user(self.users["bureau"]).export_data(["name"])["datas"]
        self.assertEqual(len(rows), len(self.contacts))

    def test_mass_mail_limit(self):
        self.env["ir.config_parameter"].sudo().set_param("assoc_contacts.mass_mail_limit", "2")
        delegate = self.users["delegate"]
        targets = self.expected["delegate"]
        composer = self.env["mail.compose.message"].with_user(delegate).with_context(
            default_composition_mode="mass_mail", default_model="res.partner",
            default_res_ids=targets.ids, active_ids=targets.ids,
        ).create({"subject": "Réunion du groupe", "body": "<p>Bonjour</p>"})
        with self.assertRaises(UserError):
            composer.action_send_mail()
        composer_two = self.env["mail.compose.message"].with_user(delegate).with_context(
            default_composition_mode="mass_mail", default_model="res.partner", default_res_ids=targets[:2].ids,
        ).create({"subject": "Réunion du groupe", "body": "<p>Bonjour</p>"})
        composer_two.action_send_mail()
        sent = self.env["mail.mail"].sudo().search([("subject", "=", "Réunion du groupe")])
        self.assertEqual(len(sent), 2)
        self.assertEqual(self.users["bureau"]._assoc_mass_mail_limit(), 0)

    def test_who_sees_this_contact(self):
        visible = self.nantes_donor.assoc_visible_user_ids
        for profile, expected in self.expected.items():
            with self.subTest(profile=profile):
                self.assertEqual(self.users[profile] in visible, self.nantes_donor in expected)
