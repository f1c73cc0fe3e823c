from odoo import _, api, fields, models
from odoo.exceptions import UserError

# What may still change on an issued receipt: its cancellation and its sending.
MUTABLE_FIELDS = {"state", "cancel_reason", "cancel_date", "sent_date", "message_main_attachment_id"}


class AssocTaxReceipt(models.Model):
    """An issued tax receipt: its number, a snapshot of the donor, its gifts and its stored PDF."""

    _name = "assoc.tax.receipt"
    _description = "Tax receipt"
    _inherit = ["mail.thread", "assoc.amount.timeline"]
    _order = "issue_date desc, name desc"
    _check_company_auto = True

    name = fields.Char(string="Number", required=True, readonly=True, copy=False, index=True)
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    partner_id = fields.Many2one("res.partner", string="Donor", required=True, readonly=True, index=True)
    kind = fields.Selection(
        [("individual", "Individual (Cerfa 11580)"), ("company", "Company (Cerfa 16216)")], required=True, readonly=True
    )
    mode = fields.Selection([("gift", "Per gift"), ("annual", "Annual summary")], required=True, readonly=True)
    state = fields.Selection(
        [("issued", "Issued"), ("cancelled", "Cancelled")],
        default="issued",
        required=True,
        readonly=True,
        index=True,
        tracking=True,
    )
    year = fields.Integer(required=True, readonly=True, index=True, help="Calendar year of the gifts.")
    date_from = fields.Date(string="First gift", readonly=True)
    date_to = fields.Date(string="Last gift", readonly=True)
    issue_date = fields.Date(required=True, readonly=True, index=True)
    donation_ids = fields.Many2many(
        "assoc.donation", "assoc_donation_tax_receipt_rel", "receipt_id", "donation_id", string="Gifts", readonly=True
    )
    amount = fields.Monetary(readonly=True)
    amount_cash = fields.Monetary(string="Money gifts", readonly=True)
    amount_in_kind = fields.Monetary(string="Other gifts", readonly=True)
    expected_reduction = fields.Monetary(
        readonly=True, help="Tax reduction the donor can expect, at the rates valid on the last gift's date."
    )
    donor_name = fields.Char(readonly=True)
    donor_lastname = fields.Char(readonly=True)
    donor_firstname = fields.Char(readonly=True)
    donor_street = fields.Char(readonly=True)
    donor_zip = fields.Char(readonly=True)
    donor_city = fields.Char(readonly=True)
    donor_country = fields.Char(readonly=True)
    donor_siren = fields.Char(string="Donor SIREN", readonly=True)
    donor_legal_form = fields.Char(readonly=True)
    attachment_id = fields.Many2one("ir.attachment", string="PDF", readonly=True, copy=False)
    pdf_sha256 = fields.Char(string="PDF SHA-256", readonly=True, copy=False)
    replaced_receipt_id = fields.Many2one("assoc.tax.receipt", string="Replaces", readonly=True, index=True)
    replacement_ids = fields.One2many("assoc.tax.receipt", "replaced_receipt_id", string="Replaced by")
    cancel_reason = fields.Text(readonly=True)
    cancel_date = fields.Date(readonly=True)
    sent_date = fields.Datetime(string="Emailed on", readonly=True)
    run_id = fields.Many2one("assoc.receipt.run", string="Annual campaign", readonly=True, index=True)
    gift_mismatch = fields.Boolean(
        compute="_compute_gift_mismatch",
        store=True,
        help="Issued, but one of its gifts was cancelled or the amounts differ.",
    )
    reduction_text = fields.Text(compute="_compute_reduction_text")

    _sql_constraints = [
        ("number_unique", "unique(company_id, name)", "A receipt number is never used twice in a company."),
    ]

    @api.depends("state", "amount", "donation_ids.state", "donation_ids.amount")
    def _compute_gift_mismatch(self):
        for receipt in self:
            gifts = receipt.donation_ids.filtered(lambda d: d.state == "validated")
            receipt.gift_mismatch = receipt.state == "issued" and (
                not receipt.donation_ids
                or gifts != receipt.donation_ids
                or receipt.currency_id.compare_amounts(sum(gifts.mapped("amount")), receipt.amount) != 0
            )

    def _compute_reduction_text(self):
        for receipt in self:
            receipt.reduction_text = receipt._assoc_reduction(receipt.amount)[1]

    # ------------------------------------------------------------------ CRUD
    def write(self, vals):
        if set(vals) - MUTABLE_FIELDS and not self.env.context.get("assoc_receipt_internal"):
            raise UserError(_("An issued receipt cannot be changed: cancel it and issue a corrected one."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(
            _("Tax receipts are never deleted: their numbers must stay in the register. Cancel the receipt instead.")
        )

    # ------------------------------------------------------------- actions
    def action_download(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_url",
            "target": "self",
            "url": f"/web/content/{self.attachment_id.id}?download=true",
        }

    def action_send_email(self):
        issued = self.filtered(lambda r: r.state == "issued")
        if not issued:
            raise UserError(_("Only issued receipts can be sent."))
        issued._assoc_send_email()
        return True

    def action_open_cancel_wizard(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": "assoc.tax.receipt.cancel",
            "view_mode": "form",
            "target": "new",
            "context": {"default_receipt_ids": self.ids},
        }

    def action_cancel(self, reason, reissue=False):
        """Cancel issued receipts, keeping their number with the reason; with reissue, issue a
        corrected receipt (new number) for their still-valid gifts, referring to the cancelled one.
        The donors are told by email (with the corrected receipt attached)."""
        self._assoc_cancel(reason)
        replacements = self._assoc_reissue(self.env["assoc.donation"]) if reissue else self.browse()
        self._assoc_notify_cancelled()
        return replacements

    def _assoc_cancel_for_donations(self, donations, reason):
        self._assoc_cancel(_("Gift cancelled: %s", reason))
        replacements = self._assoc_reissue(donations)
        self._assoc_notify_cancelled()
        return replacements

    def _assoc_cancel(self, reason):
        if not reason:
            raise UserError(_("Say why the receipt is cancelled."))
        if any(receipt.state != "issued" for receipt in self):
            raise UserError(_("Only issued receipts can be cancelled."))
        self.with_context(assoc_receipt_internal=True).write(
            {"state": "cancelled", "cancel_reason": reason, "cancel_date": fields.Date.context_today(self)}
        )
        self._assoc_log("tax_receipt", _("Tax receipt %(number)s cancelled: %(reason)s"), reason=reason)

    def _assoc_reissue(self, excluded_donations):
        """Corrected receipts for the still-valid gifts; they are not emailed on their own: the
        cancellation notice carries them."""
        groups = []
        for receipt in self:
            gifts = receipt.donation_ids.filtered(lambda d: d.state == "validated") - excluded_donations
            if gifts:
                groups.append(
                    {"partner": receipt.partner_id, "donations": gifts, "mode": receipt.mode, "replaced": receipt}
                )
        return self._assoc_create_issued(groups, send=False)
