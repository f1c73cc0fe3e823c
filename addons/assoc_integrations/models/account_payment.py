from odoo import fields, models


class AccountPayment(models.Model):
    _inherit = "account.payment"

    assoc_helloasso_key = fields.Char(
        string="HelloAsso reference",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="Organization, payment and item of the HelloAsso payment share this payment records.",
    )
    assoc_helloasso_refunded = fields.Monetary(
        string="Refunded on HelloAsso",
        readonly=True,
        copy=False,
        help="Part of this HelloAsso payment share given back so far (partial or full refunds).",
    )
    assoc_helloasso_item_id = fields.Many2one(
        "assoc.helloasso.item", string="HelloAsso item", readonly=True, copy=False, index="btree_not_null"
    )

    _sql_constraints = [
        (
            "assoc_helloasso_key_unique",
            "unique(company_id, assoc_helloasso_key)",
            "This HelloAsso payment is already recorded.",
        )
    ]
