from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import format_date, formatLang

from ..report.slip_pdf import render_slip_pdf

SEQUENCE_CODE = "assoc.cheque.slip"
MAX_LISTED_PROBLEMS = 30


class AssocChequeSlip(models.Model):
    _name = "assoc.cheque.slip"
    _description = "Cheque remittance slip"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Number", default="/", readonly=True, copy=False, index=True, tracking=True)
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)
    journal_id = fields.Many2one(
        "account.journal", string="Cheques journal", required=True, check_company=True,
        default=lambda self: self.env.company.assoc_cheque_journal_id,
        domain="[('type', '=', 'bank'), ('company_id', '=', company_id)]",
        help="Journal of the cashing entry, which moves the cheques out of 511200.",
    )
    bank_journal_id = fields.Many2one(
        "account.journal", string="Bank", required=True, check_company=True, tracking=True,
        default=lambda self: self._default_bank_journal(),
        domain="[('type', '=', 'bank'), ('id', '!=', journal_id), ('company_id', '=', company_id)]",
    )
    bank_account_id = fields.Many2one(related="bank_journal_id.bank_account_id", string="Bank account")
    currency_id = fields.Many2one(
        "res.currency", compute="_compute_currency_id", store=True, precompute=True, readonly=False, required=True,
    )
    payment_ids = fields.One2many("account.payment", "assoc_cheque_slip_id", string="Cheques")
    cheque_count = fields.Integer(string="Cheques count", compute="_compute_totals", store=True)
    amount_total = fields.Monetary(string="Total", compute="_compute_totals", store=True)
    state = fields.Selection(
        [("draft", "Draft"), ("generated", "Generated"), ("cashed", "Cashed"), ("cancelled", "Cancelled")],
        default="draft", required=True, readonly=True, copy=False, tracking=True, index=True,
    )
    cash_date = fields.Date(string="Cashed on", readonly=True, copy=False)
    move_id = fields.Many2one("account.move", string="Cashing entry", readonly=True, copy=False, check_company=True)
    cancel_move_id = fields.Many2one("account.move", string="Reversal entry", readonly=True, copy=False)
    pdf_attachment_id = fields.Many2one("ir.attachment", string="PDF", readonly=True, copy=False)
    old_cheque_count = fields.Integer(compute="_compute_old_cheque_count")

    def _default_bank_journal(self):
        company = self.env.company
        return self.env["account.journal"].search([
            ("company_id", "=", company.id), ("type", "=", "bank"),
            ("id", "!=", company.assoc_cheque_journal_id.id),
        ], order="bank_account_id, sequence, id", limit=1)

    @api.depends("bank_journal_id", "company_id")
    def _compute_currency_id(self):
        for slip in self:
            slip.currency_id = slip.bank_journal_id.currency_id or slip.company_id.currency_id

    @api.depends("payment_ids.amount")
    def _compute_totals(self):
        for slip in self:
            slip.cheque_count = len(slip.payment_ids)
            slip.amount_total = sum(slip.payment_ids.mapped("amount"))

    @api.depends("payment_ids.assoc_cheque_received_date", "date")
    def _compute_old_cheque_count(self):
        for slip in self:
            limit = fields.Date.subtract(slip.date or fields.Date.today(), years=1)
            slip.old_cheque_count = len(slip.payment_ids.filtered(
                lambda p: p.assoc_cheque_received_date and p.assoc_cheque_received_date < limit))

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        if any(slip.state != "draft" for slip in self):
            raise UserError(_("An issued slip keeps its number: cancel it instead of deleting it."))

    # ------------------------------------------------------------------ filling
    def _pending_domain(self):
        self.ensure_one()
        return [
            ("company_id", "=", self.company_id.id),
            ("currency_id", "=", self.currency_id.id),
            ("payment_type", "=", "inbound"),
            ("state", "=", "in_process"),
            ("assoc_cheque_state", "=", "pending"),
        ]

    def action_add_all_pending(self):
        self.ensure_one()
        pending = self.env["account.payment"].search(self._pending_domain())
        if not pending:
            raise UserError(_("No cheque in %s is waiting to be deposited.", self.currency_id.name))
        pending.write({"assoc_cheque_slip_id": self.id})

    # --------------------------------------------------------------- generating
    def action_generate(self):
        if any(slip.state != "draft" for slip in self):
            raise UserError(_("Only draft slips can be generated."))
        self._check_ready()
        for slip in self:
            slip.name = slip._slip_sequence().next_by_id(sequence_date=slip.date)
        self.write({"state": "generated"})
        self._store_pdf()

    def _check_ready(self):
        problems = []
        for slip in self:
            if not slip.payment_ids:
                problems.append(_("Slip of %s has no cheque.", format_date(self.env, slip.date)))
            for payment, lacking in slip.payment_ids._assoc_missing_cheque_fields().items():
                problems.append(_(
                    "Cheque %(cheque)s (%(partner)s, %(amount)s): missing %(fields)s",
                    cheque=payment.assoc_cheque_number or payment.name, partner=payment.partner_id.name or "-",
                    amount=formatLang(self.env, payment.amount, currency_obj=payment.currency_id),
                    fields=", ".join(lacking),
                ))
        if problems:
            more = len(problems) - MAX_LISTED_PROBLEMS
            listed = problems[:MAX_LISTED_PROBLEMS] + ([_("… and %s more.", more)] if more > 0 else [])
            raise UserError(_("Nothing was generated. Complete these cheques first:\n%s", "\n".join(listed)))

    def _slip_sequence(self):
        self.ensure_one()
        Sequence = self.env["ir.sequence"].sudo()
        domain = [("code", "=", SEQUENCE_CODE), ("company_id", "=", self.company_id.id)]
        return Sequence.search(domain, limit=1) or Sequence.create({
            "name": _("Cheque remittance slips (%s)", self.company_id.name),
            "code": SEQUENCE_CODE,
            "company_id": self.company_id.id,
            "implementation": "no_gap",
            "prefix": "BORD-%(range_year)s-",
            "padding": 4,
            "use_date_range": True,
        })

    def _store_pdf(self):
        attachments = self.env["ir.attachment"].sudo().create([{
            "name": f"{slip.name}.pdf",
            "res_model": self._name,
            "res_id": slip.id,
            "type": "binary",
            "mimetype": "application/pdf",
            "raw": render_slip_pdf(slip._document_values()),
        } for slip in self])
        for slip, attachment in zip(self, attachments):
            slip.pdf_attachment_id = attachment

    # --------------------------------------------------------------- documents
    def _columns(self):
        """The cheque columns the association chose in the settings, then the amount."""
        company = self.company_id
        candidates = [
            ("assoc_slip_show_number", "number", _("Cheque no.")),
            ("assoc_slip_show_drawer", "drawer", _("Drawer")),
            ("assoc_slip_show_bank", "bank", _("Bank")),
            ("assoc_slip_show_partner", "partner", _("Contact")),
            ("assoc_slip_show_received_date", "received", _("Received")),
            ("assoc_slip_show_memo", "memo", _("Memo")),
        ]
        return [(key, label) for flag, key, label in candidates if company[flag]] + [("amount", _("Amount"))]

    def _cheque_rows(self, columns, amount_as_number=False):
        self.ensure_one()
        rows = []
        for payment in self.payment_ids.sorted(lambda p: (p.assoc_cheque_number or "", p.id)):
            values = {
                "number": payment.assoc_cheque_number or "",
                "drawer": payment.assoc_cheque_drawer or "",
                "bank": payment.assoc_cheque_bank or "",
                "partner": payment.partner_id.name or "",
                "received": format_date(self.env, payment.assoc_cheque_received_date),
                "memo": payment.memo or "",
                "amount": payment.amount if amount_as_number else formatLang(
                    self.env, payment.amount, currency_obj=self.currency_id),
            }
            rows.append([values[key] for key, _label in columns])
        return rows

    def _document_values(self):
        """Everything the PDF prints, as plain strings."""
        self.ensure_one()
        slip = self.with_context(lang=self.company_id.partner_id.lang or self.env.lang)
        company = slip.company_id
        columns = slip._columns()
        bank_account = slip.bank_account_id
        return {
            "title": _("Cheque remittance slip"),
            "association": company.name,
            "address": [line for line in (company.partner_id._display_address(without_company=True) or "").split("\n")
                        if line.strip()],
            "fields": [
                (_("Number"), slip.name),
                (_("Date"), format_date(slip.env, slip.date)),
                (_("Account holder"), bank_account.partner_id.name or company.name),
                (_("Bank"), bank_account.bank_id.name or slip.bank_journal_id.name),
                (_("IBAN"), bank_account.display_name or ""),
                (_("Number of cheques"), str(slip.cheque_count)),
                (_("Total"), formatLang(slip.env, slip.amount_total, currency_obj=slip.currency_id)),
            ],
            "columns": [label for _key, label in columns],
            "amount_column": len(columns) - 1,
            "rows": slip._cheque_rows(columns),
            "total_label": _("Total of %s cheques", slip.cheque_count),
            "total": formatLang(slip.env, slip.amount_total, currency_obj=slip.currency_id),
            "footer": _("Slip %s", slip.name),
        }

    def _export_table(self):
        """Header and rows for the CSV and XLSX exports: the slip number and date, then the PDF's columns."""
        self.ensure_one()
        columns = self._columns()
        header = [_("Slip"), _("Date")] + [label for _key, label in columns]
        prefix = [self.name, self.date]
        return header, [prefix + row for row in self._cheque_rows(columns, amount_as_number=True)]

    def action_print_pdf(self):
        self.ensure_one()
        if not self.pdf_attachment_id:
            raise UserError(_("Generate the slip first: its PDF is issued with its number."))
        return {"type": "ir.actions.act_url", "url": f"/web/content/{self.pdf_attachment_id.id}?download=true",
                "target": "self"}

    def action_export(self):
        self.ensure_one()
        fmt = self.env.context.get("export_format", "csv")
        return {"type": "ir.actions.act_url", "url": f"/assoc_cheques/slip/{self.id}/export/{fmt}", "target": "self"}

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
        self.ensure_one()
        cheque_lines = self._cheque_lines()
        credit_lines = [Command.create({
            "account_id": line.account_id.id,
            "partner_id": line.partner_id.id,
            "name": _("Cheque %s", line.move_id.origin_payment_id.assoc_cheque_number),
            "balance": -line.balance,
            "amount_currency": -line.amount_currency,
            "currency_id": line.currency_id.id,
        }) for line in cheque_lines]
        bank_line = Command.create({
            "account_id": self._bank_side_account().id,
            "name": _("Remittance slip %s", self.name),
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
            for slip, move in zip(self, moves)
        ])
        for slip, move in zip(self, moves):
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
            [{"date": max(today, slip.cash_date), "ref": _("Cancellation of slip %s", slip.name)} for slip in self],
            cancel=True,
        )
        for slip, reversal in zip(self, reversals):
            slip.cancel_move_id = reversal
        self.payment_ids._assoc_reopen()
