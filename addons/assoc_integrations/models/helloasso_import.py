import logging

import psycopg2

from odoo import _, api, models
from odoo.exceptions import UserError

from .helloasso_tools import (
    CANCELLED_ITEM_STATES,
    KIND_BY_TIER,
    PAID_STATES,
    REFUNDED_STATES,
    refund_allocation,
)

_logger = logging.getLogger(__name__)


class AssocHelloassoImport(models.AbstractModel):
    """Turn HelloAsso orders into contacts, payments, memberships, gifts and interactions.
    Every step is keyed on HelloAsso's ids, so an order seen again (pull after webhook, full
    re-import, reprocessed event) only adds what is new: a payment is recorded once.
    A batch of new orders goes through at once (people, payments, gifts, memberships,
    consents, interactions); orders already seen, refunds and odd cases one by one."""

    _name = "assoc.helloasso.import"
    _description = "HelloAsso import"

    @api.model
    def _share_key(self, connector, payment_id, item_id):
        return f"{connector.organization_slug}/{payment_id}/{item_id}"

    @api.model
    def _sync_orders(self, connector, orders, run=None):
        """Import or update a batch of orders; returns {order id: [error messages]}."""
        # no chatter on the records an import creates: the order and its run are the trace
        self = self.with_context(
            tracking_disable=True, mail_create_nolog=True, mail_create_nosubscribe=True, mail_notrack=True
        )
        connector = connector.with_env(self.env)
        existing = {
            order.helloasso_id: order
            for order in self.env["assoc.helloasso.order"]
            .sudo()
            .search([("connector_id", "=", connector.id), ("helloasso_id", "in", [str(o["id"]) for o in orders])])
        }
        recorded = self._recorded_payments(connector, orders)
        todo = [o for o in orders if self._needs_work(connector, o, existing.get(str(o["id"])), recorded)]
        if run:
            run._count(skipped=len(orders) - len(todo))
        people = self._resolve_people(todo)
        simple = [o for o in todo if str(o["id"]) not in existing and self._is_simple(o)]
        if simple:
            try:
                with (
                    self.env.cr.savepoint(),
                    self.env["assoc.interaction"]._partner_stats_deferred() as batch_env,
                ):
                    self.with_env(batch_env)._import_new(connector.with_env(batch_env), simple, people)
                if run:
                    run._count(created=len(simple))
                todo = [o for o in todo if o not in simple]
            except (UserError, psycopg2.IntegrityError):
                _logger.info("HelloAsso batch import failed, importing the orders one by one", exc_info=True)
        return self._sync_one_by_one(connector, todo, existing, people, recorded, run)

    @api.model
    def _sync_one_by_one(self, connector, orders, existing, people, recorded, run):
        errors = {}
        for data in orders:
            order = existing.get(str(data["id"]))
            try:
                with self.env.cr.savepoint():
                    order, created, messages = self._sync_order(connector, data, order, people, recorded)
            except (UserError, psycopg2.IntegrityError) as error:
                # an IntegrityError means a webhook recorded the same order meanwhile: the next run sees it
                errors[data["id"]] = [str(error.args[0])]
                if run:
                    run._add_error(
                        _("Order %(id)s: %(error)s", id=data["id"], error=errors[data["id"]][0]),
                        reference=str(data["id"]),
                        record=order,
                    )
                continue
            if messages:
                errors[data["id"]] = messages
            if run:
                for message in messages:
                    run._add_error(message, reference=str(data["id"]), record=order)
                # an order seen again that only failed once more was not updated: it is counted failed
                run._count(created=1 if created else 0, updated=0 if created or messages else 1)
        return errors

    # ----------------------------------------------------------------- what to do
    @api.model
    def _recorded_payments(self, connector, orders):
        """{share key: account.payment} already recorded for these orders."""
        keys = [
            self._share_key(connector, p["id"], s["id"])
            for o in orders
            for p in o.get("payments") or []
            for s in p.get("items") or []
        ]
        payments = (
            self.env["account.payment"]
            .sudo()
            .search([("assoc_helloasso_key", "in", keys), ("company_id", "=", connector.company_id.id)])
            if keys
            else self.env["account.payment"]
        )
        return {payment.assoc_helloasso_key: payment for payment in payments}

    @api.model
    def _needs_work(self, connector, data, order, recorded):
        if not order or "error" in order.item_ids.mapped("state"):
            return True
        for payment in data.get("payments") or []:
            refunds = refund_allocation(payment, data)
            for share in payment.get("items") or []:
                key = self._share_key(connector, payment["id"], share["id"])
                record = recorded.get(key)
                if payment["state"] in PAID_STATES and record is None:
                    return True
                if record and not self._is_reversed(record):
                    if payment["state"] in REFUNDED_STATES:
                        return True
                    if record.currency_id.compare_amounts(
                        refunds.get(share["id"], 0) / 100.0, record.assoc_helloasso_refunded
                    ):
                        return True
        reversed_items = set(order.item_ids.filtered(lambda i: i.state == "reversed").mapped("helloasso_id"))
        return any(i["state"] in CANCELLED_ITEM_STATES and str(i["id"]) not in reversed_items for i in data["items"])

    @api.model
    def _is_reversed(self, payment):
        """Wholly given back: refunded in full, cancelled, or its entry reversed by hand."""
        if payment.state == "canceled":
            return True
        if payment.assoc_helloasso_refunded:
            return payment.currency_id.compare_amounts(payment.assoc_helloasso_refunded, payment.amount) >= 0
        return bool(payment.move_id.reversal_move_ids or payment.assoc_helloasso_reversal_move_id)

    # -------------------------------------------------------- new orders in bulk
    @api.model
    def _is_simple(self, data):
        """A new order the bulk path can take: known items, paid or pending, nothing refunded."""
        return all(
            KIND_BY_TIER.get(item.get("type"))
            and item.get("state") not in CANCELLED_ITEM_STATES
            and (item.get("amount") or KIND_BY_TIER[item["type"]] != "membership")
            for item in data["items"]
        ) and not any(
            payment["state"] in REFUNDED_STATES or payment.get("refundOperations")
            for payment in data.get("payments") or []
        )

    @api.model
    def _import_new(self, connector, orders, people):
        """Orders, items, consents, payments (one create and one post for the batch), then the
        memberships and gifts they fund and the interactions of tickets and purchases."""
        created = (
            self.env["assoc.helloasso.order"]
            .sudo()
            .create([self._order_vals(connector, data, people[(data["id"], "payer")]) for data in orders])
        )
        pairs = [
            (data, order, item_data) for data, order in zip(orders, created, strict=True) for item_data in data["items"]
        ]
        items = (
            self.env["assoc.helloasso.item"]
            .sudo()
            .create([self._item_vals(order, item_data, people) for _data, order, item_data in pairs])
        )
        self._record_consents(
            connector, [(data, order.partner_id) for data, order in zip(orders, created, strict=True)]
        )
        shares = [
            (data, item, payment_data, share, self._share_key(connector, payment_data["id"], share["id"]))
            for (data, _order, item_data), item in zip(pairs, items, strict=True)
            for payment_data, share in self._shares(item_data, data)
            if payment_data["state"] in PAID_STATES
        ]
        self.env["assoc.helloasso.money"]._record(connector, shares, cache={})
        tickets = [
            (item, data)
            for (data, _order, _item_data), item in zip(pairs, items, strict=True)
            if item.kind in ("event", "shop")
        ]
        self.env["assoc.helloasso.money"]._log_items(tickets)
        items.filtered(lambda item: not item.payment_ids and item.kind not in ("event", "shop")).state = "skipped"
