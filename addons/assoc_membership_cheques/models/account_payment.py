from odoo import models


class AccountPayment(models.Model):
    _inherit = "account.payment"

    def _assoc_on_cheque_returned(self):
        """Dues paid by a returned cheque were never received: the membership is flagged (computed
        from the cheque) and cancelled, which updates the member status."""
        super()._assoc_on_cheque_returned()
        memberships = self.env["assoc.membership"].search([("payment_id", "in", self.ids)])
        memberships.action_cancel()
