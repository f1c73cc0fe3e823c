"""HelloAsso vocabulary shared by the import models: item kinds, payment states, Paris dates
and how a refunded amount splits over the shares of a payment."""

from datetime import datetime

import pytz

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
MEANS_TO_METHOD = {
    "Card": "card",
    "Sepa": "direct_debit",
    "Check": "cheque",
    "Cash": "cash",
    "BankTransfer": "transfer",
}
# Which shares a partial refund takes back first: cancelled items, then gifts (the amount a
# payer chose), tickets and purchases, and the membership last (its tariff is fixed).
REFUND_PRIORITY = {"donation": 1, "event": 2, "shop": 2, "unknown": 2, "membership": 3}
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


def refunded_cents(payment_data):
    """Cents of a payment given back: its processed refund operations (a partial refund keeps
    the payment's state), the whole payment when it is Refunded without any."""
    total = payment_data.get("amount") or 0
    if payment_data.get("state") in REFUNDED_STATES:
        return total
    operations = sum(
        operation.get("amount") or 0
        for operation in payment_data.get("refundOperations") or []
        if operation.get("status") == "Processed"
    )
    return min(operations, total)


def refund_allocation(payment_data, order_data):
    """{item id: refunded cents} for the shares of one payment (HelloAsso does not say which
    items a partial refund concerns: see REFUND_PRIORITY)."""
    left = refunded_cents(payment_data)
    items = {item["id"]: item for item in order_data.get("items") or []}

    def priority(share):
        item = items.get(share["id"]) or {}
        if item.get("state") in CANCELLED_ITEM_STATES:
            return (0, share["id"])
        return (REFUND_PRIORITY.get(KIND_BY_TIER.get(item.get("type"), "unknown")), share["id"])

    allocation = {}
    for share in sorted(payment_data.get("items") or [], key=priority):
        taken = min(left, share.get("shareAmount") or 0)
        allocation[share["id"]] = taken
        left -= taken
    return allocation
