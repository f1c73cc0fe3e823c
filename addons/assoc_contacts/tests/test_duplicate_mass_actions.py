from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .test_duplicate import DuplicateCase


@tagged("post_install", "-at_install")
class TestMassActions(DuplicateCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.partners = cls.partner_marie | cls.partner_jean
        cls.tag_press = cls.env["res.partner.category"].create({"name": "Presse"})
        cls.group_lyon = cls.env["assoc.group"].create({"name": "Groupe local de Lyon", "group_type": "local"})

    def wizard_form(self, model, partners):
        return Form(self.env[model].with_context(active_model="res.partner", active_ids=partners.ids))

    def test_add_and_remove_a_tag(self):
        with self.wizard_form("assoc.partner.tag.wizard", self.partners) as form:
            self.assertEqual(form.partner_count, 2)
            form.tag_ids.add(self.tag_press)
        form.record.action_apply()
        self.assertTrue(all(self.tag_press in partner.category_id for partner in self.partners))
        with self.wizard_form("assoc.partner.tag.wizard", self.partner_jean) as form:
            form.operation = "remove"
            form.tag_ids.add(self.tag_press)
        form.record.action_apply()
        self.assertIn(self.tag_press, self.partner_marie.category_id)
        self.assertNotIn(self.tag_press, self.partner_jean.category_id)

    def test_system_tags_are_not_offered(self):
        wizard = self.env["assoc.partner.tag.wizard"].create({"partner_ids": [(6, 0, self.partners.ids)]})
        offered = self.env["res.partner.category"].search(wizard._fields["tag_ids"].get_domain_list(wizard))
        self.assertNotIn(self.tag_member, offered)
        wizard.tag_ids = self.tag_member
        with self.assertRaises(UserError):
            wizard.action_apply()

    def test_add_to_a_group(self):
        with self.wizard_form("assoc.partner.group.wizard", self.partners) as form:
            form.group_id = self.group_lyon
        form.record.action_apply()
        self.assertEqual(self.group_lyon.member_ids.partner_id, self.partners)
        self.assertEqual(self.group_lyon.member_count, 2)

    def test_record_an_interaction_on_many_contacts(self):
        with self.wizard_form("assoc.interaction.mass.wizard", self.partners) as form:
            form.type_id = self.type_call
            form.name = "Relance téléphonique AG 2025"
        form.record.action_apply()
        for partner in self.partners:
            interaction = partner.assoc_interaction_ids
            self.assertEqual((interaction.type_id, interaction.name), (self.type_call, "Relance téléphonique AG 2025"))
        self.assertEqual(self.partner_marie.assoc_interaction_count, 1)

    def test_empty_selection_is_refused(self):
        wizard = self.env["assoc.interaction.mass.wizard"].create({"type_id": self.type_call.id, "name": "Appel"})
        with self.assertRaises(UserError):
            wizard.action_apply()

    def test_mass_mail_through_the_composer(self):
        action = self.env.ref("mail.action_partner_mass_mail")
        self.assertEqual(action.binding_model_id.model, "res.partner")
        context = dict(eval(action.context.replace("{{ object.id or '' }}", "")), active_model="res.partner",
                       active_ids=self.partners.ids, default_model="res.partner",
                       default_res_ids=self.partners.ids)
        with Form(self.env["mail.compose.message"].with_context(context)) as composer:
            self.assertEqual(composer.composition_mode, "mass_mail")
            composer.subject = "Assemblée générale"
            composer.reply_to = "contact@amis-du-rhone.fr"
            composer.body = "<p>Bonjour {{ object.firstname }}</p>"
        composer.record._action_send_mail()
        mails = self.env["mail.mail"].search([("subject", "=", "Assemblée générale")])
        self.assertEqual(mails.recipient_ids, self.partners)
