from odoo import _, api, fields, models
from odoo.exceptions import UserError


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

    assoc_helloasso_summarized = fields.Boolean(
        string="In a HelloAsso summary entry",
        compute="_compute_assoc_helloasso_summarized",
        help="Booked with the other HelloAsso payments of its day in one summary entry.",
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

    @api.depends("move_id.origin_payment_id")
    def _compute_assoc_helloasso_summarized(self):
        for payment in self:
            payment.assoc_helloasso_summarized = bool(
                payment.assoc_helloasso_key and payment.move_id and payment.move_id.origin_payment_id != payment
            )

    @api.depends("assoc_helloasso_summarized")
    def _compute_amount_company_currency_signed(self):
        """Odoo reads the amount off the payment's liquidity line; a summary entry's line holds
        the whole day, so a summarized payment converts its own amount instead."""
        summarized = self.filtered("assoc_helloasso_summarized")
        super(AccountPayment, self - summarized)._compute_amount_company_currency_signed()
        for payment in summarized:
            amount = payment.currency_id._convert(
                payment.amount, payment.company_currency_id, payment.company_id, payment.date
            )
            payment.amount_company_currency_signed = amount if payment.payment_type == "inbound" else -amount

    @api.depends("assoc_helloasso_summarized")
    def _compute_reconciliation_status(self):
        """The payments of a summary entry share its lines, so they share Odoo's answer too: it
        is computed once per entry instead of going over the entry's lines for each payment."""
        summarized = self.filtered("assoc_helloasso_summarized")
        super(AccountPayment, self - summarized)._compute_reconciliation_status()
        shared = {}
        for payment in summarized:
            key = (payment.move_id, payment.outstanding_account_id, payment.currency_id)
            if key not in shared:
                super(AccountPayment, payment)._compute_reconciliation_status()
                shared[key] = (payment.is_matched, payment.is_reconciled)
            payment.is_matched, payment.is_reconciled = shared[key]

    def _assoc_check_not_summarized(self):
        shared = self.filtered("assoc_helloasso_summarized")[:1]
        if shared:
            raise UserError(
                _(
                    "The payment %(payment)s is booked with other HelloAsso payments in the summary entry "
                    "%(entry)s: refund it on HelloAsso (or cancel what it funds), the next import takes it "
                    "out of the books.",
                    payment=shared.name,
                    entry=shared.move_id.name,
                )
            )

    def action_draft(self):
        self._assoc_check_not_summarized()
        return super().action_draft()

    def action_cancel(self):
        self._assoc_check_not_summarized()
        return super().action_cancel()

    def unlink(self):
        self._assoc_check_not_summarized()
        return super().unlink()
