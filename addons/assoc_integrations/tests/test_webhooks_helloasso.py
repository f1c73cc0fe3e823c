import json

from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged

from .common import HelloAssoCase


@tagged("post_install", "-at_install")
class TestHelloAssoWebhook(HelloAssoCase, HttpCase):
    def post(self, body, headers=None, token=None):
        token = token or self.connector.webhook_token
        url = f"/assoc/webhook/helloasso/{self.connector.id}?token={token}"
        return self.url_open(url, data=body, headers=headers or {"Content-Type": "application/json"}, timeout=60)

    def notify(self, event_type, obj, key=None, token=None):
        body, headers = self.fake.notification(event_type, obj, signature_key=key)
        return self.post(body, headers, token=token)

    def last_event(self):
        return self.env["assoc.webhook.event"].search([("connector_id", "=", self.connector.id)], limit=1)

    def test_order_notification_is_stored_then_imported(self):
        response = self.notify("Order", self.fake.orders[101])
        self.assertEqual(response.status_code, 200)
        event = self.last_event()
        self.assertEqual((event.state, event.event_type, event.signature_state), ("done", "Order", "token"))
        self.assertEqual(json.loads(event.body)["data"]["id"], 101)
        self.assertEqual(self.orders().helloasso_id, "101")
        self.assertEqual(self.orders().item_ids.donation_ids.partner_id, self.marie)

    def test_payment_seen_by_webhook_and_pull_is_recorded_once(self):
        payment = self.fake.payment_view(self.fake.orders[101], self.fake.orders[101]["payments"][0])
        self.assertEqual(self.notify("Payment", payment).status_code, 200)
        self.assertEqual(self.notify("Payment", dict(payment, state="Authorized")).status_code, 200)
        self.connector._run()
        key = f"{self.connector.organization_slug}/9101/101"
        self.assertEqual(self.env["account.payment"].search_count([("assoc_helloasso_key", "=", key)]), 1)
        self.assertEqual(self.env["assoc.donation"].search_count([("payment_id.assoc_helloasso_key", "=", key)]), 1)

    def test_same_delivery_twice_is_ignored(self):
        self.notify("Order", self.fake.orders[104])
        self.notify("Order", self.fake.orders[104])
        first, second = self.env["assoc.webhook.event"].search([("connector_id", "=", self.connector.id)], order="id")
        self.assertEqual((first.state, second.state), ("done", "ignored"))
        self.assertEqual(len(self.helloasso_payments()), 1)

    def test_signed_notification(self):
        self.connector.signature_key = "cle-de-signature"
        self.assertEqual(self.notify("Order", self.fake.orders[104], key="cle-de-signature").status_code, 200)
        self.assertEqual(self.last_event().signature_state, "valid")

    def test_bad_signature_is_rejected_with_401_and_kept(self):
        self.connector.signature_key = "cle-de-signature"
        response = self.notify("Order", self.fake.orders[104], key="une-autre-cle")
        self.assertEqual(response.status_code, 401)
        self.assertIn("signature", response.json()["message"])
        event = self.last_event()
        self.assertEqual((event.state, event.signature_state), ("rejected", "invalid"))
        self.assertIn('"id": 104', event.body)
        self.assertFalse(self.orders())
        with self.assertRaises(UserError):
            event.action_reprocess()

    def test_wrong_token_is_rejected(self):
        response = self.notify("Order", self.fake.orders[104], token="devine")
        self.assertEqual(response.status_code, 401)
        self.assertEqual(self.last_event().state, "rejected")

    def test_malformed_json_is_a_400_with_the_reason(self):
        response = self.post(b'{"eventType": "Order", "data": {"id": 104')
        self.assertEqual(response.status_code, 400)
        self.assertIn("Malformed JSON", response.json()["message"])
        event = self.last_event()
        self.assertEqual(event.state, "error")
        self.assertIn("Malformed JSON", event.error)
        self.assertEqual(event.body, '{"eventType": "Order", "data": {"id": 104')

    def test_unknown_item_type_keeps_the_event_in_error_and_imports_the_rest(self):
        self.assertEqual(self.notify("Order", self.fake.orders[106]).status_code, 200)
        event = self.last_event()
        self.assertEqual(event.state, "error")
        self.assertIn("unknown item type “GiftCard”", event.error)
        gift_item = self.orders().item_ids.filtered(lambda i: i.helloasso_id == "10602")
        self.assertEqual(gift_item.donation_ids.amount, 10.0)

    def test_failed_event_is_reprocessed_after_the_fix(self):
        self.membership_type.name = "Adhésion 2025"  # no type named like the HelloAsso tier
        self.notify("Order", self.fake.orders[102])
        event = self.last_event()
        self.assertEqual(event.state, "error")
        self.assertIn("No membership type", event.error)
        self.connector.default_membership_type_id = self.membership_type
        event.action_reprocess()
        self.assertEqual((event.state, event.attempts), ("done", 2))
        membership = self.orders().item_ids.membership_id
        self.assertEqual(membership.type_id, self.membership_type)
        with self.assertRaises(UserError):
            event.action_reprocess()
        self.connector._run()  # the pull sees the same order: nothing doubled
        self.assertEqual(len(self.orders().item_ids.membership_id), 1)
        self.assertEqual(len(self.orders().filtered(lambda o: o.helloasso_id == "102").item_ids.payment_ids), 2)

    def test_provider_down_keeps_the_event_to_retry(self):
        self.fake.down = True
        self.assertEqual(self.notify("Order", self.fake.orders[101]).status_code, 200)
        event = self.last_event()
        self.assertEqual(event.state, "error")
        self.assertIn("503", event.error)
        self.fake.down = False
        event.action_reprocess()
        self.assertEqual(event.state, "done")
        self.assertEqual(len(self.helloasso_payments()), 1)

    def test_address_check_and_unknown_connector(self):
        self.assertEqual(self.url_open(f"/assoc/webhook/helloasso/{self.connector.id}").status_code, 200)
        self.assertEqual(self.url_open("/assoc/webhook/helloasso/999999", data=b"{}").status_code, 404)
        self.assertEqual(self.url_open(f"/assoc/webhook/brevo/{self.connector.id}", data=b"{}").status_code, 404)
