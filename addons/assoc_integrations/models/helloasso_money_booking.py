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
        """Create HelloAsso payments already booked: their summary entries first, then the
        payments with their entry and the state posting would give (never draft), so that Odoo
        neither numbers, posts nor rewrites them one by one."""
        Payment = self.env["account.payment"].sudo()
        if not vals_list:
            return Payment
        outstanding = {}
        rows = []
        for vals in vals_list:
            method_line = self.env["account.payment.method.line"].browse(vals["payment_method_line_id"])
            if method_line not in outstanding:
                outstanding[method_line] = self._outstanding_account(method_line, vals["payment_type"])
            rows.append(
                {
                    "journal": self.env["account.journal"].browse(vals["journal_id"]),
                    "date": fields.Date.to_date(vals["date"]),
                    "outstanding": outstanding[method_line],
                    "destination": self.env["account.account"].browse(vals["destination_account_id"]),
                    "amount": vals["amount"],
                    "inbound": vals["payment_type"] == "inbound",
                }
            )
        moves = self._summary_entries(rows)
        return Payment.create(
            [
                {
                    **vals,
                    "name": f"HelloAsso {vals['assoc_helloasso_key'].split('/', 1)[-1]}",
                    "move_id": move.id,
                    # what posting would do: paid at once when the outstanding account is the bank itself
                    "state": "paid" if row["outstanding"].account_type == "asset_cash" else "in_process",
                }
                for vals, row, move in zip(vals_list, rows, moves, strict=True)
            ]
        )

    @api.model
    def _outstanding_account(self, method_line, payment_type):
        """The account a payment of this method debits: the method's own, else the one Odoo
        Community falls back on for every payment."""
        journal = method_line.journal_id
        return method_line.payment_account_id or self.env["account.payment"].sudo().new(
            {"company_id": journal.company_id.id, "journal_id": journal.id}
        )._get_outstanding_account(payment_type)

    @api.model
    def _book_reversal(self, payments, date, reason):
        """One posted entry per journal taking `payments` out of the books on `date`."""
        rows = [
            {
                "journal": payment.journal_id,
                "date": date,
                "outstanding": payment.outstanding_account_id,
                "destination": payment.destination_account_id,
                "amount": payment.amount,
                "inbound": payment.payment_type != "inbound",
            }
            for payment in payments
        ]
        moves = self._summary_entries(rows, reason)
        reversed_by = defaultdict(list)
        for payment, move in zip(payments, moves, strict=True):
            reversed_by[move].append(payment.id)
        for move, payment_ids in reversed_by.items():
            payments.browse(payment_ids).assoc_helloasso_reversal_move_id = move

    @api.model
    def _summary_entries(self, rows, reason=None):
        """One posted entry per journal and day for `rows` (journal, date, outstanding and
        destination accounts, amount, inbound); returns the entry of each row."""
        balances = defaultdict(lambda: defaultdict(float))
        counts = defaultdict(int)
        for row in rows:
            sign = 1 if row["inbound"] else -1
            group = (row["journal"], row["date"])
            balances[group][row["outstanding"]] += sign * row["amount"]
            balances[group][row["destination"]] -= sign * row["amount"]
            counts[group] += 1
        distributions = self._analytic_distributions(
            {(account, journal.company_id) for (journal, _day), accounts in balances.items() for account in accounts}
        )
        lines = {group: self._entry_lines(group, balances[group], reason, distributions) for group in balances}
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
                        "ref": reason or self._entry_label((journal, day), counts[(journal, day)]),
                        "line_ids": lines[(journal, day)],
                    }
                    for journal, day in groups
                ]
            )
        )
        moves.action_post()
        move_of = dict(zip(groups, moves, strict=True))
        return [move_of.get((row["journal"], row["date"]), moves.browse()) for row in rows]

    @api.model
    def _analytic_distributions(self, accounts):
        """Odoo's analytic distribution of a summary line, computed once per (account, company):
        Odoo looks the distribution models up again for each line of a batch of entries."""
        Line = self.env["account.move.line"].sudo()
        return {
            (account, company): Line.new({"account_id": account.id, "company_id": company.id}).analytic_distribution
            for account, company in accounts
        }

    @api.model
    def _entry_lines(self, group, balances, reason, distributions):
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
                    "analytic_distribution": distributions[(account, journal.company_id)],
                }
            )
            for account, balance in sorted(balances.items(), key=lambda pair: pair[0].code)
            if not currency.is_zero(balance)
        ]

    @api.model
    def _entry_label(self, group, count):
        _journal, day = group
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
        self._book_reversal(summarized.filtered(lambda p: not p.assoc_helloasso_reversal_move_id), date, reason)
        for move in (payments - summarized).move_id.sudo():
            if move.state == "posted" and not move.reversal_move_ids:
                move._reverse_moves([{"date": date, "ref": reason}], cancel=True)
