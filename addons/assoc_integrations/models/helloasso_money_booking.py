from collections import defaultdict

from odoo import _, api, fields, models
from odoo.fields import Command


class AssocHelloassoMoney(models.AbstractModel):
    """How HelloAsso money reaches the books. Each paid share is an `account.payment` (its
    HelloAsso reference, payer, amount, what it funds), but Odoo takes tens of milliseconds to
    create and post one entry per payment, so 10,000 orders would take many minutes. The
    payments of one import batch have no entry of their own: one summary entry per journal and
    day books them (debit the outstanding receipts account, credit each income account, for
    their totals), and each payment points to it. Refunds are booked the same way, reversed."""

    _inherit = "assoc.helloasso.money"

    @api.model
    def _create_payments(self, vals_list):
        """Create HelloAsso payments (already received: never draft) and book them at once."""
        if not vals_list:
            return self.env["account.payment"].sudo()
        cache = {}
        payments = self.env["account.payment"].sudo().create([self._payment_vals(vals, cache) for vals in vals_list])
        self._book(payments)
        return payments

    @api.model
    def _payment_vals(self, vals, cache):
        """Name (the HelloAsso reference), outstanding account and state that posting would
        give, set at creation so that Odoo neither numbers nor posts the payment one by one."""
        method_line = self.env["account.payment.method.line"].browse(vals["payment_method_line_id"])
        key = (method_line, vals["payment_type"])
        if key not in cache:
            account = method_line.payment_account_id or (
                self.env["account.payment"]
                .new({"company_id": vals["company_id"], "journal_id": vals["journal_id"]})
                ._get_outstanding_account(vals["payment_type"])
            )
            cache[key] = account
        outstanding = cache[key]
        return {
            **vals,
            "name": _("HelloAsso %(reference)s", reference=vals["assoc_helloasso_key"].split("/", 1)[-1]),
            "outstanding_account_id": outstanding.id,
            "state": "paid" if outstanding.account_type == "asset_cash" else "in_process",
        }

    @api.model
    def _book(self, payments, reverse=False, date=None, reason=None):
        """One posted summary entry per journal and day for `payments` (or taking them out of
        the books when `reverse`, dated `date`); links each payment to its entry."""
        balances = defaultdict(lambda: defaultdict(float))
        members = defaultdict(list)
        for payment in payments:
            sign = 1 if (payment.payment_type == "inbound") != reverse else -1
            group = (payment.journal_id, date or payment.date)
            balances[group][payment.outstanding_account_id] += sign * payment.amount
            balances[group][payment.destination_account_id] -= sign * payment.amount
            members[group].append(payment.id)
        lines = {group: self._entry_lines(group, balances[group], reason) for group in balances}
        groups = [group for group in balances if lines[group]]
        moves = (
            self.env["account.move"]
            .sudo()
            .create(
                [
                    {
                        "move_type": "entry",
                        "journal_id": journal.id,
                        "company_id": journal.company_id.id,
                        "date": day,
                        "ref": self._entry_label((journal, day), len(members[(journal, day)]), reverse, reason),
                        "line_ids": lines[(journal, day)],
                    }
                    for journal, day in groups
                ]
            )
        )
        moves.action_post()
        field = "assoc_helloasso_reversal_move_id" if reverse else "assoc_helloasso_move_id"
        for group, move in zip(groups, moves, strict=True):
            payments.browse(members[group]).write({field: move.id})
        return moves

    @api.model
    def _entry_lines(self, group, balances, reason):
        journal, day = group
        currency = journal.company_id.currency_id
        label = reason or _("HelloAsso payments of %(day)s", day=fields.Date.to_string(day))
        return [
            Command.create(
                {
                    "account_id": account.id,
                    "name": label,
                    "debit": currency.round(balance) if balance > 0 else 0.0,
                    "credit": currency.round(-balance) if balance < 0 else 0.0,
                }
            )
            for account, balance in sorted(balances.items(), key=lambda pair: pair[0].code)
            if not currency.is_zero(balance)
        ]

    @api.model
    def _entry_label(self, group, count, reverse, reason):
        if reason:
            return reason
        journal, day = group
        if reverse:
            return _("HelloAsso refunds of %(day)s (%(count)s payments)", day=day, count=count)
        return _("HelloAsso payments of %(day)s (%(count)s payments)", day=day, count=count)

    @api.model
    def _unbook(self, payments, date, reason):
        """Take payments out of the books on `date` (today when that period is locked): a
        reversal summary entry for those a summary entry booked, Odoo's reversal for those
        with an entry of their own."""
        payments = payments.filtered(lambda p: p.state != "canceled")
        if payments:
            lock_date = payments[0].company_id._get_user_fiscal_lock_date(payments[0].journal_id)
            if lock_date and date <= lock_date:
                date = fields.Date.context_today(self)
        self._book(
            payments.filtered(lambda p: p.assoc_helloasso_move_id and not p.assoc_helloasso_reversal_move_id),
            reverse=True,
            date=date,
            reason=reason,
        )
        for move in payments.move_id.sudo():
            if move.state == "posted" and not move.reversal_move_ids:
                move._reverse_moves([{"date": date, "ref": reason}], cancel=True)
