import io
from collections import OrderedDict

from odoo import _, models
from odoo.exceptions import UserError

RECEIPT_REPORT = "assoc_receipts.report_tax_receipt"


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    def _pre_render_qweb_pdf(self, report_ref, res_ids=None, data=None):
        """Receipts are never rendered again: printing returns the PDF stored at issue."""
        if self._get_report(report_ref).report_name != RECEIPT_REPORT:
            return super()._pre_render_qweb_pdf(report_ref, res_ids=res_ids, data=data)
        receipts = self.env["assoc.tax.receipt"].browse([res_ids] if isinstance(res_ids, int) else res_ids)
        if not receipts or any(not receipt.attachment_id for receipt in receipts):
            raise UserError(_("Only issued receipts have a PDF."))
        return OrderedDict(
            (receipt.id, {"stream": io.BytesIO(receipt.attachment_id.sudo().raw), "attachment": receipt.attachment_id})
            for receipt in receipts
        ), "pdf"
