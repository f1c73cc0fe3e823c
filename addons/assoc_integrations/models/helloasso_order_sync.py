from odoo import _, api, models
from odoo.exceptions import UserError

from .helloasso_tools import (
    CANCELLED_ITEM_STATES,
    KIND_BY_TIER,
    PAID_STATES,
    REFUNDED_STATES,
    paris_datetime,
    refund_allocation,
)


class AssocHelloassoImport(models.AbstractModel):
    """One order at a time: an order seen before (new payments, refunds, cancelled items) or
    one the bulk path could not take. Each item is kept in its own savepoint, so an item in
    error does not stop the rest of the order."""

    _inherit = "assoc.helloasso.import"

    @api.model
    def _sync_order(self, connector, data, order, people, recorded):
        created = not order
        payer = people[(data["id"], "payer")]
        if created:
            order = self.env["assoc.helloasso.order"].sudo().create(self._order_vals(connector, data, payer))
            self._record_consents(connector, [(data, payer)])
        items = {item.helloasso_id: item for item in order.item_ids}
        messages = []
        for item_data in data["items"]:
            item = items.get(str(item_data["id"])) or self.env["assoc.helloasso.item"].sudo().create(
                self._item_vals(order, item_data, people)
            )
            messages += self._sync_item(connector, data, item, item_data, recorded)
        return order, created, messages

    @api.model
    def _order_vals(self, connector, data, payer):
        return {
            "name": _("HelloAsso order %(id)s", id=data["id"]),
            "connector_id": connector.id,
            "helloasso_id": str(data["id"]),
            "date": paris_datetime(data.get("date")),
            "form_type": data.get("formType"),
            "form_slug": data.get("formSlug"),
            "partner_id": payer.id,
            "amount": (data.get("amount") or {}).get("total", 0) / 100.0,
            # the values Odoo would compute after the INSERT and write with an UPDATE of its own
            "company_id": connector.company_id.id,
            "state": "done",
        }

    @api.model
    def _item_vals(self, order, item_data, people):
        beneficiary = people.get((int(order.helloasso_id), item_data["id"])) or order.partner_id
        return {
            "order_id": order.id,
            "helloasso_id": str(item_data["id"]),
            "name": item_data.get("name"),
            "item_type": item_data.get("type"),
            "kind": KIND_BY_TIER.get(item_data.get("type"), "unknown"),
            "amount": (item_data.get("amount") or 0) / 100.0,
            "partner_id": beneficiary.id,
        }

    @api.model
    def _sync_item(self, connector, data, item, item_data, recorded):
        """Record the item's new paid shares and reverse what was refunded; returns error messages."""
        if item.kind == "unknown":
            message = _(
                "Order %(order)s, item %(item)s “%(name)s”: unknown item type “%(type)s”; record it by hand.",
                order=data["id"],
                item=item_data["id"],
                name=item_data.get("name"),
                type=item_data.get("type"),
            )
            item.write({"state": "error", "error": message})
            return [message]
        try:
            with self.env.cr.savepoint():
                self._sync_shares(connector, data, item, item_data, recorded)
                self._sync_item_state(connector, data, item, item_data)
        except UserError as error:
            message = _(
                "Order %(order)s, item %(item)s “%(name)s”: %(error)s",
                order=data["id"],
                item=item_data["id"],
                name=item_data.get("name"),
                error=error.args[0],
            )
            item.write({"state": "error", "error": message})
            return [message]
        return []

    @api.model
    def _sync_shares(self, connector, data, item, item_data, recorded):
        """Each share of the item: recorded once paid, reversed when wholly refunded (or the item
        cancelled), partly given back when a partial refund concerns it."""
        Money = self.env["assoc.helloasso.money"]
        cancelled = item_data.get("state") in CANCELLED_ITEM_STATES
        for payment_data, share in self._shares(item_data, data):
            key = self._share_key(connector, payment_data["id"], share["id"])
            share_cents = share.get("shareAmount") or 0
            refund_cents = refund_allocation(payment_data, data).get(share["id"], 0)
            wholly = (
                cancelled or payment_data["state"] in REFUNDED_STATES or (share_cents and refund_cents >= share_cents)
            )
            if wholly:
                if key in recorded:
                    Money._reverse(item, recorded[key], payment_data)
                continue
            if payment_data["state"] not in PAID_STATES:
                continue
            if key not in recorded:
                recorded.update(Money._record(connector, [(data, item, payment_data, share, key)]))
            if refund_cents and recorded[key]:
                Money._partial_refund(item, recorded[key], payment_data, refund_cents / 100.0)

    @api.model
    def _sync_item_state(self, connector, data, item, item_data):
        Money = self.env["assoc.helloasso.money"]
        if item_data.get("state") in CANCELLED_ITEM_STATES or item.state == "reversed":
            item.write({"state": "reversed", "error": False})
        elif item.kind == "membership" and not item.amount and not item.membership_id:
            Money._free_membership(connector, data, item)
            item.write({"state": "done", "error": False})
        elif item.kind in ("event", "shop") and not item.interaction_id:
            Money._log_items([(item, data)])
            item.write({"state": "done", "error": False})
        else:
            item.write({"state": "done" if item.payment_ids else "skipped", "error": False})

    @api.model
    def _shares(self, item_data, data):
        """(payment, share) pairs of this item, oldest payment first."""
        pairs = [
            (payment, share)
            for payment in data.get("payments") or []
            for share in payment.get("items") or []
            if share["id"] == item_data["id"]
        ]
        return sorted(pairs, key=lambda pair: (pair[0].get("date") or "", pair[0]["id"]))
