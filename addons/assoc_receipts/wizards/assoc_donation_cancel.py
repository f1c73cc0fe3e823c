from odoo import fields, models


class AssocDonationCancel(models.TransientModel):
    _name = "assoc.donation.cancel"
    _description = "Cancel gifts"

    donation_ids = fields.Many2many("assoc.donation", string="Gifts", required=True)
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.donation_ids.action_cancel(self.reason)
        return {"type": "ir.actions.act_window_close"}
