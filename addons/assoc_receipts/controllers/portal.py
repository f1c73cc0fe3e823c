from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal

PAYMENT_STATES = ("in_process", "paid")


class AssocReceiptsPortal(CustomerPortal):
    """“Payments and receipts”: the member's gifts, the money they paid (gifts and dues) and
    their tax receipts, downloaded as issued."""

    def _assoc_donation_domain(self):
        # The portal record rules already limit gifts and receipts to the member's own.
        return [("partner_id", "=", request.env.user.partner_id.id), ("state", "=", "validated")]

    def _assoc_receipt_domain(self):
        return [("partner_id", "=", request.env.user.partner_id.id)]

    def _assoc_payments(self):
        """The member's received payments. Portal users have no access to accounting: read
        as superuser, restricted to the member's own contact."""
        return request.env["account.payment"].sudo().search([
            ("partner_id", "=", request.env.user.partner_id.id), ("payment_type", "=", "inbound"),
            ("state", "in", PAYMENT_STATES),
        ], order="date desc, id desc", limit=100)

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "assoc_payment_count" in counters:
            enabled = request.env.user.company_id.assoc_portal_payments
            values["assoc_payment_count"] = (
                request.env["assoc.donation"].search_count(self._assoc_donation_domain())
                + request.env["assoc.tax.receipt"].search_count(self._assoc_receipt_domain())
                + len(self._assoc_payments())) if enabled else 0
        return values

    @http.route(["/my/payments"], type="http", auth="user", website=True)
    def assoc_my_payments(self, **kw):
        if not request.env.user.company_id.assoc_portal_payments:
            return request.redirect("/my")
        values = self._prepare_portal_layout_values()
        values.update(
            page_name="assoc_payments",
            donations=request.env["assoc.donation"].search(self._assoc_donation_domain(), order="date desc, id desc"),
            receipts=request.env["assoc.tax.receipt"].search(self._assoc_receipt_domain()),
            payments=self._assoc_payments(),
        )
        return request.render("assoc_receipts.portal_my_payments", values)

    @http.route(["/my/payments/receipt/<int:receipt_id>"], type="http", auth="user", website=True)
    def assoc_receipt_download(self, receipt_id, **kw):
        """The receipt's stored PDF, byte for byte as issued: never rendered again."""
        if not request.env.user.company_id.assoc_portal_payments:
            return request.not_found()
        receipt = request.env["assoc.tax.receipt"].browse(receipt_id)
        try:
            receipt.check_access("read")
            if not receipt.exists() or receipt.partner_id != request.env.user.partner_id:
                raise MissingError("not the donor")
        except (AccessError, MissingError):
            return request.not_found()
        attachment = receipt.sudo().attachment_id
        if receipt.state != "issued" or not attachment:
            return request.not_found()
        return request.env["ir.binary"]._get_stream_from(attachment).get_response(as_attachment=True)
