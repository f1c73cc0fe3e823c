from odoo import models


class AssocDonation(models.Model):
    _name = "assoc.donation"
    _inherit = ["assoc.donation", "assoc.cheque.details.mixin"]

    def _assoc_payment_vals(self):
        vals = super()._assoc_payment_vals()
        if self.payment_method == "cheque":
            vals.update(self._assoc_cheque_payment_vals(), assoc_campaign_id=self.campaign_id.id)
        return vals
