import io
from collections import OrderedDict

from odoo import _, models
from odoo.exceptions import UserError

SLIP_REPORT = "assoc_cheques.report_cheque_slip"


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    def _pre_render_qweb_pdf(self, report_ref, res_ids=None, data=None):
        """Slips are drawn once by reportlab when generated: printing serves the stored PDF."""
        if self._get_report(report_ref).report_name != SLIP_REPORT:
            return super()._pre_render_qweb_pdf(report_ref, res_ids=res_ids, data=data)
        if isinstance(res_ids, int):
            res_ids = [res_ids]
        slips = self.env["assoc.cheque.slip"].browse(res_ids)
        if not all(slips.mapped("pdf_attachment_id")):
            raise UserError(_("Generate the slip first: its PDF is issued with its number."))
        streams = OrderedDict(
            (slip.id, {"stream": io.BytesIO(slip.pdf_attachment_id.raw), "attachment": slip.pdf_attachment_id})
            for slip in slips
        )
        return streams, "pdf"
