from odoo import api, models


class AccountPaymentMethod(models.Model):
    _inherit = "account.payment.method"

    @api.model
    def _get_payment_method_information(self):
        res = super()._get_payment_method_information()
        # "unique": only the cheques journal of each company offers it, never every bank journal.
        res["assoc_cheque"] = {"mode": "unique", "type": ("bank",)}
        return res
