from odoo import fields, models


class AssocMembership(models.Model):
    _name = "assoc.membership"
    _inherit = ["assoc.membership", "assoc.cheque.details.mixin"]

    # memberships are built as new records anyway for their precomputed period: this one joins
    # them in the INSERT instead of costing an UPDATE of its own
    assoc_cheque_returned = fields.Boolean(compute="_compute_assoc_cheque_returned", store=True, precompute=True)

    def _payment_vals(self):
        vals = super()._payment_vals()
        if self.payment_method == "cheque":
            vals.update(self._assoc_cheque_payment_vals())
        return vals
