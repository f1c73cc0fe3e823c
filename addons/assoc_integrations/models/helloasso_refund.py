from odoo import _, api, fields, models

from .helloasso_tools import paris_date


class AssocHelloassoMoney(models.AbstractModel):
    """Refunds and cancellations of HelloAsso shares. A share refunded in full is reversed with
    everything it funded. A partial refund gives back only its part: a gift is cancelled (its
    receipt with it) and recorded again for what is left, with a new receipt when the
    association issues one per gift; for a membership, a ticket or a purchase an outbound
    payment takes the refunded part off the same income account, and a membership whose
    remaining dues no longer cover its tariff is cancelled."""

    _inherit = "assoc.helloasso.money"

    @api.model
    def _share_payments(self, item, payment):
        """The share's payment and what partial refunds added: refunds and re-recorded rests."""
        prefix = f"{payment.assoc_helloasso_key}/"
        return payment | item.payment_ids.filtered(lambda p: (p.assoc_helloasso_key or "").startswith(prefix))

    @api.model
    def _reverse(self, item, payment, payment_data):
        """Undo what one payment share created: cancel its gifts or membership, reverse its entries."""
        if self.env["assoc.helloasso.import"]._is_reversed(payment):
            return
        reason = _("Refunded or cancelled on HelloAsso (payment %(id)s)", id=payment_data["id"])
        related = self._share_payments(item, payment) if payment else payment
        gifts = item.donation_ids.filtered(lambda d: d.payment_id in related and d.state != "cancelled")
        if gifts:
            gifts.action_cancel(reason)
        if item.membership_id.payment_id == payment and item.membership_id.state != "cancelled":
            item.membership_id.action_cancel()
        self._unbook(related, fields.Date.context_today(self), reason)
        if payment:
            payment.assoc_helloasso_refunded = payment.amount
        if item.kind in ("event", "shop"):
            self._log_refund(item)
        item.state = "reversed"

    @api.model
    def _partial_refund(self, item, payment, payment_data, refunded):
        """Give back the part of a share refunded since the last run (`refunded`: the share's
        whole refunded amount so far, in the company currency)."""
        currency = payment.currency_id
        given_back = payment.assoc_helloasso_refunded
        if currency.compare_amounts(refunded, given_back) <= 0:
            return
        remaining = currency.round(payment.amount - refunded)
        reason = _(
            "Partly refunded on HelloAsso (payment %(id)s): %(amount)s",
            id=payment_data["id"],
            amount=refunded,
        )
        date = self._refund_date(payment_data)
        if item.kind == "donation":
            self._replace_gifts(item, payment, remaining, refunded, reason)
        else:
            self._refund_payment(item, payment, refunded - given_back, refunded, date, reason)
            membership = item.membership_id
            if (
                item.kind == "membership"
                and membership.payment_id == payment
                and membership.state != "cancelled"
                and currency.compare_amounts(remaining, membership.type_id.amount) < 0
            ):
                membership.action_cancel()
            if item.kind in ("event", "shop"):
                self._log_refund(item)
        payment.assoc_helloasso_refunded = refunded

    @api.model
    def _refund_date(self, payment_data):
        dates = [
            operation["meta"]["createdAt"]
            for operation in payment_data.get("refundOperations") or []
            if operation.get("status") == "Processed" and (operation.get("meta") or {}).get("createdAt")
        ]
        return paris_date(max(dates)) if dates else fields.Date.context_today(self)

    @api.model
    def _refund_payment(self, item, payment, amount, refunded, date, reason):
        """An outbound payment of the refunded part, debiting the share's income account."""
        journal = payment.journal_id
        return self._create_payments(
            [
                {
                    "payment_type": "outbound",
                    "partner_type": "customer",
                    "partner_id": payment.partner_id.id,
                    "amount": amount,
                    "date": date,
                    "journal_id": journal.id,
                    "payment_method_line_id": journal.outbound_payment_method_line_ids[:1].id,
                    "memo": reason,
                    "destination_account_id": payment.destination_account_id.id,
                    "company_id": payment.company_id.id,
                    "assoc_helloasso_key": f"{payment.assoc_helloasso_key}/refund-{round(refunded * 100)}",
                    "assoc_helloasso_item_id": item.id,
                }
            ]
        )

    @api.model
    def _replace_gifts(self, item, payment, remaining, refunded, reason):
        """Cancel the share's gift (its entry is reversed, its receipt cancelled) and record
        a gift of what is left, funded by a payment of that amount on the original date."""
        related = self._share_payments(item, payment)
        gifts = item.donation_ids.filtered(lambda d: d.payment_id in related and d.state != "cancelled")
        model = gifts[:1] or item.donation_ids.filtered(lambda d: d.payment_id == payment)[:1]
        if gifts:
            gifts.action_cancel(reason)  # takes their payments out of the books (assoc_donation.py)
        if payment.currency_id.is_zero(remaining) or not model:
            return
        rest = self._create_payments(
            [
                {
                    "payment_type": "inbound",
                    "partner_type": "customer",
                    "partner_id": payment.partner_id.id,
                    "amount": remaining,
                    "date": payment.date,
                    "journal_id": payment.journal_id.id,
                    "payment_method_line_id": payment.payment_method_line_id.id,
                    "memo": payment.memo,
                    "destination_account_id": payment.destination_account_id.id,
                    "company_id": payment.company_id.id,
                    "assoc_helloasso_key": f"{payment.assoc_helloasso_key}/rest-{round(refunded * 100)}",
                    "assoc_helloasso_item_id": item.id,
                }
            ]
        )
        gift = (
            self.env["assoc.donation"]
            .sudo()
            .create_from_payment(
                rest,
                campaign=model.campaign_id or None,
                partner=model.partner_id,
                date=model.date,
                payment_method=model.payment_method,
            )
        )
        item.donation_ids = [fields.Command.link(gift.id)]

    @api.model
    def _log_refund(self, item):
        self.env["assoc.interaction"].log_events(
            [
                {
                    "partner_id": item.partner_id.id,
                    "type_code": "helloasso_refund",
                    "origin": item.order_id,
                    "name": _("HelloAsso refund: %(item)s", item=item.name),
                    "source": "HelloAsso",
                }
            ]
        )
