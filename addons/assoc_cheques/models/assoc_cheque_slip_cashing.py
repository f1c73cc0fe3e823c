from odoo import Command, _, fields, models
from odoo.exceptions import UserError


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
            raise UserError(_("Set an outstanding receipts account on the bank journal %s.",
                              self.bank_journal_id.display_name))
        return account

    def _cheque_lines(self):
        """The cheques' own journal items on the cheques-to-deposit account (511200)."""
        return self.payment_ids.move_id.line_ids.filtered(
            lambda line: line.account_id == line.move_id.origin_payment_id.outstanding_account_id)

    def _cash_move_vals(self, date):
        """Credit 511200 by the slip total (one line per cheques account, as OCA does: the cheques'
        own lines carry the detail and get reconciled with it), debit the bank's outstanding receipts."""
        self.ensure_one()
        cheque_lines = self._cheque_lines()
        label = _("Remittance slip %s", self.name)
        credit_lines = [Command.create({
            "account_id": account.id,
            "name": label,
            "balance": -sum(lines.mapped("balance")),
            "amount_currency": -sum(lines.mapped("amount_currency")),
            "currency_id": self.currency_id.id,
        }) for account, lines in cheque_lines.grouped("account_id").items()]
        bank_line = Command.create({
            "account_id": self._bank_side_account().id,
            "name": label,
            "balance": sum(cheque_lines.mapped("balance")),
            "amount_currency": sum(cheque_lines.mapped("amount_currency")),
            "currency_id": self.currency_id.id,
        })
        return {
            "move_type": "entry",
            "journal_id": self.journal_id.id,
            "company_id": self.company_id.id,
            "date": date,
            "ref": _("Remittance slip %s", self.name),
            "line_ids": [bank_line, *credit_lines],
        }

    def _cash(self, date):
        """One posted entry per slip, 511200 → bank outstanding receipts, reconciled with the cheques."""
        if not self:
            raise UserError(_("Choose at least one slip to cash."))
        not_ready = self.filtered(lambda s: s.state != "generated")
        if not_ready:
            raise UserError(_("Only generated slips can be cashed: %s.", ", ".join(not_ready.mapped("display_name"))))
        too_early = self.filtered(lambda s: s.date > date)
        if too_early:
            raise UserError(_("The bank date cannot be before the slip date (%s).", too_early[0].name))
        moves = self.env["account.move"].create([slip._cash_move_vals(date) for slip in self])
        moves.action_post()
        self.env["account.move.line"]._reconcile_plan([
            slip._cheque_lines() + move.line_ids.filtered(lambda line: line.credit)
            for slip, move in zip(self, moves, strict=True)
        ])
        for slip, move in zip(self, moves, strict=True):
            slip.write({"state": "cashed", "cash_date": date, "move_id": move.id})
        self.payment_ids.action_validate()
        return moves

    # ------------------------------------------------------------ cancelling
    def action_cancel(self):
        if any(slip.state == "cancelled" for slip in self):
            raise UserError(_("This slip is already cancelled."))
        if self.payment_ids.filtered(lambda p: p.assoc_cheque_state == "returned"):
            raise UserError(_("A slip holding a returned cheque cannot be cancelled."))
        self.filtered(lambda s: s.state == "cashed")._reverse_cash_entries()
        for slip in self.filtered("payment_ids"):
            slip.message_post(body=_("Cancelled; cheques freed for another slip: %s",
                                     ", ".join(slip.payment_ids.mapped(lambda p: p.assoc_cheque_number or p.name))))
        self.payment_ids.with_context(assoc_slip_release=True).write({"assoc_cheque_slip_id": False})
        self.write({"state": "cancelled"})

    def _reverse_cash_entries(self):
        for slip in self:
            bank_side = slip.move_id.line_ids.filtered("debit")
            if bank_side.reconciled or bank_side.matched_credit_ids:
                raise UserError(_("Slip %s is already matched with a bank statement line: unmatch it first.",
                                  slip.name))
        cheque_lines = self._cheque_lines()
        cheque_lines.remove_move_reconcile()
        today = fields.Date.context_today(self)
        reversals = self.move_id._reverse_moves(
            [{"date": max(today, slip.cash_date), "ref": self.env._("Cancellation of slip %s", slip.name)}
             for slip in self],
            cancel=True,
        )
        for slip, reversal in zip(self, reversals, strict=True):
            slip.cancel_move_id = reversal
        self.payment_ids._assoc_reopen()
