from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal, pager as portal_pager

PAYMENT_STATES = ("in_process", "paid")
PAYMENTS_STEP = 20  # gifts and payments per page, the newest first


class AssocReceiptsPortal(CustomerPortal):
    """“Payments and receipts”: the member's gifts, the money they paid (gifts and dues) and
    their tax receipts, downloaded as issued."""

    def _assoc_donation_domain(self):
        # The portal record rules already limit gifts and receipts to the member's own.
        return [("partner_id", "=", request.env.user.partner_id.id), ("state", "=", "validated")]

    def _assoc_receipt_domain(self):
        return [("partner_id", "=", request.env.user.partner_id.id)]

    def _assoc_payment_domain(self):
        return [
            ("partner_id", "=", request.env.user.partner_id.id),
            ("payment_type", "=", "inbound"),
            ("state", "in", PAYMENT_STATES),
        ]

    def _assoc_payment_model(self):
        """Portal users have no access to accounting: payments are read as superuser, always
        with _assoc_payment_domain (the member's own contact)."""
        return request.env["account.payment"].sudo()

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "assoc_payment_count" in counters:
            enabled = request.env.user.company_id.assoc_portal_payments
            values["assoc_payment_count"] = (
                (
                    request.env["assoc.donation"].search_count(self._assoc_donation_domain())
                    + request.env["assoc.tax.receipt"].search_count(self._assoc_receipt_domain())
                    + self._assoc_payment_model().search_count(self._assoc_payment_domain())
                )
                if enabled
                else 0
            )
        return values

    @http.route(["/my/payments", "/my/payments/page/<int:page>"], type="http", auth="user", website=True)
    def assoc_my_payments(self, page=1, **kw):
        if not request.env.user.company_id.assoc_portal_payments:
            return request.redirect("/my")
        Donation, Payment = request.env["assoc.donation"], self._assoc_payment_model()
        donation_domain, payment_domain = self._assoc_donation_domain(), self._assoc_payment_domain()
        # One pager walks back through both lists: page 2 shows the older gifts and payments.
        total = max(Donation.search_count(donation_domain), Payment.search_count(payment_domain))
        pager = portal_pager(url="/my/payments", total=total, page=page, step=PAYMENTS_STEP)
        window = {"order": "date desc, id desc", "limit": PAYMENTS_STEP, "offset": pager["offset"]}
        donations = Donation.search_fetch(
            donation_domain, ["date", "nature", "recurrence", "campaign_id", "amount", "company_id"], **window
        )
        values = self._prepare_portal_layout_values()
        values.update(
            page_name="assoc_payments",
            pager=pager,
            donations=donations,
            campaigns={donation.id: donation.campaign_id.name or "" for donation in donations.sudo()},
            receipts=request.env["assoc.tax.receipt"].search_fetch(
                self._assoc_receipt_domain(), ["name", "year", "issue_date", "amount", "company_id", "state"]
            ),
            payments=Payment.search_fetch(
                payment_domain, ["date", "journal_id", "memo", "amount", "currency_id"], **window
            ),
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
