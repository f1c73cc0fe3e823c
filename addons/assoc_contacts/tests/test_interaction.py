from odoo.tests import tagged

from .common import AssocContactsCase


@tagged("post_install", "-at_install")
class TestInteraction(AssocContactsCase):
    def test_log_events_by_code_with_origin(self):
        interactions = self.env["assoc.interaction"].log_events(
            [
                {"partner_id": self.partner_marie.id, "type_code": "payment", "name": "Versement reçu",
                 "origin": self.partner_jean},
                {"partner_id": self.partner_jean.id, "type_code": "call", "name": "Appel de relance"},
            ]
        )
        self.assertEqual(len(interactions), 2)
        payment = interactions.filtered(lambda i: i.partner_id == self.partner_marie)
        self.assertEqual(payment.type_id, self.env.ref("assoc_contacts.interaction_type_payment"))
        self.assertEqual(payment.category, "money")
        self.assertEqual((payment.res_model, payment.res_id), ("res.partner", self.partner_jean.id))
        self.assertEqual(self.partner_jean.assoc_interaction_ids.type_id, self.type_call)

    def test_interactions_follow_partner_deletion(self):
        interaction = self.env["assoc.interaction"].create(
            {"partner_id": self.partner_marie.id, "type_id": self.type_call.id, "name": "Appel"}
        )
        self.partner_marie.unlink()
        self.assertFalse(interaction.exists())
