from odoo import fields, models


class AssocChequeReturn(models.TransientModel):
    _name = "assoc.cheque.return"
    _description = "Mark cheques as returned unpaid"

    payment_ids = fields.Many2many("account.payment", string="Cheques", required=True)
    date = fields.Date(string="Return date", required=True, default=fields.Date.context_today)
    reason = fields.Char(required=True, default=lambda self: self.env._("Insufficient funds"))

    def action_confirm(self):
        self.ensure_one()
        reversals = self.payment_ids._assoc_cheque_mark_returned(self.date, self.reason)
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "view_mode": "list,form",
            "domain": [("id", "in", reversals.ids)],
        }
