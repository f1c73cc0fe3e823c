from odoo import _, api, fields, models
from odoo.exceptions import UserError

BATCH_SIZE = 250


class AssocReceiptRun(models.Model):
    """An annual receipt campaign: one summary receipt per donor for a calendar year, issued in
    batches by a cron (progress notified, resumable: what remains is read from the gifts)."""

    _name = "assoc.receipt.run"
    _description = "Annual receipt campaign"
    _order = "year desc, id desc"

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)
    year = fields.Integer(required=True, default=lambda self: fields.Date.context_today(self).year - 1)
    state = fields.Selection(
        [("draft", "Draft"), ("checked", "Checked"), ("running", "Issuing"), ("done", "Done")],
        default="draft",
        required=True,
        readonly=True,
    )
    send_email = fields.Boolean(string="Email the receipts", default=True)
    donor_count = fields.Integer(string="Donors", readonly=True)
    missing_ids = fields.One2many("assoc.receipt.run.missing", "run_id", string="Incomplete donors", readonly=True)
    missing_count = fields.Integer(compute="_compute_counts")
    receipt_ids = fields.One2many("assoc.tax.receipt", "run_id", string="Receipts", readonly=True)
    receipt_count = fields.Integer(compute="_compute_counts")
    progress = fields.Float(compute="_compute_counts")

    @api.depends("year", "company_id")
    def _compute_name(self):
        for run in self:
            run.name = _("Annual receipts %(year)s (%(company)s)", year=run.year, company=run.company_id.name)

    @api.depends("missing_ids", "receipt_ids", "donor_count")
    def _compute_counts(self):
        for run in self:
            run.missing_count = len(run.missing_ids)
            run.receipt_count = len(run.receipt_ids)
            expected = run.donor_count - run.missing_count
            run.progress = 100.0 * run.receipt_count / expected if expected > 0 else 100.0

    @api.constrains("year")
    def _check_year(self):
        if any(run.year >= fields.Date.context_today(run).year + 1 or run.year < 2000 for run in self):
            raise UserError(_("Choose a past or current calendar year."))

    # ------------------------------------------------------------- steps
    def _eligible_domain(self):
        self.ensure_one()
        return [
            ("company_id", "=", self.company_id.id),
            ("state", "=", "validated"),
            ("gives_receipt", "=", True),
            ("receipt_id", "=", False),
            ("date", ">=", f"{self.year}-01-01"),
            ("date", "<=", f"{self.year}-12-31"),
        ]

    def action_check(self):
        """List every donor with a missing item: nothing will be issued for them."""
        self.ensure_one()
        Receipt = self.env["assoc.tax.receipt"]
        org_missing = Receipt._assoc_organisation_missing(self.company_id)
        if org_missing:
            raise UserError(_("Complete the association's data for receipts (Settings): %s.", ", ".join(org_missing)))
        if self.company_id.assoc_political_mode:
            raise UserError(_("In political party mode, no Cerfa receipt is issued."))
        groups = self.env["assoc.donation"]._read_group(self._eligible_domain(), ["partner_id"])
        partners = self.env["res.partner"].union(*(partner for (partner,) in groups))
        missing = Receipt._assoc_missing_items(partners)
        self.missing_ids.unlink()
        self.write(
            {
                "donor_count": len(partners),
                "state": "checked",
                "missing_ids": [
                    (0, 0, {"partner_id": pid, "missing": ", ".join(items)}) for pid, items in missing.items()
                ],
            }
        )
        return True

    def action_start(self):
        self.ensure_one()
        if self.state not in ("checked", "running"):
            raise UserError(_("Check the donors first."))
        self.state = "running"
        self.env.ref("assoc_receipts.ir_cron_issue_annual_receipts")._trigger()
        return True

    def action_view_receipts(self):
        return self.receipt_ids._get_records_action(name=_("Receipts"))

    @api.model
    def _cron_issue_annual_receipts(self, batch_size=BATCH_SIZE):
        run = self.search([("state", "=", "running")], limit=1, order="id")
        if run:
            run._issue_batch(batch_size)

    def _issue_batch(self, batch_size):
        """Issue the next batch of donors; what remains is derived from the gifts themselves,
        so a crashed batch is simply done again."""
        excluded = set(self.missing_ids.partner_id.ids)
        Donation = self.env["assoc.donation"]
        groups = [
            (partner, ids)
            for partner, ids in Donation._read_group(
                self._eligible_domain(), ["partner_id"], ["id:array_agg"], order="partner_id"
            )
            if partner.id not in excluded
        ]
        batch, rest = groups[:batch_size], groups[batch_size:]
        # one prefetch set for the whole batch: a few queries, not a few per donor
        gift_ids = [gift_id for _partner, ids in batch for gift_id in ids]
        partner_ids = [partner.id for partner, _ids in batch]
        batch = [
            (partner.with_prefetch(partner_ids), Donation.browse(ids).with_prefetch(gift_ids)) for partner, ids in batch
        ]
        self.env["assoc.tax.receipt"]._assoc_create_issued(
            [{"partner": partner, "donations": gifts, "mode": "annual"} for partner, gifts in batch], run=self
        )
        if not rest:
            self.state = "done"
        self.env["ir.cron"]._notify_progress(done=len(batch), remaining=len(rest))


class AssocReceiptRunMissing(models.Model):
    _name = "assoc.receipt.run.missing"
    _description = "Donor with an incomplete record"

    run_id = fields.Many2one("assoc.receipt.run", required=True, ondelete="cascade", index=True)
    partner_id = fields.Many2one("res.partner", string="Donor", required=True, ondelete="cascade")
    missing = fields.Char(string="Missing items")
