import json

from odoo.tests import tagged

from .common import HelloAssoCase


@tagged("post_install", "-at_install")
class TestHelloAssoPartialRefunds(HelloAssoCase):
    """Partial refunds as HelloAsso's API makes them (POST /payments/{id}/refund with an amount):
    the payment keeps its state and lists processed refund operations."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["assoc.helloasso.mapping"].create(
            {
                "connector_id": cls.connector.id,
                "form_slug": "adhesion-2025",
                "tier_name": "Adhésion individuelle",
                "membership_type_id": cls.membership_type.id,
            }
        )

    def item(self, helloasso_id):
        return self.env["assoc.helloasso.item"].search(
            [("helloasso_id", "=", str(helloasso_id)), ("order_id.connector_id", "=", self.connector.id)]
        )

    def refund_through_api(self, payment_id, cents):
        """Refund as the association's back office would, through the fake's API route."""
        client = self.connector._client()
        return client.request("POST", client._api(f"payments/{payment_id}/refund"), params={"amount": cents})

    def income_balance(self, item):
        """Net income booked for an item, once checked that the journal's lines match its payments."""
        self.assert_books_match_payments()
        return self.booked(item.payment_ids)

    def test_partly_refunded_gift_is_recorded_again_with_a_new_receipt(self):
        self.connector._run()
        gift = self.item(105).donation_ids
        receipt = gift.receipt_id
        self.assertEqual((gift.amount, receipt.state, receipt.amount), (100.0, "issued", 100.0))
        operation = self.refund_through_api(9105, 3000)
        self.assertEqual((operation["amount"], operation["state"]), (3000, "Processed"))
        run = self.connector._run()
        self.assertEqual(run.state, "done", run.message)
        self.assertEqual(gift.state, "cancelled")
        self.assertEqual(receipt.state, "cancelled")
        remaining = self.item(105).donation_ids.filtered(lambda d: d.state == "validated")
        self.assertEqual(len(remaining), 1)
        self.assertEqual((remaining.amount, remaining.partner_id, remaining.date), (70.0, gift.partner_id, gift.date))
        self.assertEqual((remaining.receipt_id.state, remaining.receipt_id.amount), ("issued", 70.0))
        self.assertAlmostEqual(self.income_balance(self.item(105)), 70.0)
        self.assertEqual(self.item(105).state, "done")
        # the same refund seen again (pull, full re-import) changes nothing
        payments, gifts = self.item(105).payment_ids, self.item(105).donation_ids
        self.connector.full_import_requested = True
        again = self.connector._run()
        self.assertEqual(again.created_count, 0)
        self.assertNotIn("105", again.error_ids.mapped("reference"))
        self.assertEqual((self.item(105).payment_ids, self.item(105).donation_ids), (payments, gifts))
        # the rest refunded too: nothing is left, in gifts or in income
        self.fake.refund(9105)
        self.connector._run()
        self.assertFalse(self.item(105).donation_ids.filtered(lambda d: d.state != "cancelled"))
        self.assertAlmostEqual(self.income_balance(self.item(105)), 0.0)
        self.assertEqual(self.item(105).state, "reversed")

    def test_partial_refund_of_a_membership_order_takes_the_gift_first(self):
        """Order 102: 30 € membership + 20 € gift in one payment. 20 € back cancel the gift;
        the membership stays while its 30 € still cover the tariff."""
        self.connector._run()
        membership = self.item(10201).membership_id
        gift = self.item(10202).donation_ids
        self.fake.refund(9102, amount=2000)
        run = self.connector._run()
        self.assertEqual(run.state, "done", run.message)
        self.assertEqual(gift.state, "cancelled")
        self.assertEqual(self.item(10202).state, "reversed")
        self.assertEqual(membership.state, "confirmed")
        self.assertAlmostEqual(self.income_balance(self.item(10201)), 30.0)
        # 10 € more: the dues left (20 €) no longer cover the 30 € tariff
        self.fake.refund(9102, amount=1000)
        self.connector._run()
        self.assertEqual(membership.state, "cancelled")
        refund = self.item(10201).payment_ids.filtered(lambda p: p.payment_type == "outbound")
        self.assertEqual((refund.amount, refund.state != "draft"), (10.0, True))
        self.assertAlmostEqual(self.income_balance(self.item(10201)), 20.0)
        self.assertEqual(
            self.item(10201).payment_ids.filtered("assoc_helloasso_refunded").assoc_helloasso_refunded, 10.0
        )

    def test_partial_refund_keeps_a_membership_paid_above_its_tariff(self):
        self.membership_type.amount = 20.0
        self.connector._run()
        membership = self.item(10201).membership_id
        # 25 € back: 20 € take the gift, 5 € the membership, whose 25 € left cover its 20 € tariff
        self.fake.refund(9102, amount=2500)
        self.connector._run()
        self.assertEqual(membership.state, "confirmed")
        self.assertAlmostEqual(self.income_balance(self.item(10201)), 25.0)
        self.assertEqual(self.item(10202).donation_ids.state, "cancelled")

    def test_partial_refund_of_a_ticket_is_on_the_timeline(self):
        self.connector._run()
        ticket = self.item(10301)
        self.fake.refund(9103, amount=300)
        self.connector._run()
        self.assertEqual(ticket.state, "done")
        self.assertAlmostEqual(self.income_balance(ticket), 5.0)
        self.assertIn("helloasso_refund", ticket.partner_id.assoc_interaction_ids.type_id.mapped("code"))

    def test_partial_refund_seen_by_webhook_then_pull_is_given_back_once(self):
        self.connector._run()
        self.fake.refund(9105, amount=4000)
        payment = self.fake.payment_view(self.fake.orders[105], self.fake.orders[105]["payments"][0])
        payload = {"eventType": "Payment", "data": payment}
        event = (
            self.env["assoc.webhook.event"]
            .sudo()
            .create({"connector_id": self.connector.id, "body": json.dumps(payload), "signature_state": "token"})
        )
        self.assertEqual(self.connector._webhook_helloasso(event, payload), ("done", None))
        self.connector._run()
        gifts = self.item(105).donation_ids
        self.assertEqual(sorted(gifts.mapped("amount")), [60.0, 100.0])
        self.assertEqual(gifts.filtered(lambda d: d.state == "validated").amount, 60.0)
