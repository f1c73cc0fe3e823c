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

    assoc_helloasso_move_id = fields.Many2one(
        "account.move",
        string="HelloAsso entry",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="Summary entry of the HelloAsso import that books this payment with the others of its day.",
    )
    assoc_helloasso_reversal_move_id = fields.Many2one(
        "account.move",
        string="HelloAsso reversal entry",
        readonly=True,
        copy=False,
        help="Entry that took this payment out of the books after a refund or a cancellation on HelloAsso.",
    )

    _sql_constraints = [
        (
            "assoc_helloasso_key_unique",
            "unique(company_id, assoc_helloasso_key)",
            "This HelloAsso payment is already recorded.",
        )
    ]
