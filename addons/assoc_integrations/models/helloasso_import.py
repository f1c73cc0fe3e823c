import logging
from datetime import datetime

import psycopg2
import pytz

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.assoc_contacts.models.duplicate_keys import name_key

_logger = logging.getLogger(__name__)

KIND_BY_TIER = {
    "Donation": "donation",
    "MonthlyDonation": "donation",
    "OfflineDonation": "donation",
    "Membership": "membership",
    "Registration": "event",
    "Payment": "shop",
    "MonthlyPayment": "shop",
    "Product": "shop",
    "Contribution": "shop",
    "Bonus": "shop",
}
PAID_STATES = {"Authorized", "Registered"}
REFUNDED_STATES = {"Refunded"}
CANCELLED_ITEM_STATES = {"Canceled", "Refused", "Deleted"}
YES_ANSWERS = {"oui", "yes", "true", "1", "vrai"}
PARIS = pytz.timezone("Europe/Paris")


def paris_datetime(value):
    """HelloAsso's ISO date (Paris offset, 7 decimals) as a naive UTC datetime for Odoo."""
    if not value:
        return None
    moment = datetime.fromisoformat(value)
    if moment.tzinfo is None:
        moment = PARIS.localize(moment)
    return moment.astimezone(pytz.utc).replace(tzinfo=None)


def paris_date(value):
    moment = datetime.fromisoformat(value)
    return (moment.astimezone(PARIS) if moment.tzinfo else moment).date()


class AssocHelloassoImport(models.AbstractModel):
    """Turn HelloAsso orders into contacts, payments, memberships, gifts and interactions.
    Every step is keyed on HelloAsso's ids, so an order seen again (pull after webhook, full
    re-import, reprocessed event) only adds what is new: a payment is recorded once."""

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
        errors = {}
        simple = [o for o in todo if str(o["id"]) not in existing and self._is_simple(o)]
        if simple:
            try:
                with self.env.cr.savepoint():
                    self._import_new(connector, simple, people)
                if run:
                    run._count(created=len(simple))
                todo = [o for o in todo if o not in simple]
            except (UserError, psycopg2.IntegrityError):
                _logger.info("HelloAsso batch import failed, importing the orders one by one", exc_info=True)
        for data in todo:
            order = existing.get(str(data["id"]))
            try:
                with self.env.cr.savepoint():
                    order, created, messages = self._sync_order(connector, data, order, people, recorded)
            except (UserError, psycopg2.IntegrityError) as error:
                # an IntegrityError means a webhook recorded the same order meanwhile: the next run sees it
                order, created, messages = order, False, [str(error.args[0])]
                errors[data["id"]] = messages
                if run:
                    run._add_error(
                        _("Order %(id)s: %(error)s", id=data["id"], error=messages[0]),
                        reference=str(data["id"]),
                        record=order,
                    )
                continue
            if messages:
                errors[data["id"]] = messages
            if run:
                for message in messages:
                    run._add_error(message, reference=str(data["id"]), record=order)
                run._count(created=1 if created else 0, updated=0 if created else 1)
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
            for share in payment.get("items") or []:
                key = self._share_key(connector, payment["id"], share["id"])
                if payment["state"] in PAID_STATES and key not in recorded:
                    return True
                if payment["state"] in REFUNDED_STATES and key in recorded and not self._is_reversed(recorded[key]):
                    return True
        reversed_items = set(order.item_ids.filtered(lambda i: i.state == "reversed").mapped("helloasso_id"))
        return any(i["state"] in CANCELLED_ITEM_STATES and str(i["id"]) not in reversed_items for i in data["items"])

    @api.model
    def _is_reversed(self, payment):
        return bool(payment.move_id.reversal_move_ids) or payment.state == "canceled"

    # ---------------------------------------------------------------------- people
    @api.model
    def _people_of(self, data):
        """The payer, then each item's beneficiary when it is someone else (a child, a friend)."""
        payer = data.get("payer") or {}
        base = {
            "email": payer.get("email"),
            "firstname": payer.get("firstName"),
            "lastname": payer.get("lastName"),
            "street": payer.get("address"),
            "zip": payer.get("zipCode"),
            "city": payer.get("city"),
            "country": payer.get("country"),
        }
        if payer.get("dateOfBirth") and not payer["dateOfBirth"].startswith("0001"):
            base["birthdate"] = paris_date(payer["dateOfBirth"])
        people = {"payer": base}
        for item in data.get("items") or []:
            user = item.get("user") or {}
            if user.get("lastName") and (name_key(user.get("lastName")), name_key(user.get("firstName"))) != (
                name_key(base["lastname"]),
                name_key(base["firstname"]),
            ):
                people[item["id"]] = dict(
                    base, email=False, birthdate=False, firstname=user.get("firstName"), lastname=user.get("lastName")
                )
        return people

    @api.model
    def _resolve_people(self, orders):
        """{(order id, 'payer' | item id): partner} for a batch, in one resolution."""
        slots, persons = [], []
        for data in orders:
            for slot, person in self._people_of(data).items():
                slots.append((data["id"], slot))
                persons.append(person)
        resolved = self.env["assoc.contact.resolver"]._resolve(persons) if persons else []
        return {slot: partner for slot, (partner, _created) in zip(slots, resolved, strict=False)}

    # -------------------------------------------------------- new orders in bulk
    @api.model
    def _is_simple(self, data):
        """A new order the bulk path can take: known items, paid or pending, nothing refunded."""
        return all(
            KIND_BY_TIER.get(item.get("type"))
            and item.get("state") not in CANCELLED_ITEM_STATES
            and (item.get("amount") or KIND_BY_TIER[item["type"]] != "membership")
            for item in data["items"]
        ) and not any(payment["state"] in REFUNDED_STATES for payment in data.get("payments") or [])

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
            (data, order, item_data)
            for data, order in zip(orders, created, strict=False)
            for item_data in data["items"]
        ]
        items = (
            self.env["assoc.helloasso.item"]
            .sudo()
            .create([self._item_vals(order, item_data, people) for _data, order, item_data in pairs])
        )
        for data, order in zip(orders, created, strict=False):
            self._record_consent(connector, data, order.partner_id)
        shares = [
            (data, item, payment_data, share, self._share_key(connector, payment_data["id"], share["id"]))
            for (data, _order, item_data), item in zip(pairs, items, strict=False)
            for payment_data, share in self._shares(item_data, data)
            if payment_data["state"] in PAID_STATES
        ]
        self.env["assoc.helloasso.money"]._record(connector, shares, cache={})
        tickets = [
            (item, data)
            for (data, _order, _item_data), item in zip(pairs, items, strict=False)
            if item.kind in ("event", "shop")
        ]
        self.env["assoc.helloasso.money"]._log_items(tickets)
        items.filtered(lambda item: not item.payment_ids and item.kind not in ("event", "shop")).state = "skipped"

    # ------------------------------------------------------------------- one order
    @api.model
    def _sync_order(self, connector, data, order, people, recorded):
        created = not order
        payer = people[(data["id"], "payer")]
        if created:
            order = self.env["assoc.helloasso.order"].sudo().create(self._order_vals(connector, data, payer))
            self._record_consent(connector, data, payer)
        items = {item.helloasso_id: item for item in order.item_ids}
        messages = []
        for item_data in data["items"]:
            item = items.get(str(item_data["id"])) or self.env["assoc.helloasso.item"].sudo().create(
                self._item_vals(order, item_data, people)
            )
            messages += self._sync_item(connector, data, item, item_data, payer, recorded)
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
    def _record_consent(self, connector, data, payer):
        question = (connector.helloasso_consent_question or "").strip().lower()
        if not question or not payer.email:
            return
        answers = [
            field
            for item in data["items"]
            for field in item.get("customFields") or []
            if question in (field.get("name") or "").lower()
        ]
        if not any((field.get("answer") or "").strip().lower() in YES_ANSWERS for field in answers):
            return
        self.env["assoc.contact.resolver"]._create_consents(
            [
                {
                    "partner_id": payer.id,
                    "purpose_id": connector.consent_purpose_id.id,
                    "channel": "newsletter",
                    "state": "granted",
                    "source": "integration",
                    "date": paris_datetime(data.get("date")) or fields.Datetime.now(),
                    "email": payer.email,
                    "proof_text": answers[0]["name"],
                    "proof_form": _(
                        "HelloAsso form %(form)s (%(type)s), order %(id)s",
                        form=data.get("formSlug"),
                        type=data.get("formType"),
                        id=data["id"],
                    ),
                }
            ]
        )

    @api.model
    def _sync_item(self, connector, data, item, item_data, payer, recorded):
        """Record the item's new paid shares and reverse the refunded ones; returns error messages."""
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
        Money = self.env["assoc.helloasso.money"]
        try:
            with self.env.cr.savepoint():
                for payment_data, share in self._shares(item_data, data):
                    key = self._share_key(connector, payment_data["id"], share["id"])
                    refunded = (
                        payment_data["state"] in REFUNDED_STATES or item_data.get("state") in CANCELLED_ITEM_STATES
                    )
                    if refunded and key in recorded:
                        Money._reverse(item, recorded[key], payment_data)
                    elif payment_data["state"] in PAID_STATES and not refunded and key not in recorded:
                        recorded.update(Money._record(connector, [(data, item, payment_data, share, key)]))
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
    def _shares(self, item_data, data):
        """(payment, share) pairs of this item, oldest payment first."""
        pairs = [
            (payment, share)
            for payment in data.get("payments") or []
            for share in payment.get("items") or []
            if share["id"] == item_data["id"]
        ]
        return sorted(pairs, key=lambda pair: (pair[0].get("date") or "", pair[0]["id"]))
