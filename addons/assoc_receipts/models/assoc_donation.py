from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

PAYMENT_METHODS = [
    ("cash", "Cash"),
    ("cheque", "Cheque"),
    ("transfer", "Bank transfer"),
    ("card", "Card"),
    ("direct_debit", "Direct debit"),
]
NATURES = [
    ("cash", "Money"),
    ("in_kind", "Gift in kind"),
    ("waived_expenses", "Expenses waived by a volunteer"),
    ("securities", "Listed securities"),
    ("waived_income", "Waived income"),
]
FORMS = [
    ("manual", "Manual gift declaration"),
    ("private_deed", "Private deed"),
    ("notarial_deed", "Notarial deed"),
    ("other", "Other"),
]
# Fields that cannot change once the gift is validated: receipts and entries rely on them.
LOCKED_FIELDS = {"partner_id", "date", "amount", "payment_method", "nature", "form", "company_id", "payment_id"}


class AssocDonation(models.Model):
    _name = "assoc.donation"
    _description = "Donation"
    _inherit = ["mail.thread", "analytic.mixin", "assoc.amount.timeline"]
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Reference", readonly=True, copy=False, default="/", index=True)
    partner_id = fields.Many2one(
        "res.partner", string="Donor", required=True, index=True, tracking=True, check_company=True
    )
    donor_is_company = fields.Boolean(related="partner_id.is_company", store=True, string="Company donor")
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    date = fields.Date(
        required=True,
        default=fields.Date.context_today,
        index=True,
        tracking=True,
        help="Cheque: the day it was handed over or its letter received; transfer, card "
        "or direct debit: the day the money reached the association's account.",
    )
    amount = fields.Monetary(required=True, tracking=True, help="For gifts in kind, the declared value.")
    payment_method = fields.Selection(PAYMENT_METHODS, string="Method", tracking=True)
    nature = fields.Selection(NATURES, required=True, default="cash", tracking=True)
    in_kind_description = fields.Text(string="Description", help="Goods or services given, nature and quantity.")
    valuation_note = fields.Text(string="Valuation evidence", help="How the value was established, with what evidence.")
    form = fields.Selection(FORMS, required=True, default="manual")
    campaign_id = fields.Many2one("utm.campaign", string="Campaign", index=True)
    kind = fields.Selection(
        [("gift", "Gift"), ("dues", "Dues giving a receipt")],
        default="gift",
        required=True,
        index=True,
        help="Dues without counterpart give a receipt like gifts (BOI-IR-RICI-250-20); their accounting "
        "stays with the membership.",
    )
    recurrence = fields.Selection([("one_off", "One-off"), ("regular", "Regular")], default="one_off", required=True)
    gives_receipt = fields.Boolean(string="Gives a tax receipt", default=True)
    state = fields.Selection(
        [("draft", "Draft"), ("validated", "Validated"), ("cancelled", "Cancelled")],
        default="draft",
        required=True,
        tracking=True,
        index=True,
        copy=False,
    )
    payment_id = fields.Many2one(
        "account.payment", string="Payment", readonly=True, copy=False, index=True, check_company=True
    )
    move_id = fields.Many2one(related="payment_id.move_id", string="Journal entry")
    receipt_ids = fields.Many2many(
        "assoc.tax.receipt",
        "assoc_donation_tax_receipt_rel",
        "donation_id",
        "receipt_id",
        string="Receipts",
        copy=False,
        readonly=True,
    )
    receipt_id = fields.Many2one(
        "assoc.tax.receipt", string="Receipt", compute="_compute_receipt_id", store=True, index=True
    )
    cancel_reason = fields.Text(copy=False)
    political_attestation = fields.Selection(
        [("nationality", "French nationality"), ("residence", "Residence in France")],
        string="Donor's attestation",
        copy=False,
        help="Political party mode: the donor attests French nationality or residence in France.",
    )
    political_nationality_id = fields.Many2one("res.country", string="Nationality")
    cnccfp_receipt_number = fields.Char(string="CNCCFP receipt number", copy=False)

    @api.depends("receipt_ids.state")
    def _compute_receipt_id(self):
        for donation in self:
            donation.receipt_id = donation.receipt_ids.filtered(lambda r: r.state == "issued")[:1]

    @api.constrains("amount")
    def _check_amount(self):
        if any(donation.amount <= 0 for donation in self):
            raise ValidationError(_("The amount of a gift must be greater than zero."))

    @api.onchange("campaign_id")
    def _onchange_campaign_id(self):
        if self.campaign_id.assoc_analytic_account_id:
            self.analytic_distribution = {str(self.campaign_id.assoc_analytic_account_id.id): 100}

    @api.onchange("nature")
    def _onchange_nature(self):
        if self.nature != "cash":
            self.payment_method = False

    # ------------------------------------------------------------------ CRUD
    @api.model_create_multi
    def create(self, vals_list):
        unnamed = [vals for vals in vals_list if vals.get("name", "/") == "/"]
        if unnamed:
            # what next_by_code does, with the sequence looked up once for the batch
            sequence = self.env["ir.sequence"].search(
                [("code", "=", "assoc.donation"), ("company_id", "in", [self.env.company.id, False])],
                order="company_id",
                limit=1,
            )
            for vals in unnamed:
                vals["name"] = (sequence and sequence.next_by_id()) or "/"
        return super().create(vals_list)

    def write(self, vals):
        if LOCKED_FIELDS & set(vals) and not self.env.context.get("assoc_donation_internal"):
            if any(donation.state != "draft" for donation in self):
                raise UserError(_("A validated or cancelled gift cannot be changed: cancel it and record it again."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        if any(donation.state != "draft" for donation in self):
            raise UserError(_("Only draft gifts can be deleted; cancel a validated gift instead."))

    # ------------------------------------------------------------- actions
    def action_validate(self):
        """Validate draft gifts: post the money, log the timeline, update the donor, and issue
        per-gift receipts where the company works that way. Returns a warning action when some
        receipt could not be issued (incomplete donor)."""
        drafts = self.filtered(lambda d: d.state == "draft")
        if not drafts:
            raise UserError(_("Only draft gifts can be validated."))
        drafts._assoc_check_validation()
        drafts._assoc_check_political()
        drafts._assoc_post_payments()
        drafts.with_context(assoc_donation_internal=True).write({"state": "validated"})
        drafts._assoc_log("donation", _("Gift %(ref)s: %(amount)s"))
        self.env["res.partner"]._assoc_update_donor_stats(drafts.partner_id.ids)
        return drafts._assoc_issue_per_gift_receipts()

    def _assoc_check_validation(self):
        receipted = self.filtered(
            lambda d: (
                d.gives_receipt
                and d.company_id.assoc_receipt_mode == "per_gift"
                and not d.company_id.assoc_political_mode
            )
        )
        for company in receipted.company_id:
            missing = self.env["assoc.tax.receipt"]._assoc_organisation_missing(company)
            if missing:
                raise UserError(
                    _(
                        "Complete the association's data for receipts (Settings) before validating gifts: %s.",
                        ", ".join(missing),
                    )
                )
        for donation in self:
            if donation.nature == "cash" and not donation.payment_method and not donation.payment_id:
                raise UserError(_("Gift %s: choose how the money was paid.", donation.name))
            if donation.nature == "in_kind" and not donation.in_kind_description:
                raise UserError(_("Gift %s: describe the goods or services given.", donation.name))
            lock_date = donation.company_id._get_user_fiscal_lock_date(donation._assoc_journal(raise_if_missing=False))
            if lock_date and donation.date <= lock_date:
                raise UserError(
                    _(
                        "Gift %(ref)s is dated %(date)s, in a closed period (the books are locked until %(lock)s): "
                        "date it in an open period or ask the accountant.",
                        ref=donation.name,
                        date=donation.date,
                        lock=lock_date,
                    )
                )

    def action_cancel(self, reason=None):
        """Cancel validated gifts: reverse their entries, cancel their receipts (a receipt for
        money not received is undue, art. 1740 A CGI) and re-issue the others of an annual receipt."""
        reason = reason or self.env.context.get("assoc_cancel_reason")
        if not reason:
            raise UserError(_("Say why the gift is cancelled."))
        to_cancel = self.filtered(lambda d: d.state != "cancelled")
        to_cancel._assoc_reverse_payments(reason)
        to_cancel.with_context(assoc_donation_internal=True).write({"state": "cancelled", "cancel_reason": reason})
        to_cancel.receipt_ids.filtered(lambda r: r.state == "issued")._assoc_cancel_for_donations(to_cancel, reason)
        to_cancel._assoc_log("donation", _("Gift %(ref)s of %(amount)s cancelled"))
        self.env["res.partner"]._assoc_update_donor_stats(to_cancel.partner_id.ids)
        return True

    def action_open_cancel_wizard(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": "assoc.donation.cancel",
            "view_mode": "form",
            "target": "new",
            "context": {"default_donation_ids": self.ids},
        }

    def action_issue_receipt(self):
        """Issue a per-gift receipt by hand (companies in annual mode, or after completing a donor)."""
        return self.env["assoc.tax.receipt"]._assoc_issue_for_donations(self, mode="gift")

    def action_open_receipt(self):
        self.ensure_one()
        return self.receipt_id._get_records_action()

    # ------------------------------------------------------------- helpers
    def _assoc_issue_per_gift_receipts(self):
        to_receipt = self.filtered(
            lambda d: (
                d.gives_receipt
                and d.company_id.assoc_receipt_mode == "per_gift"
                and not d.company_id.assoc_political_mode
            )
        )
        if not to_receipt:
            return True
        missing = self.env["assoc.tax.receipt"]._assoc_missing_items(to_receipt.partner_id)
        complete = to_receipt.filtered(lambda d: d.partner_id.id not in missing)
        if complete:
            self.env["assoc.tax.receipt"]._assoc_issue_for_donations(complete, mode="gift")
        if not missing:
            return True
        lines = self.env["assoc.tax.receipt"]._assoc_missing_lines(missing)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": _("Gift validated, receipt not issued"),
                "message": _("Complete these donors, then issue their receipt:\n%s", lines),
                "type": "warning",
                "sticky": True,
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
