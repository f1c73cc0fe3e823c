"""The provider clients against the fake servers, without Odoo: real HTTP on 127.0.0.1."""

import time
import unittest

from odoo.tests import tagged

from odoo.addons.assoc_integrations.clients import (
    AuthenticationError,
    BrevoClient,
    HelloAssoClient,
    MailchimpClient,
    MailjetClient,
    ProviderError,
    ProviderUnavailable,
)

from .common import (
    BREVO_KEY,
    MAILCHIMP_KEY,
    MAILJET_KEY,
    MAILJET_SECRET,
    BrevoFake,
    HelloAssoFake,
    MailchimpFake,
    MailjetFake,
    start,
    stop,
)

FAST = {"backoff": 0.01}


@tagged("post_install", "-at_install")
class TestHelloAssoClient(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        from fakes.helloasso_data import ORG, generated_orders, sample_orders

        cls.fake = start(HelloAssoFake, orders=sample_orders() + generated_orders(243))
        cls.addClassCleanup(stop, cls.fake)
        cls.org = ORG

    def setUp(self):
        self.fake.failures.clear()
        self.tokens = []
        self.client = HelloAssoClient(
            self.fake.url, "assoc-demo-client", "assoc-demo-secret", self.org, on_token=self.tokens.append, **FAST
        )

    def test_pagination_follows_the_continuation_token(self):
        self.fake.calls.clear()
        orders = list(self.client.iter_orders())
        self.assertEqual(len(orders), len(self.fake.orders))
        self.assertEqual({order["id"] for order in orders}, set(self.fake.orders))
        pages = [path for method, path in self.fake.calls if path.endswith("/orders")]
        self.assertEqual(len(pages), 3, "100 + 100 + 52: the short last page ends the loop")

    def test_orders_since_a_date(self):
        from datetime import datetime

        orders = list(self.client.iter_orders(since=datetime(2025, 3, 3, 12, 0)))
        self.assertTrue(orders)
        self.assertTrue(all(order["date"] >= "2025-03-03T13" for order in orders if order["id"] < 1000))

    def test_token_is_obtained_then_refreshed_on_401(self):
        self.client.get_order(101)
        self.assertEqual(len(self.tokens), 1)
        self.assertEqual(self.tokens[0]["access_token"], self.client.token["access_token"])
        self.fake.expire_tokens()
        self.assertEqual(self.client.get_order(102)["id"], 102)
        self.assertEqual(len(self.tokens), 2)

    def test_token_near_expiry_is_refreshed_before_the_call(self):
        self.client.authenticate()
        self.client.token["expires_at"] = time.time() + 5
        self.fake.token_requests.clear()
        self.client.get_order(101)
        self.assertEqual(self.fake.token_requests, ["refresh_token"])

    def test_retries_then_gives_up(self):
        self.fake.fail_next(3, 503)
        self.assertEqual(self.client.get_order(101)["id"], 101)
        self.fake.fail_next(4, 502)
        with self.assertRaises(ProviderUnavailable) as caught:
            self.client.get_order(101)
        self.assertIn("HTTP 502", str(caught.exception))

    def test_bad_credentials(self):
        client = HelloAssoClient(self.fake.url, "assoc-demo-client", "faux", self.org, **FAST)
        with self.assertRaises(AuthenticationError) as caught:
            client.get_order(101)
        self.assertIn("Invalid client_id", str(caught.exception))

    def test_not_found_is_a_plain_error(self):
        with self.assertRaises(ProviderError) as caught:
            self.client.get_order(424242)
        self.assertEqual(caught.exception.status, 404)

    def test_server_gone(self):
        fake = start(HelloAssoFake)
        url = fake.url
        stop(fake)
        client = HelloAssoClient(url, "assoc-demo-client", "assoc-demo-secret", self.org, max_retries=1, **FAST)
        with self.assertRaises(ProviderUnavailable) as caught:
            client.get_order(101)
        self.assertIn("cannot be reached", str(caught.exception))


@tagged("post_install", "-at_install")
class TestEmailingClients(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.brevo, cls.mailjet, cls.mailchimp = start(BrevoFake), start(MailjetFake), start(MailchimpFake)
        for server in (cls.brevo, cls.mailjet, cls.mailchimp):
            cls.addClassCleanup(stop, server)

    def test_brevo_imports_in_batches_and_removes_by_150(self):
        client = BrevoClient(f"{self.brevo.url}/v3", BREVO_KEY, **FAST)
        contacts = [{"email": f"adherent{i}@example.fr", "attributes": {"FNAME": "A"}} for i in range(12000)]
        client.import_contacts(7, contacts)
        self.assertEqual(self.brevo.import_calls, 3)
        self.assertEqual(len(self.brevo.list_members(7)), 12000)
        self.brevo.calls.clear()
        client.remove_from_list(7, [c["email"] for c in contacts[:400]])
        self.assertEqual(len([1 for _m, path in self.brevo.calls if path.endswith("/remove")]), 3)
        self.assertEqual(len(self.brevo.list_members(7)), 11600)
        self.assertEqual(sum(1 for _ in client.iter_list_contacts(7)), 11600)

    def test_brevo_rate_limit_and_bad_key(self):
        client = BrevoClient(f"{self.brevo.url}/v3", BREVO_KEY, **FAST)
        self.brevo.rate_limit(2, reset=0)
        self.assertEqual(client.get_lists()[0], ("2", "Lettre d'information"))
        with self.assertRaises(AuthenticationError) as caught:
            BrevoClient(f"{self.brevo.url}/v3", "xkeysib-faux", **FAST).check()
        self.assertIn("Key not found", str(caught.exception))

    def test_mailjet_jobs(self):
        client = MailjetClient(f"{self.mailjet.url}/v3/REST", MAILJET_KEY, MAILJET_SECRET, **FAST)
        client.ensure_properties(["FNAME"])
        client.ensure_properties(["FNAME", "ZIP"])
        self.assertEqual(set(self.mailjet.properties), {"FNAME", "ZIP"})
        self.assertEqual(
            client.manage_contacts(11, "addnoforce", [{"Email": "a@exemple.fr", "Properties": {"ZIP": "69002"}}]), []
        )
        self.assertEqual(self.mailjet.list_members(11), ["a@exemple.fr"])
        with self.assertRaises(ProviderError) as caught:
            client.manage_contacts(99, "addnoforce", [{"Email": "a@exemple.fr"}])
        self.assertIn("listID missing or not valid", str(caught.exception))
        with self.assertRaises(AuthenticationError):
            MailjetClient(f"{self.mailjet.url}/v3/REST", MAILJET_KEY, "faux", **FAST).check()

    def test_mailchimp_batches_report_failed_operations(self):
        client = MailchimpClient(f"{self.mailchimp.url}/3.0", MAILCHIMP_KEY, **FAST)
        errors = client.upsert_members(
            "a1b2c3d4e5",
            [
                {"email": "b@exemple.fr", "merge_fields": {"FNAME": "B"}},
                {"email": "pas-une-adresse", "merge_fields": {}},
            ],
        )
        self.assertEqual([email for email, _message in errors], ["pas-une-adresse"])
        self.assertEqual(self.mailchimp.list_members("a1b2c3d4e5"), ["b@exemple.fr"])
        self.assertEqual(client.archive_members("a1b2c3d4e5", ["b@exemple.fr"]), [])
        self.assertEqual(self.mailchimp.list_members("a1b2c3d4e5", "archived"), ["b@exemple.fr"])
        with self.assertRaises(AuthenticationError) as caught:
            MailchimpClient(f"{self.mailchimp.url}/3.0", "faux-us21", **FAST).check()
        self.assertIn("API key may be invalid", str(caught.exception))

    def test_mailchimp_host_from_the_key(self):
        self.assertEqual(MailchimpClient("", "abc-us21").base_url, "https://us21.api.mailchimp.com/3.0")
