from datetime import date

from odoo import fields
from odoo.tests import HttpCase, tagged

from .common import create_french_people, create_membership_types


@tagged("post_install", "-at_install")
class TestVerificationPage(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        (cls.marie, cls.jean, *_), _household = create_french_people(cls.env)
        types = create_membership_types(cls.env)
        Membership = cls.env["assoc.membership"]
        cls.valid = Membership.create(
            {
                "partner_id": cls.marie.id,
                "type_id": types["rolling"].id,
                "date": fields.Date.today(),
                "state": "confirmed",
            }
        )
        cls.expired = Membership.create(
            {"partner_id": cls.jean.id, "type_id": types["calendar"].id, "date": date(2019, 5, 4), "state": "confirmed"}
        )

    def test_valid_code_shows_valid_and_first_name_only(self):
        response = self.url_open(f"/assoc/membership/verify/{self.valid.verify_token}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Valid membership", response.text)
        self.assertIn("Marie", response.text)
        self.assertNotIn("Dupont", response.text)
        self.assertNotIn(self.marie.assoc_member_number, response.text)
        self.assertIn(self.valid.verify_token, self.valid._card_values()["qr_url"])

    def test_expired_code(self):
        response = self.url_open(f"/assoc/membership/verify/{self.expired.verify_token}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Expired membership", response.text)
        self.assertIn("Jean", response.text)
        self.assertNotIn("Lefèvre", response.text)

    def test_forged_or_unknown_codes_show_nothing(self):
        token = self.valid.verify_token
        forged = token[:-1] + ("A" if token[-1] != "A" else "B")
        for code in (forged, self.marie.assoc_member_number, "x"):
            response = self.url_open(f"/assoc/membership/verify/{code}")
            self.assertEqual(response.status_code, 404)
            self.assertNotIn("Marie", response.text)
        self.valid.action_cancel()
        self.assertEqual(self.url_open(f"/assoc/membership/verify/{token}").status_code, 404)
