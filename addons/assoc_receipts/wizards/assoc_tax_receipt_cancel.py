from odoo import fields, models


class AssocTaxReceiptCancel(models.TransientModel):
    _name = "assoc.tax.receipt.cancel"
    _description = "Cancel or correct tax receipts"

    receipt_ids = fields.Many2many("assoc.tax.receipt", string="Receipts", required=True)
    reason = fields.Text(required=True)
    reissue = fields.Boolean(
        string="Issue a corrected receipt",
        default=True,
        help="Issue a new receipt (new number) for the same gifts, referring to the cancelled one; "
        "correct the donor's record first.",
    )

    def action_confirm(self):
        replacements = self.receipt_ids.action_cancel(self.reason, reissue=self.reissue)
        if replacements:
            return replacements._get_records_action()
        return {"type": "ir.actions.act_window_close"}
