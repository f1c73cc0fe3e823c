from odoo import _, models


class AccountPayment(models.Model):
    _inherit = "account.payment"

    def _assoc_on_cheque_returned(self):
        """A gift paid by a returned cheque was never received: cancel it, which cancels its income
        (already reversed with the cheque) and its tax receipt (art. 1740 A CGI)."""
        super()._assoc_on_cheque_returned()
        for reason, payments in self.grouped("assoc_cheque_return_reason").items():
            gifts = payments.assoc_donation_ids.filtered(lambda d: d.state != "cancelled")
            gifts.action_cancel(reason=_("Cheque returned unpaid: %s", reason or "-"))
