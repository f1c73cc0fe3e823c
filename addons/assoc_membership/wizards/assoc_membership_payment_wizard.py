from odoo import fields, models


class AssocMembershipPaymentWizard(models.TransientModel):
    """Turn a received payment into a membership (from the payment form)."""

    _name = "assoc.membership.payment.wizard"
    _description = "Record a membership from a payment"

    payment_id = fields.Many2one("account.payment", required=True, readonly=True)
    amount = fields.Monetary(related="payment_id.amount")
    currency_id = fields.Many2one(related="payment_id.currency_id")
    partner_id = fields.Many2one("res.partner", string="Member", required=True)
    type_id = fields.Many2one("assoc.membership.type", string="Membership type", required=True)
    date = fields.Date(string="Subscription date", default=lambda self: self._default_date())

    def _default_date(self):
        payment = self.env["account.payment"].browse(self.env.context.get("default_payment_id"))
        return payment.date or fields.Date.context_today(self)

    def action_record(self):
        self.ensure_one()
        membership = self.env["assoc.membership"].create_from_payment(
            self.payment_id, self.type_id, partner=self.partner_id, date=self.date
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "assoc.membership",
            "res_id": membership.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }
