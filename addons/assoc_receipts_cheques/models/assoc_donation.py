from odoo import api, fields, models


class AssocDonation(models.Model):
    _inherit = "assoc.donation"

    assoc_cheque_number = fields.Char(string="Cheque number")
    assoc_cheque_drawer = fields.Char(string="Drawer")
    assoc_cheque_bank = fields.Char(string="Drawer's bank")
    assoc_cheque_state = fields.Selection(related="payment_id.assoc_cheque_state", string="Cheque status")
    assoc_cheque_slip_id = fields.Many2one(related="payment_id.assoc_cheque_slip_id", string="Remittance slip")
    assoc_cheque_returned = fields.Boolean(
        string="Cheque returned", compute="_compute_assoc_cheque_returned", store=True, index=True)

    @api.depends("payment_id.assoc_cheque_state")
    def _compute_assoc_cheque_returned(self):
        for donation in self:
            donation.assoc_cheque_returned = donation.payment_id.assoc_cheque_state == "returned"

    def _assoc_payment_vals(self):
        vals = super()._assoc_payment_vals()
        if self.payment_method == "cheque":
            vals.update({
                "assoc_cheque_number": self.assoc_cheque_number,
                "assoc_cheque_drawer": self.assoc_cheque_drawer or self.partner_id.name,
                "assoc_cheque_bank": self.assoc_cheque_bank,
                "assoc_cheque_received_date": self.date,
                "assoc_campaign_id": self.campaign_id.id,
            })
        return vals
