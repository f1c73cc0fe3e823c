from odoo import models

# report_name -> (document, card layout)
MEMBERSHIP_REPORTS = {
    "assoc_membership.report_membership_card": ("card", "single"),
    "assoc_membership.report_membership_card_sheet": ("card", "sheet"),
    "assoc_membership.report_membership_attestation": ("attestation", None),
    "assoc_membership.report_partner_membership_card": ("card", "single"),
    "assoc_membership.report_partner_membership_card_sheet": ("card", "sheet"),
    "assoc_membership.report_partner_membership_attestation": ("attestation", None),
}


class IrActionsReport(models.Model):
    """Cards and attestations are drawn with reportlab, not QWeb/wkhtmltopdf: the print menu
    and the mail templates go through these reports, rendered by the addon's renderers."""

    _inherit = "ir.actions.report"

    def _render_qweb_pdf(self, report_ref, res_ids=None, data=None):
        report = self._get_report(report_ref)
        if report.report_name not in MEMBERSHIP_REPORTS:
            return super()._render_qweb_pdf(report_ref, res_ids=res_ids, data=data)
        if isinstance(res_ids, int):
            res_ids = [res_ids]
        document, layout = MEMBERSHIP_REPORTS[report.report_name]
        memberships, people = self.env[report.model].browse(res_ids)._assoc_membership_documents()
        if document == "attestation":
            return memberships._render_attestations(), "pdf"
        return memberships._render_cards(layout, people), "pdf"
