from odoo import Command, _, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL


class AssocChequeSlip(models.Model):
    """Accounting side of the slips: cashing (511200 → bank) and its reversal."""

    _inherit = "assoc.cheque.slip"

    # ------------------------------------------------------------ cashing
    def action_open_cash_wizard(self):
        return {
            "type": "ir.actions.act_window",
            "name": _("Cash slips"),
            "res_model": "assoc.cheque.slip.cash",
            "view_mode": "form",
            "target": "new",
            "context": {"default_slip_ids": [Command.set(self.ids)]},
        }

    def _bank_side_account(self):
        """The bank journal's outstanding receipts account: the bank statement line is matched against it."""
        self.ensure_one()
        manual = self.bank_journal_id.inbound_payment_method_line_ids.filtered(lambda line: line.code == "manual")
        account = manual[:1].payment_account_id or self.env["account.chart.template"].with_context(
            allowed_company_ids=self.company_id.root_id.ids,
        ).ref("account_journal_payment_debit_account_id", raise_if_not_found=False)
        if not account:
            raise UserError(
                _("Set an outstanding receipts account on the bank journal %s.", self.bank_journal_id.display_name)
            )
        return account

    def _cheque_lines(self):
        """The cheques' own journal items on the cheques-to-deposit account (511200)."""
        payments = self.payment_ids
        cheques_accounts = payments.outstanding_account_id
        return payments.move_id.line_ids.filtered(lambda line: line.account_id in cheques_accounts)

    def _cash_move_vals(self, date, cheque_lines, bank_account):
        """Credit 511200 by the slip total (one line per cheques account, as OCA does: the cheques'
        own lines carry the detail and get reconciled with it), debit the bank's outstanding receipts."""
        self.ensure_one()
        label = _("Remittance slip %s", self.name)

        def line(account, lines, sign):
            return Command.create(
                {
                    "account_id": account.id,
                    "name": label,
                    "balance": sign * sum(lines.mapped("balance")),
                    "amount_currency": sign * sum(lines.mapped("amount_currency")),
                    "currency_id": self.currency_id.id,
                }
            )

        credit_lines = [line(account, lines, -1) for account, lines in cheque_lines.grouped("account_id").items()]
        return {
            "move_type": "entry",
            "journal_id": self.journal_id.id,
            "company_id": self.company_id.id,
            "date": date,
            "ref": label,
            "line_ids": [line(bank_account, cheque_lines, 1), *credit_lines],
        }

    def _cash(self, date):
        """One posted entry per slip, 511200 → bank outstanding receipts, reconciled with the cheques,
        which are then paid. The entries are created, posted and reconciled in one batch each."""
        self._check_cashable(date)
        bank_accounts = {
            journal: slips[0]._bank_side_account() for journal, slips in self.grouped("bank_journal_id").items()
        }
        cheque_lines = self._cheque_lines().grouped(lambda line: line.move_id.origin_payment_id.assoc_cheque_slip_id)
        moves = self.env["account.move"].create(
            [slip._cash_move_vals(date, cheque_lines[slip], bank_accounts[slip.bank_journal_id]) for slip in self]
        )
        moves.action_post()
        credit_lines = moves.line_ids.filtered("credit").grouped("move_id")
        self.env["account.move.line"]._reconcile_plan(
            [cheque_lines[slip] + credit_lines[move] for slip, move in zip(self, moves, strict=True)]
        )
        self.write({"state": "cashed", "cash_date": date})
        self._link_moves("move_id", moves)
        # Community does not mark a payment paid on reconciliation of its outstanding line.
        self.payment_ids.action_validate()
        return moves

    def _check_cashable(self, date):
        if not self:
            raise UserError(_("Choose at least one slip to cash."))
        not_ready = self.filtered(lambda s: s.state != "generated")
        if not_ready:
            raise UserError(_("Only generated slips can be cashed: %s.", ", ".join(not_ready.mapped("display_name"))))
        too_early = self.filtered(lambda s: s.date > date)
        if too_early:
            raise UserError(_("The bank date cannot be before the slip date (%s).", too_early[0].name))

    def _link_moves(self, field_name, moves):
        """Set each slip's entry field (one entry per slip, same order) in one statement."""
        if not self:
            return
        self.flush_recordset([field_name])
        self.env.cr.execute(
            SQL(
                "UPDATE assoc_cheque_slip slip SET %s = link.move_id FROM (VALUES %s) AS link(id, move_id) "
                "WHERE slip.id = link.id",
                SQL.identifier(field_name),
                SQL(", ").join(SQL("(%s, %s)", slip.id, move.id) for slip, move in zip(self, moves, strict=True)),
            )
        )
        self.invalidate_recordset([field_name])
        self.modified([field_name])

    # ------------------------------------------------------------ cancelling
    def action_cancel(self):
        if any(slip.state == "cancelled" for slip in self):
            raise UserError(_("This slip is already cancelled."))
        if self.payment_ids.filtered(lambda p: p.assoc_cheque_state == "returned"):
            raise UserError(_("A slip holding a returned cheque cannot be cancelled."))
        self.filtered(lambda s: s.state == "cashed")._reverse_cash_entries()
        for slip in self.filtered("payment_ids"):
            slip.message_post(
                body=_(
                    "Cancelled; cheques freed for another slip: %s",
                    ", ".join(slip.payment_ids.mapped(lambda p: p.assoc_cheque_number or p.name)),
                )
            )
        self.payment_ids.with_context(assoc_slip_release=True).write({"assoc_cheque_slip_id": False})
        self.write({"state": "cancelled"})

    def _reverse_cash_entries(self):
        for slip in self:
            bank_side = slip.move_id.line_ids.filtered("debit")
            if bank_side.reconciled or bank_side.matched_credit_ids:
                raise UserError(
                    _("Slip %s is already matched with a bank statement line: unmatch it first.", slip.name)
                )
        cheque_lines = self._cheque_lines()
        cheque_lines.remove_move_reconcile()
        today = fields.Date.context_today(self)
        reversals = self.move_id._reverse_moves(
            [
                {"date": max(today, slip.cash_date), "ref": self.env._("Cancellation of slip %s", slip.name)}
                for slip in self
            ],
            cancel=True,
        )
        self._link_moves("cancel_move_id", reversals)
        self.payment_ids._assoc_reopen()
