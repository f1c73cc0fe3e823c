from odoo import fields, models


class AccountPayment(models.Model):
    _inherit = "account.payment"

    assoc_donation_ids = fields.One2many("assoc.donation", "payment_id", string="Gifts")

    def action_assoc_record_donation(self):
        """Open a new gift funded by this received payment."""
        self.ensure_one()
        vals = self.env["assoc.donation"]._assoc_create_from_payment_vals(self, None, None, None, None, {})
        return {
            "type": "ir.actions.act_window",
            "res_model": "assoc.donation",
            "view_mode": "form",
            "context": {f"default_{key}": value for key, value in vals.items()},
        }
