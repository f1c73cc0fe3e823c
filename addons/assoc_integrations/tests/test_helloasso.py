from unittest.mock import patch

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.assoc_integrations.models import assoc_connector_helloasso

from .common import HelloAssoCase


@tagged("post_install", "-at_install")
class TestHelloAssoPull(HelloAssoCase):
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
        cls.free_type = cls.env["assoc.membership.type"].create(
            {"name": "Adhésion découverte", "amount": 0.0, "validity_mode": "rolling", "duration_months": 6}
        )

    def item(self, helloasso_id):
        return self.env["assoc.helloasso.item"].search(
            [("helloasso_id", "=", str(helloasso_id)), ("order_id.connector_id", "=", self.connector.id)]
        )

    def test_pull_imports_every_kind_of_item(self):
        run = self.connector._run()
        self.assertEqual(run.state, "done", run.message)
        self.assertEqual(self.connector.state, "ok")
        self.assertEqual(len(self.orders()), 9)
        self.assertEqual(run.created_count, 9)
        # Marie's address differs only by case and spaces: she is found, not duplicated
        gift = self.item(101).donation_ids
        self.assertEqual(gift.partner_id, self.marie)
        self.assertEqual((gift.amount, gift.state, gift.payment_method), (50.0, "validated", "card"))
        # Paul: membership of the mapped type, a second gift, and the newsletter consent with its proof
        membership = self.item(10201).membership_id
        paul = membership.partner_id
        self.assertEqual((paul.firstname, paul.lastname, paul.email), ("Paul", "Girard", "paul.girard@example.fr"))
        self.assertEqual(
            (membership.type_id, membership.state, membership.amount), (self.membership_type, "confirmed", 30.0)
        )
        self.assertEqual(self.item(10202).donation_ids.amount, 20.0)
        # the batch refreshes the timeline statistics once, after all of Paul's interactions
        timeline = self.env["assoc.interaction"].search([("partner_id", "=", paul.id)])
        self.assertGreaterEqual(len(timeline), 2)
        self.assertEqual(paul.assoc_interaction_count, len(timeline))
        self.assertEqual(paul.assoc_last_interaction_date, max(timeline.mapped("date")))
        order = self.item(10201).order_id
        self.assertEqual(
            (order.state, order.company_id, order.currency_id),
            ("done", self.connector.company_id, self.connector.company_id.currency_id),
        )
        consent = self.env["assoc.consent"].search([("partner_id", "=", paul.id)])
        self.assertEqual((consent.state, consent.channel, consent.source), ("granted", "newsletter", "integration"))
        self.assertIn("lettre d'information", consent.proof_text)
        self.assertIn("adhesion-2025", consent.proof_form)
        # the event ticket is for Léo, paid by his mother Sophie: two contacts, one interaction for Léo
        ticket = self.item(10301)
        self.assertEqual(ticket.partner_id.name, "Léo Bernard")
        self.assertEqual(ticket.order_id.partner_id.email, "sophie.bernard@example.fr")
        self.assertEqual(ticket.interaction_id.type_id.code, "helloasso_event")
        self.assertEqual(ticket.interaction_id.partner_id, ticket.partner_id)
        self.assertEqual(self.item(10401).interaction_id.type_id.code, "helloasso_shop")
        # no email on HelloAsso: a contact all the same, found again by name and address next time
        self.assertEqual(self.item(107).order_id.partner_id.name, "Yvette Leroy")

    def test_payments_are_posted_in_the_helloasso_journal_on_income_accounts(self):
        self.connector._run()
        payments = self.helloasso_payments()
        # 11 items: the unknown one, the free membership and the SEPA gift awaiting the bank have no payment
        self.assertEqual(len(payments), 8)
        self.assertFalse(payments.filtered(lambda p: p.state not in ("in_process", "paid")), "all posted")
        self.assertEqual(payments.journal_id, self.connector.helloasso_journal_id)
        self.assertEqual(payments.journal_id.code, "HELLO")
        gift_payment = self.item(101).payment_ids
        self.assertEqual(gift_payment.amount, 50.0)
        self.assertTrue(gift_payment.destination_account_id.code.startswith("754"))
        self.assertTrue(self.item(10201).payment_ids.destination_account_id.code.startswith("756"))
        self.assertTrue(self.item(10301).payment_ids.destination_account_id.code.startswith("706"))
        self.assertTrue(self.item(10401).payment_ids.destination_account_id.code.startswith("707"))
        # one summary entry per day books them: debit outstanding receipts, credit each income account
        entries = payments.move_id
        self.assertLess(len(entries), len(payments), "one entry per import batch and day, not per payment")
        self.assertFalse(entries.origin_payment_id, "a shared entry, no payment's own")
        self.assertTrue(all(payments.mapped("assoc_helloasso_summarized")))
        for payment in payments:
            self.assertEqual(payment.move_id.date, payment.date)
            # the payments list shows each payment's own amount, not its day's total
            self.assertEqual(payment.amount_company_currency_signed, payment.amount)
        self.assertEqual(entries.journal_id, self.connector.helloasso_journal_id)
        self.assertEqual(set(entries.mapped("state")), {"posted"})
        gift_lines = entries.line_ids.filtered(lambda line: line.account_id == gift_payment.destination_account_id)
        gifts_booked = payments.filtered(lambda p: p.destination_account_id == gift_payment.destination_account_id)
        self.assertAlmostEqual(sum(gift_lines.mapped("credit")), sum(gifts_booked.mapped("amount")))
        outstanding = entries.line_ids.filtered(lambda line: line.account_id == payments[0].outstanding_account_id)
        self.assertAlmostEqual(sum(outstanding.mapped("debit")), sum(payments.mapped("amount")))
        receivable_lines = entries.line_ids.filtered(lambda line: line.account_id.account_type == "asset_receivable")
        self.assertFalse(receivable_lines, "no receivable may be left open")
        self.assert_books_match_payments()

    def test_summary_lines_follow_the_analytic_distribution_models(self):
        plan = self.env["account.analytic.plan"].create({"name": "Activités"})
        appeal = self.env["account.analytic.account"].create({"name": "Appel aux dons", "plan_id": plan.id})
        self.env["account.analytic.distribution.model"].create(
            {"account_prefix": "754", "analytic_distribution": {str(appeal.id): 100}}
        )
        self.connector._run()
        lines = self.helloasso_payments().move_id.line_ids
        gift_lines = lines.filtered(lambda line: line.account_id.code.startswith("754"))
        self.assertTrue(gift_lines)
        for line in gift_lines:
            self.assertEqual(line.analytic_distribution, {str(appeal.id): 100.0})
        self.assertEqual(len(gift_lines.analytic_line_ids), len(gift_lines), "analytic items made at posting")
        self.assertAlmostEqual(sum(gift_lines.analytic_line_ids.mapped("amount")), -sum(gift_lines.mapped("balance")))
        self.assertFalse((lines - gift_lines).filtered("analytic_distribution"))

    def test_batches_end_where_the_day_changes_so_each_day_gets_one_entry(self):
        first = {"date": "2025-03-03T09:30:00+01:00"}
        late = {"date": "2025-03-03T23:50:00+01:00"}
        next_day = {"date": "2025-03-04T00:05:00+01:00"}
        with patch.object(assoc_connector_helloasso, "BATCH", 3):
            self.assertFalse(self.connector._helloasso_batch_ends([first, first], late), "not full yet")
            self.assertFalse(self.connector._helloasso_batch_ends([first, first, late], late), "same Paris day")
            self.assertTrue(self.connector._helloasso_batch_ends([first, first, late], next_day))
            self.assertTrue(self.connector._helloasso_batch_ends([first] * 12, late), "a crowded day is cut")
            self.connector._run()
        # The 9 sample orders are of one day: those imported together share one entry (batches of
        # 3 orders would have made three). The order with an unknown item is imported on its own.
        entries = self.helloasso_payments().move_id
        alone = self.item(10601).order_id.item_ids.payment_ids.move_id
        self.assertEqual(len(alone), 1)
        self.assertEqual(len(entries - alone), 1, "one summary entry for the day's batch")
        self.assert_books_match_payments()

    def test_a_summarized_payment_is_taken_out_of_the_books_alone(self):
        self.connector._run()
        gift = self.item(101).donation_ids
        payment = gift.payment_id
        entry = payment.move_id
        others = self.helloasso_payments().filtered(lambda p: p.move_id == entry) - payment
        self.assertTrue(others, "the gift shares its entry with other payments of its day")
        # cancelling the shared entry through one payment would undo the others: refused
        with self.assertRaises(UserError):
            payment.action_cancel()
        with self.assertRaises(UserError):
            payment.action_draft()
        # cancelling the gift takes only its payment out of the books, on the gift's day
        gift.action_cancel("Erreur de saisie")
        reversal = payment.assoc_helloasso_reversal_move_id
        self.assertEqual((reversal.state, reversal.date), ("posted", payment.date))
        self.assertEqual(entry.state, "posted")
        self.assertFalse(entry.reversal_move_ids)
        self.assertAlmostEqual(self.booked(others), sum(others.mapped("amount")))
        self.assert_books_match_payments()

    def test_unknown_item_type_is_an_error_and_the_rest_of_the_order_is_imported(self):
        run = self.connector._run()
        unknown = self.item(10601)
        self.assertEqual(unknown.state, "error")
        self.assertIn("GiftCard", unknown.error)
        self.assertIn("Carte cadeau", unknown.error)
        self.assertEqual(self.item(10602).donation_ids.amount, 10.0)
        self.assertEqual(unknown.order_id.state, "error")
        self.assertEqual(run.failed_count, 1)
        self.assertIn("GiftCard", run.error_ids.message)
        self.assertEqual(run.error_ids.record_ref, unknown.order_id)
        self.assertTrue(run.needs_attention)

    def test_second_pull_and_full_reimport_create_nothing(self):
        self.connector._run()
        counts = (
            len(self.helloasso_payments()),
            self.env["assoc.donation"].search_count([]),
            self.env["assoc.membership"].search_count([]),
            self.env["res.partner"].search_count([]),
            self.env["assoc.interaction"].search_count([]),
        )
        self.connector.full_import_requested = True
        run = self.connector._run()
        self.assertEqual(run.kind, "full")
        self.assertEqual(run.created_count, 0)
        self.assertEqual(
            counts,
            (
                len(self.helloasso_payments()),
                self.env["assoc.donation"].search_count([]),
                self.env["assoc.membership"].search_count([]),
                self.env["res.partner"].search_count([]),
                self.env["assoc.interaction"].search_count([]),
            ),
        )
        self.assertFalse(self.connector.full_import_requested)

    def test_refund_reverses_the_gift_and_its_entry(self):
        self.connector._run()
        gift = self.item(105).donation_ids
        payment = gift.payment_id
        self.fake.refund(9105)
        run = self.connector._run()
        self.assertEqual(run.state, "done", run.message)
        self.assertEqual(gift.state, "cancelled")
        reversal = payment.assoc_helloasso_reversal_move_id
        self.assertEqual(reversal.state, "posted")
        income = reversal.line_ids.filtered(lambda line: line.account_id == payment.destination_account_id)
        self.assertAlmostEqual(sum(income.mapped("debit")), payment.amount)
        self.assertEqual(self.item(105).state, "reversed")
        self.assertEqual(self.item(105).order_id.state, "reversed")
        self.assert_books_match_payments()
        # refunding again changes nothing
        entries = self.env["account.move"].search_count([("journal_id", "=", payment.journal_id.id)])
        self.connector._run()
        self.assertEqual(payment.assoc_helloasso_reversal_move_id, reversal)
        self.assertEqual(self.env["account.move"].search_count([("journal_id", "=", payment.journal_id.id)]), entries)

    def test_refund_of_a_membership_order_cancels_membership_and_gift(self):
        self.connector._run()
        membership = self.item(10201).membership_id
        gift = self.item(10202).donation_ids
        self.fake.refund(9102)
        self.connector._run()
        self.assertEqual(membership.state, "cancelled")
        self.assertEqual(gift.state, "cancelled")
        for item in (self.item(10201), self.item(10202)):
            self.assertTrue(item.payment_ids.assoc_helloasso_reversal_move_id)
            self.assertEqual(self.booked(item.payment_ids), 0.0)
        self.assert_books_match_payments()

    def test_refund_of_a_ticket_logs_it_on_the_timeline(self):
        self.connector._run()
        ticket = self.item(10301)
        self.fake.refund(9103)
        self.connector._run()
        self.assertEqual(ticket.state, "reversed")
        self.assertIn("helloasso_refund", ticket.partner_id.assoc_interaction_ids.type_id.mapped("code"))

    def test_provider_down_fails_the_run_then_the_next_run_catches_up(self):
        self.fake.down = True
        failed = run = self.connector._run()
        self.assertEqual(run.state, "failed")
        self.assertEqual(self.connector.state, "failed")
        self.assertIn("HelloAsso", run.message)
        self.assertIn("503", run.message)
        self.assertFalse(self.orders())
        self.assertTrue(self.connector.cron_id.sudo().active)
        self.assertEqual(self.connector.error_count, 1)
        self.fake.down = False
        run = self.connector._run()
        self.assertEqual(run.state, "done")
        self.assertEqual(len(self.orders()), 9)
        self.assertFalse(failed.needs_attention, "the failed run was made good by the next one")

    def test_transient_errors_are_retried(self):
        self.fake.fail_next(2, 503)
        self.assertEqual(self.connector._run().state, "done")
        self.fake.fail_next(1, 429, headers={"Retry-After": "0"})
        self.assertEqual(self.connector._run().state, "done")

    def test_expired_token_is_refreshed(self):
        self.connector._run()
        self.fake.expire_tokens()
        self.fake.token_requests.clear()
        self.assertEqual(self.connector._run().state, "done")
        self.assertEqual(self.fake.token_requests, ["refresh_token"])
        self.assertTrue(self.connector.token_data["access_token"])

    def test_bad_credentials_say_so(self):
        self.connector.client_secret = "wrong"
        self.connector.token_data = False
        run = self.connector._run()
        self.assertEqual(run.state, "failed")
        self.assertIn("refused the credentials", run.message)
        self.assertIn("Invalid client_id", run.message)

    def test_free_membership_without_payment(self):
        self.connector._run()
        membership = self.item(10801).membership_id
        self.assertEqual((membership.type_id, membership.amount, membership.state), (self.free_type, 0.0, "confirmed"))
        self.assertFalse(membership.payment_id)

    def test_payment_authorized_later_is_pulled_with_the_changed_payments(self):
        self.connector._run()
        self.assertEqual(self.item(109).state, "skipped", "SEPA awaiting the bank: no money yet")
        self.fake.authorize_payment(9109)
        self.fake.calls.clear()
        run = self.connector._run()
        self.assertTrue(any(path.endswith("/payments") for _method, path in self.fake.calls))
        self.assertIn(("GET", "/v5/orders/109"), self.fake.calls)
        gift = self.item(109).donation_ids
        self.assertEqual((gift.amount, gift.payment_method, gift.state), (40.0, "direct_debit", "validated"))
        self.assertEqual(run.updated_count, 1)

    def test_an_error_met_again_is_looked_at_on_the_newest_run_only(self):
        self.connector.helloasso_mapping_ids.unlink()
        self.membership_type.name = "Adhésion 2025"
        first, second, third = (self.connector._run() for _attempt in range(3))
        order = self.item(10201).order_id
        self.assertEqual(
            [run.error_ids.mapped("reference").count(order.helloasso_id) for run in (first, second, third)], [1, 1, 1]
        )
        self.assertNotIn("106", second.error_ids.mapped("reference"), "an unknown item type is not tried again")
        self.assertTrue(first.needs_attention, "the unknown item type is listed on the first run only")
        self.assertFalse(second.needs_attention, "the third run lists its only error again")
        self.assertTrue(third.needs_attention)
        self.assertEqual(self.connector.error_count, 2)
        self.assertEqual((third.created_count, third.updated_count, third.failed_count), (0, 0, 1))

    def test_missing_membership_type_is_reported_and_reprocessed_once_mapped(self):
        self.connector.helloasso_mapping_ids.unlink()
        self.membership_type.name = "Adhésion 2025"
        run = self.connector._run()
        item = self.item(10201)
        self.assertEqual(item.state, "error")
        self.assertIn("No membership type", item.error)
        self.assertFalse(item.payment_ids, "no payment without its meaning")
        self.assertIn(item.order_id, run.error_ids.mapped("record_ref"))
        # the run that found the error lists it once: it does not retry what it has just read
        self.assertEqual(run.error_ids.mapped("reference").count(item.order_id.helloasso_id), 1)
        self.assertEqual((run.created_count, run.updated_count, run.failed_count), (9, 0, 2))
        self.connector.default_membership_type_id = self.membership_type
        self.connector._run()
        self.assertEqual(item.state, "done")
        self.assertEqual(item.membership_id.type_id, self.membership_type)
