from collections import defaultdict

from odoo import _, api, fields, models
from odoo.fields import Command
from odoo.tools.misc import format_date


class AssocHelloassoMoney(models.AbstractModel):
    """How HelloAsso money reaches the books. Each paid share is an `account.payment` (its
    HelloAsso reference, payer, amount, what it funds), but Odoo takes tens of milliseconds to
    generate and post one entry per payment, so 10,000 orders would take many minutes. The
    payments of one import batch are booked instead by one posted summary entry per journal and
    day (debit the outstanding receipts account, credit each income account, for their totals:
    "opérations de même nature … au cours d'une même journée … récapitulées sur une pièce
    justificative unique", art. R123-174 of the Code de commerce), which becomes their journal
    entry. Such an entry is shared, not the payment's own (its `origin_payment_id` is empty), so a
    refund takes a payment out of the books with an entry of its own, never by reversing the
    shared one."""

    _inherit = "assoc.helloasso.money"

    @api.model
    def _create_payments(self, vals_list):
        """Create HelloAsso payments (already received: never draft) and book them at once."""
        if not vals_list:
            return self.env["account.payment"].sudo()
        payments = self.env["account.payment"].sudo().create([self._payment_vals(vals) for vals in vals_list])
        self._book(payments)
        return payments

    @api.model
    def _payment_vals(self, vals):
        """Named after the HelloAsso reference, so that Odoo does not number them one by one."""
        return {
            **vals,
            "name": _("HelloAsso %(reference)s", reference=vals["assoc_helloasso_key"].split("/", 1)[-1]),
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
        for group, move in zip(groups, moves, strict=True):
            booked = payments.browse(members[group])
            if reverse:
                booked.assoc_helloasso_reversal_move_id = move
                continue
            # what posting would do: paid at once when the outstanding account is the bank itself
            paid = booked.filtered(lambda p: p.outstanding_account_id.account_type == "asset_cash")
            paid.write({"move_id": move.id, "state": "paid"})
            (booked - paid).write({"move_id": move.id, "state": "in_process"})
        return moves

    @api.model
    def _entry_lines(self, group, balances, reason):
        journal, day = group
        currency = journal.company_id.currency_id
        label = reason or _("HelloAsso payments of %(day)s", day=format_date(self.env, day))
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
            return _("HelloAsso refunds of %(day)s (%(count)s payments)", day=format_date(self.env, day), count=count)
        return _("HelloAsso payments of %(day)s (%(count)s payments)", day=format_date(self.env, day), count=count)

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
        summarized = payments.filtered("assoc_helloasso_summarized")
        pending = summarized.filtered(lambda p: not p.assoc_helloasso_reversal_move_id)
        self._book(pending, reverse=True, date=date, reason=reason)
        for move in (payments - summarized).move_id.sudo():
            if move.state == "posted" and not move.reversal_move_ids:
                move._reverse_moves([{"date": date, "ref": reason}], cancel=True)
