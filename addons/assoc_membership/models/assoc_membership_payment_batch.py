from odoo import _, api, models
from odoo.exceptions import UserError


class AssocMembership(models.Model):
    _inherit = "assoc.membership"

    @api.model
    def create_from_payments(self, entries):
        """Batch variant of `create_from_payment` for imports (HelloAsso pages): `entries` is a
        list of dicts with `payment`, `membership_type` and optionally `partner`, `date`,
        `payment_method` and `amount` (what is left of the payment, by default all of it). Each
        payment funds one membership; a payment still aimed at a
        receivable is sent to the dues income account, as `create_from_payment` does. All are
        created at once, then confirmed together (one status update and one interaction batch).
        Returns the memberships in the order of `entries`."""
        if not entries:
            return self.browse()
        vals_list = []
        for entry in entries:
            payment = entry["payment"]
            partner = entry.get("partner") or payment.partner_id
            if not partner:
                raise UserError(_("The payment %s has no partner: say who the member is.", payment.display_name))
            if payment.payment_type != "inbound":
                raise UserError(_("Only a received payment can fund a membership."))
            amount = entry.get("amount", payment.amount)
            self._check_paid_dues(entry["membership_type"], amount, payment.company_id.currency_id)
            vals_list.append(
                {
                    "partner_id": partner.id,
                    "type_id": entry["membership_type"].id,
                    "date": entry.get("date") or payment.date,
                    "company_id": payment.company_id.id,
                    "payment_id": payment.id,
                    "amount": amount,
                    "journal_id": payment.journal_id.id,
                    "payment_method": entry.get("payment_method") or self._payment_method_of(payment),
                }
            )
        memberships = self.create(vals_list)
        for entry, membership in zip(entries, memberships, strict=True):
            self._route_payment_to_income(
                entry["payment"], membership.type_id._get_income_account(membership.company_id)
            )
        memberships.action_confirm()
        return memberships
