from collections import defaultdict

from odoo import _, fields, models

METHOD_OF_DUES = {
    "cheque": "cheque",
    "cash": "cash",
    "transfer": "transfer",
    "card": "card",
    "direct_debit": "direct_debit",
    "helloasso": "card",
}


class AssocMembership(models.Model):
    _inherit = "assoc.membership"

    assoc_receipt_donation_id = fields.Many2one(
        "assoc.donation",
        string="Receipted dues",
        readonly=True,
        copy=False,
        help="The dues as a receipted payment: it goes on a per-gift or an annual receipt.",
    )
    assoc_receipt_id = fields.Many2one(related="assoc_receipt_donation_id.receipt_id", string="Tax receipt")

    def action_confirm(self):
        self._assoc_check_political_cap()
        return super().action_confirm()

    def _after_confirm(self):
        res = super()._after_confirm()
        self._assoc_receipt_dues()
        return res

    def action_cancel(self):
        dues = self.filtered(lambda m: m.state == "confirmed").assoc_receipt_donation_id
        res = super().action_cancel()
        dues.filtered(lambda d: d.state == "validated").action_cancel(_("Membership cancelled"))
        return res

    def _assoc_receipt_dues(self):
        """Dues of a type without counterpart become receipted payments (never in political mode,
        where receipts are the CNCCFP's)."""
        todo = self.filtered(
            lambda m: (
                m.type_id.gives_tax_receipt
                and m.amount > 0
                and not m.assoc_receipt_donation_id
                and not m.company_id.assoc_political_mode
            )
        )
        if not todo:
            return
        dues = (
            self.env["assoc.donation"]
            .sudo()
            .create(
                [
                    {
                        "partner_id": membership.partner_id.id,
                        "company_id": membership.company_id.id,
                        "date": membership.date,
                        "amount": membership.amount,
                        "nature": "cash",
                        "payment_method": METHOD_OF_DUES.get(membership.payment_method, "transfer"),
                        "kind": "dues",
                        "state": "validated",
                    }
                    for membership in todo
                ]
            )
        )
        for membership, donation in zip(todo, dues, strict=True):
            membership.assoc_receipt_donation_id = donation
        # Recording dues never waits for the receipt settings: without them the dues stay in
        # "gifts without receipt" and the next receipt run (or the annual campaign) issues them.
        Receipt = self.env["assoc.tax.receipt"]
        ready = todo.company_id.filtered(lambda company: not Receipt._assoc_organisation_missing(company))
        dues.filtered(lambda donation: donation.company_id in ready)._assoc_issue_per_gift_receipts()

    def _assoc_check_political_cap(self):
        """Dues count towards the yearly cap of gifts and dues per person, except élus' dues."""
        asked = defaultdict(float)
        for membership in self.filtered(
            lambda m: m.company_id.assoc_political_mode and m.amount > 0 and not m.partner_id.assoc_elected_office
        ):
            asked[(membership.partner_id.id, membership.date.year, membership.company_id.id)] += membership.amount
        self.env["assoc.donation"]._assoc_refuse_above_cap(asked)
