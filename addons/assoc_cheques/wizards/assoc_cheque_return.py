from odoo import _, fields, models
from odoo.tools.misc import clean_context


class AssocChequeReturn(models.TransientModel):
    _name = "assoc.cheque.return"
    _description = "Mark cheques as returned unpaid"

    payment_ids = fields.Many2many("account.payment", string="Cheques", required=True)
    date = fields.Date(string="Return date", required=True, default=fields.Date.context_today)
    reason = fields.Char(required=True, default=lambda self: _("Insufficient funds"))

    def action_confirm(self):
        self.ensure_one()
        # default_payment_ids must not leak into the reversal entries (account.move has payment_ids).
        payments = self.payment_ids.with_context(clean_context(self.env.context))
        reversals = payments._assoc_cheque_mark_returned(self.date, self.reason)
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "view_mode": "list,form",
            "domain": [("id", "in", reversals.ids)],
        }
