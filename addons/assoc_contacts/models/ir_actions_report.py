from odoo import models

from ..report.label_sheet import render_label_sheet

LABEL_REPORTS = {
    "assoc_contacts.report_address_labels_l7160": "L7160",
    "assoc_contacts.report_address_labels_l7163": "L7163",
}


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    def _render_qweb_pdf(self, report_ref, res_ids=None, data=None):
        """Label sheets are fixed-layout documents: drawn by reportlab, not wkhtmltopdf."""
        report = self._get_report(report_ref)
        layout = LABEL_REPORTS.get(report.report_name)
        if not layout:
            return super()._render_qweb_pdf(report_ref, res_ids=res_ids, data=data)
        res_ids = [res_ids] if isinstance(res_ids, int) else (res_ids or (data or {}).get("partner_ids") or [])
        partners = self.env["res.partner"].browse(res_ids)
        skip = int((data or {}).get("skip") or 0)
        return render_label_sheet(partners._assoc_address_lines(), layout, skip=skip, title=report.name), "pdf"
