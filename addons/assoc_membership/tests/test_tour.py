from odoo.tests import HttpCase, tagged

from .common import create_french_people


@tagged("post_install", "-at_install")
class TestMembershipTour(HttpCase):
    def test_record_a_membership(self):
        create_french_people(self.env)
        self.env["assoc.membership.type"].create(
            {"name": "Adhésion découverte", "amount": 0, "validity_mode": "rolling", "duration_months": 6}
        )
        self.start_tour(
            "/odoo/action-assoc_membership.action_assoc_membership", "assoc_membership_record", login="admin"
        )
        membership = self.env["assoc.membership"].search([("partner_id.name", "=", "Marie Dupont")])
        self.assertEqual(membership.state, "confirmed")
        self.assertEqual(membership.partner_id.assoc_membership_state, "member")
