from odoo import _, fields, models
from odoo.tools.misc import clean_context


class AssocChequeSlipCash(models.TransientModel):
    _name = "assoc.cheque.slip.cash"
    _description = "Cash remittance slips"

    slip_ids = fields.Many2many(
        "assoc.cheque.slip", string="Slips", required=True, domain="[('state', '=', 'generated')]"
    )
    date = fields.Date(
        string="Bank date",
        required=True,
        default=fields.Date.context_today,
        help="Date the bank credited the slips, as on the bank statement.",
    )

    def action_cash(self):
        self.ensure_one()
        moves = self.slip_ids.with_context(clean_context(self.env.context))._cash(self.date)
        return {
            "type": "ir.actions.act_window",
            "name": _("Cashing entries"),
            "res_model": "account.move",
            "view_mode": "list,form",
            "domain": [("id", "in", moves.ids)],
        }
