from odoo import models


class AssocMembership(models.Model):
    _name = "assoc.membership"
    _inherit = ["assoc.membership", "assoc.cheque.details.mixin"]

    def _payment_vals(self):
        vals = super()._payment_vals()
        if self.payment_method == "cheque":
            vals.update(self._assoc_cheque_payment_vals())
        return vals
