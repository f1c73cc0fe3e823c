from odoo import _, api, fields, models
from odoo.exceptions import UserError

JOURNAL_FIELD_BY_METHOD = {
    "cheque": "assoc_membership_cheque_journal_id",
    "cash": "assoc_membership_cash_journal_id",
}


class AssocMembership(models.Model):
    """Money side of a membership: every euro is an inbound account.payment, posted so that it
    credits the dues income account directly and leaves no receivable open."""

    _inherit = "assoc.membership"

    payment_id = fields.Many2one(
        "account.payment", string="Payment", readonly=True, copy=False, index="btree_not_null", check_company=True
    )
    journal_id = fields.Many2one(
        "account.journal",
        string="Payment journal",
        compute="_compute_journal_id",
        store=True,
        readonly=False,
        check_company=True,
        domain="[('type', 'in', ('bank', 'cash'))]",
    )
    payment_state = fields.Selection(related="payment_id.state", string="Payment status")

    @api.depends("payment_method", "company_id")
    def _compute_journal_id(self):
        for membership in self:
            if membership.payment_id:
                membership.journal_id = membership.payment_id.journal_id
                continue
            company = membership.company_id or self.env.company
            field = JOURNAL_FIELD_BY_METHOD.get(membership.payment_method, "assoc_membership_bank_journal_id")
            membership.journal_id = company[field] or company.assoc_membership_bank_journal_id

    def _create_payment(self):
        """One posted payment per membership, created and posted in one batch."""
        if not all(self.mapped("journal_id")):
            raise UserError(
                _("No journal is set for the payments of memberships: choose one on the membership or in the settings.")
            )
        payments = self.env["account.payment"].create([membership._payment_vals() for membership in self])
        payments.action_post()
        for membership, payment in zip(self, payments, strict=True):
            membership.payment_id = payment

    def _payment_vals(self):
        self.ensure_one()
        return {
            "payment_type": "inbound",
            "partner_type": "customer",
            "partner_id": self.partner_id.id,
            "amount": self.amount,
            "date": self.date,
            "journal_id": self.journal_id.id,
            "payment_method_line_id": self._payment_method_line(self.journal_id).id,
            "memo": self._payment_memo(),
            "destination_account_id": self.type_id._get_income_account(self.company_id).id,
            "company_id": self.company_id.id,
        }

    def _payment_method_line(self, journal):
        lines = journal.inbound_payment_method_line_ids
        preferred = {"cheque": "assoc_cheque"}.get(self.payment_method)
        return (
            lines.filtered(lambda line: line.code == preferred)[:1]
            or lines.filtered(lambda line: line.code == "manual")[:1]
            or lines[:1]
        )

    def _payment_memo(self):
        return _(
            "Dues %(type)s %(start)s – %(end)s",
            type=self.type_id.name,
            start=self._format_date(self.date_start),
            end=self._format_date(self.date_end),
        )

    # ----------------------------------------------------------- public API
    @api.model
    def create_from_payment(self, payment, membership_type, partner=None, date=None, payment_method=None):
        """Create and confirm the membership that a received payment funds (used by the
        payment form, imports and integrations such as HelloAsso). The payment is posted and,
        when it still credits a receivable, moved to the dues income account."""
        available = payment.amount - sum(
            payment.assoc_membership_ids.filtered(lambda m: m.state != "cancelled").mapped("amount")
        )
        entry = {
            "payment": payment,
            "membership_type": membership_type,
            "partner": partner,
            "date": date,
            "payment_method": payment_method,
            "amount": available,
        }
        return self.create_from_payments([entry])

    @api.model
    def _route_payment_to_income(self, payment, account):
        """A payment still aimed at a receivable is sent to the dues income account instead."""
        if payment.destination_account_id.account_type != "asset_receivable":
            if payment.state == "draft":
                payment.action_post()
            return
        if payment.state != "draft":
            if payment.is_reconciled:
                raise UserError(
                    _(
                        "The payment %s is already reconciled with an invoice: it cannot fund a membership.",
                        payment.display_name,
                    )
                )
            payment.action_draft()
        payment.destination_account_id = account
        payment.action_post()

    @api.model
    def _payment_method_of(self, payment):
        company = payment.company_id
        if payment.payment_method_line_id.code == "assoc_cheque" or (
            payment.journal_id == company.assoc_membership_cheque_journal_id
            and company.assoc_membership_cheque_journal_id != company.assoc_membership_bank_journal_id
        ):
            return "cheque"
        if payment.journal_id.type == "cash":
            return "cash"
        return "transfer"
