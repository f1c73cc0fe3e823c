from odoo import _, fields, models
from odoo.exceptions import UserError

JOURNAL_FIELD_BY_METHOD = {
    "cash": "assoc_donation_cash_journal_id",
    "cheque": "assoc_cheque_journal_id",
    "transfer": "assoc_donation_bank_journal_id",
    "card": "assoc_donation_bank_journal_id",
    "direct_debit": "assoc_donation_bank_journal_id",
}


class AssocDonation(models.Model):
    _inherit = "assoc.donation"

    def _assoc_is_posted_money(self):
        return self.nature == "cash" and self.payment_method and not self.payment_id

    def _assoc_journal(self, raise_if_missing=True):
        field = JOURNAL_FIELD_BY_METHOD.get(self.payment_method)
        journal = self.company_id[field] if field else self.env["account.journal"]
        if not journal and field and raise_if_missing:
            raise UserError(_(
                "No journal is set for gifts paid by %(method)s in %(company)s: choose one in "
                "Association > Configuration > Settings.",
                method=dict(self._fields["payment_method"]._description_selection(self.env))[self.payment_method],
                company=self.company_id.name))
        return journal

    def _assoc_income_account(self):
        company = self.company_id
        account = self.campaign_id.with_company(company).assoc_income_account_id
        if not account:
            account = company.assoc_patronage_account_id if self.donor_is_company else company.assoc_donation_account_id
        account = account or company.assoc_donation_account_id
        if not account:
            raise UserError(_("No income account for gifts is set in %s: choose one in the settings.", company.name))
        return account

    def _assoc_payment_vals(self):
        journal = self._assoc_journal()
        method_lines = journal.inbound_payment_method_line_ids
        method_line = method_lines.filtered(lambda line: line.code == "assoc_cheque")[:1] \
            if self.payment_method == "cheque" else method_lines[:0]
        return {
            "payment_type": "inbound",
            "partner_type": "customer",
            "partner_id": self.partner_id.commercial_partner_id.id,
            "amount": self.amount,
            "date": self.date,
            "journal_id": journal.id,
            "payment_method_line_id": (method_line or method_lines[:1]).id,
            "memo": _("Gift %s", self.name),
            "destination_account_id": self._assoc_income_account().id,
            "company_id": self.company_id.id,
        }

    def _assoc_post_payments(self):
        """D cash side (the method line's outstanding account: bank, cash, 511200 for cheques) /
        C 754x, one payment per money gift, so that no receivable is left open."""
        self.filtered("payment_id")._assoc_redirect_receivable()
        to_post = self.filtered(lambda d: d._assoc_is_posted_money())
        if not to_post:
            return
        Payment = self.env["account.payment"].sudo()
        payments = Payment.create([donation._assoc_payment_vals() for donation in to_post])
        payments.action_post()
        for donation, payment in zip(to_post, payments, strict=True):
            donation.with_context(assoc_donation_internal=True).payment_id = payment
        to_post.filtered("analytic_distribution")._assoc_set_analytic()

    def _assoc_set_analytic(self):
        for donation in self:
            income_lines = donation.move_id.line_ids.filtered(lambda line: line.account_id.account_type == "income")
            income_lines.sudo().analytic_distribution = donation.analytic_distribution

    def _assoc_redirect_receivable(self):
        """A payment recorded as a customer payment (credit 411) that is wholly a gift is moved
        to the gifts income account, so that no receivable is left open."""
        for donation in self:
            payment = donation.payment_id.sudo()
            if (payment.destination_account_id.account_type != "asset_receivable"
                    or payment.move_id.line_ids.filtered("reconciled")
                    or donation.currency_id.compare_amounts(payment.amount, donation.amount)):
                continue
            posted = payment.move_id.state == "posted"
            if posted:
                payment.move_id.button_draft()
            payment.destination_account_id = donation._assoc_income_account()
            if posted:
                payment.move_id.action_post()

    def _assoc_reverse_payments(self, reason):
        """Reverse the entries of gifts we posted (dated today when their period is closed)."""
        for donation in self.filtered(lambda d: d.payment_id.move_id.state == "posted"):
            move = donation.payment_id.move_id.sudo()
            if move.reversal_move_ids:
                continue
            lock_date = donation.company_id._get_user_fiscal_lock_date(move.journal_id)
            date = move.date if not lock_date or move.date > lock_date else fields.Date.context_today(self)
            move._reverse_moves([{"date": date, "ref": _("Cancelled gift %(ref)s: %(reason)s",
                                                           ref=donation.name, reason=reason)}], cancel=True)

    # ---------------------------------------------------------------- export
    def _assoc_export_rows(self):
        """One row per journal item of the selected gifts' entries (and their reversals)."""
        moves = self.payment_id.move_id | self.payment_id.move_id.reversal_move_ids
        donation_by_move = {}
        for donation in self:
            for move in donation.payment_id.move_id | donation.payment_id.move_id.reversal_move_ids:
                donation_by_move[move.id] = donation
        analytic_names = self._assoc_analytic_names(moves.line_ids)
        rows = []
        for line in moves.line_ids.sorted(lambda item: (item.date, item.move_id.name, item.id)):
            donation = donation_by_move[line.move_id.id]
            rows.append([
                line.date, line.journal_id.code, line.move_id.name, line.account_id.code, line.account_id.name,
                line.partner_id.display_name or "", line.name or "", line.debit, line.credit,
                analytic_names.get(line.id, ""), donation.name, donation.campaign_id.name or "",
            ])
        return rows

    def _assoc_analytic_names(self, lines):
        account_ids = {int(key) for line in lines for keys in (line.analytic_distribution or {})
                       for key in keys.split(",")}
        names = dict(self.env["account.analytic.account"].browse(account_ids).mapped(lambda a: (a.id, a.name)))
        return {
            line.id: " | ".join(
                f"{' + '.join(names.get(int(key), key) for key in keys.split(','))} {share:g}%"
                for keys, share in line.analytic_distribution.items())
            for line in lines if line.analytic_distribution
        }

    def _assoc_create_from_payment_vals(self, payment, campaign, partner, date, amount, vals):
        journal = payment.journal_id
        if (payment.payment_method_line_id.code == "assoc_cheque"
                or journal == journal.company_id.assoc_cheque_journal_id):
            method = "cheque"
        elif journal.type == "cash":
            method = "cash"
        else:
            method = "transfer"
        return {
            "partner_id": (partner or payment.partner_id).id,
            "company_id": payment.company_id.id,
            "date": date or payment.date,
            "amount": amount or payment.amount,
            "payment_method": method,
            "nature": "cash",
            "campaign_id": campaign.id if campaign else False,
            "payment_id": payment.id,
            **vals,
        }

    def create_from_payment(self, payment, campaign=None, partner=None, date=None, amount=None,
                            validate=True, **vals):
        """Public API (HelloAsso, bank statements): a gift funded by an existing inbound payment."""
        payment.ensure_one()
        if payment.payment_type != "inbound":
            raise UserError(_("Only a received payment can fund a gift."))
        funded = sum(self.search([("payment_id", "=", payment.id), ("state", "!=", "cancelled")]).mapped("amount"))
        wanted = amount or payment.amount
        if payment.currency_id.compare_amounts(funded + wanted, payment.amount) > 0:
            raise UserError(_("Payment %(payment)s of %(amount)s already funds %(funded)s of gifts.",
                              payment=payment.display_name, amount=payment.amount, funded=funded))
        donation = self.create(self._assoc_create_from_payment_vals(payment, campaign, partner, date, amount, vals))
        if validate:
            donation.action_validate()
        return donation
