from odoo import fields, models


class AccountPayment(models.Model):
    _inherit = "account.payment"

    assoc_membership_ids = fields.One2many("assoc.membership", "payment_id", string="Memberships")
    assoc_membership_count = fields.Integer(compute="_compute_assoc_membership_count")

    def _compute_assoc_membership_count(self):
        for payment in self:
            payment.assoc_membership_count = len(payment.assoc_membership_ids)

    def action_assoc_record_membership(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "assoc.membership.payment.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_payment_id": self.id, "default_partner_id": self.partner_id.id},
        }

    def action_assoc_view_memberships(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("assoc_membership.action_assoc_membership")
        action["domain"] = [("payment_id", "=", self.id)]
        return action
