from odoo import _, api, models
from odoo.exceptions import UserError


class AssocDonation(models.Model):
    _inherit = "assoc.donation"

    @api.model
    def create_from_payments(self, entries, validate=True):
        """Batch variant of `create_from_payment` for imports (HelloAsso pages): `entries` is a
        list of dicts with `payment` and optionally `campaign`, `partner`, `date`, `amount` and
        any other gift field. Gifts are created at once and validated together (one posting,
        one interaction batch, one donor statistics update, receipts per the company's mode).
        Returns the gifts in the order of `entries`."""
        if not entries:
            return self.browse()
        payments = self.env["account.payment"].union(*(entry["payment"] for entry in entries))
        funded = dict(
            self._read_group(
                [("payment_id", "in", payments.ids), ("state", "!=", "cancelled")], ["payment_id"], ["amount:sum"]
            )
        )
        vals_list = []
        for entry in entries:
            payment = entry["payment"]
            payment.ensure_one()
            if payment.payment_type != "inbound":
                raise UserError(_("Only a received payment can fund a gift."))
            wanted = entry.get("amount") or payment.amount
            already = funded.get(payment, 0.0)
            if payment.currency_id.compare_amounts(already + wanted, payment.amount) > 0:
                raise UserError(
                    _(
                        "Payment %(payment)s of %(amount)s already funds %(funded)s of gifts.",
                        payment=payment.display_name,
                        amount=payment.amount,
                        funded=already,
                    )
                )
            funded[payment] = already + wanted
            extra = {
                key: value
                for key, value in entry.items()
                if key not in ("payment", "campaign", "partner", "date", "amount")
            }
            vals_list.append(
                self._assoc_create_from_payment_vals(
                    payment, entry.get("campaign"), entry.get("partner"), entry.get("date"), entry.get("amount"), extra
                )
            )
        donations = self.create(vals_list)
        if validate:
            donations.action_validate()
        return donations
