from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .common_access import AccessDataMixin, AccessHttpMixin


@tagged("post_install", "-at_install")
class TestAccessHttp(AccessDataMixin, AccessHttpMixin, HttpCase):
    """The rules hold through what a browser or a script can call: JSON-RPC and exports."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.partner_marie = cls.env["res.partner"].create(
            {"name": "Marie Dupont", "email": "marie.dupont@example.fr", "zip": "69002", "city": "Lyon",
             "country_id": cls.env.ref("base.fr").id})
        cls.partner_jean = cls.env["res.partner"].create(
            {"name": "Jean Lefèvre", "zip": "20000", "city": "Ajaccio", "country_id": cls.env.ref("base.fr").id})
        cls.setup_access_data()

    def test_json_rpc_list_name_search_read_group(self):
        domain = [("id", "in", self.contacts.ids)]
        cases = {
            "delegate": self.nantes_member | self.nantes_neighbour | self.nantes_donor,
            "donor_relations": self.nantes_donor | self.lyon_donor,
            "bureau": self.contacts,
        }
        for profile, expected in cases.items():
            with self.subTest(profile=profile):
                self._login(profile)
                result = self._call_kw("res.partner", "web_search_read", [], {
                    "domain": domain, "specification": {"name": {}, "email": {}}, "limit": 80,
                    "count_limit": 10001,
                })
                self.assertEqual({row["id"] for row in result["records"]}, set(expected.ids))
                self.assertEqual(result["length"], len(expected))
                found = self._call_kw("res.partner", "name_search", [], {"name": "", "args": domain, "limit": 80})
                self.assertEqual({pid for pid, _name in found}, set(expected.ids))
                groups = self._call_kw("res.partner", "web_read_group", [], {
                    "domain": domain, "fields": ["department_id"], "groupby": ["department_id"]})
                self.assertEqual(sum(group["department_id_count"] for group in groups["groups"]), len(expected))
                interactions = self._call_kw("assoc.interaction", "search_read",
                                             [[("id", "in", self.interactions.ids)]], {"fields": ["partner_id"]})
                self.assertEqual({row["partner_id"][0] for row in interactions}, set(expected.ids))

    def test_json_rpc_read_of_hidden_contact_fails(self):
        self._login("delegate")
        with self.assertRaises(JsonRpcException), mute_logger("odoo.http", "odoo.addons.base.models.ir_rule"):
            self._call_kw("res.partner", "read", [self.lyon_contact.ids, ["name", "email"]])
        with self.assertRaises(JsonRpcException), mute_logger("odoo.http", "odoo.addons.base.models.ir_rule"):
            self._call_kw("res.partner", "write", [self.lyon_contact.ids, {"email": "pirate@example.com"}])
        self.assertEqual(self.lyon_contact.email, "marie.dupont@example.fr")

    def test_export_controller(self):
        self._login("delegate")
        with mute_logger("odoo.http", "odoo.addons.web.controllers.export"):
            response = self._export("res.partner", ["name", "email"], domain=[("id", "in", self.contacts.ids)])
        self.assertEqual(response.status_code, 500, "a territory delegate cannot export")
        self.assertIn("rights to export", response.text)
        self.users["donor_relations"].groups_id |= self.env.ref("base.group_allow_export")
        self._login("donor_relations")
        response = self._export("res.partner", ["name", "email"], domain=[("id", "in", self.contacts.ids)])
        self.assertEqual(response.status_code, 200)
        self.assertEqual({row[0] for row in self._csv_rows(response)}, {self.nantes_donor.name, self.lyon_donor.name})
        with mute_logger("odoo.http", "odoo.addons.web.controllers.export", "odoo.addons.base.models.ir_rule"):
            response = self._export("res.partner", ["name", "email"], ids=self.lyon_contact.ids)
        self.assertEqual(response.status_code, 500, "exporting a hidden contact by id fails")
        self.assertIn("AccessError", response.text)
        self.assertNotIn(self.lyon_contact.email, response.text)

    def test_double_opt_in_confirmation_page(self):
        consent = self.env["assoc.consent"].request_double_opt_in(
            self.nantes_member, self.env.ref("assoc_contacts.consent_purpose_newsletter"),
            proof_text="J'accepte de recevoir la lettre d'information.", proof_form="/newsletter",
            proof_ip="203.0.113.7")
        self.assertEqual(consent.state, "pending")
        token = consent.sudo().token
        mail = self.env["mail.mail"].sudo().search([("model", "=", "assoc.consent"), ("res_id", "=", consent.id)])
        self.assertIn(f"/assoc/consent/confirm/{token}", mail.body_html)
        response = self.url_open(f"/assoc/consent/confirm/{token}")
        self.assertEqual(response.status_code, 200, response.text[-3000:])
        self.assertEqual(consent.state, "granted")
        self.assertTrue(consent.proof_ip)
        self.assertEqual(self.url_open(f"/assoc/consent/confirm/{token}").status_code, 404, "a link works once")
        self.assertEqual(self.url_open("/assoc/consent/confirm/forged-token").status_code, 404)
