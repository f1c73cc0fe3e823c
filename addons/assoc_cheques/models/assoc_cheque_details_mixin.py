from odoo import api, fields, models

from .account_payment import CHEQUE_STATES


class AssocChequeDetailsMixin(models.AbstractModel):
    """Cheque details typed on a record paid by cheque (a gift, a membership) before its payment
    exists, then the cheque's life read back from that payment. The inheriting model holds
    `payment_id` (account.payment), `partner_id` and `date`."""

    _name = "assoc.cheque.details.mixin"
    _description = "Cheque details of a record paid by cheque"

    assoc_cheque_number = fields.Char(string="Cheque number")
    assoc_cheque_drawer = fields.Char(string="Drawer")
    assoc_cheque_bank = fields.Char(string="Drawer's bank")
    assoc_cheque_state = fields.Selection(CHEQUE_STATES, string="Cheque status", compute="_compute_assoc_cheque")
    assoc_cheque_slip_id = fields.Many2one(
        "assoc.cheque.slip", string="Remittance slip", compute="_compute_assoc_cheque"
    )
    assoc_cheque_returned = fields.Boolean(
        string="Cheque returned", compute="_compute_assoc_cheque_returned", store=True, index=True
    )

    @api.depends("payment_id.assoc_cheque_state", "payment_id.assoc_cheque_slip_id")
    def _compute_assoc_cheque(self):
        for record in self:
            record.assoc_cheque_state = record.payment_id.assoc_cheque_state
            record.assoc_cheque_slip_id = record.payment_id.assoc_cheque_slip_id

    @api.depends("payment_id.assoc_cheque_state")
    def _compute_assoc_cheque_returned(self):
        for record in self:
            record.assoc_cheque_returned = record.payment_id.assoc_cheque_state == "returned"

    def _assoc_cheque_payment_vals(self):
        """The cheque fields of the payment created for this record."""
        self.ensure_one()
        return {
            "assoc_cheque_number": self.assoc_cheque_number,
            "assoc_cheque_drawer": self.assoc_cheque_drawer or self.partner_id.name,
            "assoc_cheque_bank": self.assoc_cheque_bank,
            "assoc_cheque_received_date": self.date,
        }
