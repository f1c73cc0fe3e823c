import functools

from odoo import _, api, fields, models
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
        "account.journal",
        string="Cheques journal",
        required=True,
        check_company=True,
        default=lambda self: self.env.company.assoc_cheque_journal_id,
        domain="[('type', '=', 'bank'), ('company_id', '=', company_id)]",
        help="Journal of the cashing entry, which moves the cheques out of 511200.",
    )
    bank_journal_id = fields.Many2one(
        "account.journal",
        string="Bank",
        required=True,
        check_company=True,
        tracking=True,
        default=lambda self: self._default_bank_journal(),
        domain="[('type', '=', 'bank'), ('id', '!=', journal_id), ('company_id', '=', company_id)]",
    )
    bank_account_id = fields.Many2one(related="bank_journal_id.bank_account_id", string="Bank account")
    currency_id = fields.Many2one(
        "res.currency",
        compute="_compute_currency_id",
        store=True,
        precompute=True,
        readonly=False,
        required=True,
    )
    payment_ids = fields.One2many("account.payment", "assoc_cheque_slip_id", string="Cheques")
    cheque_count = fields.Integer(string="Cheques count", compute="_compute_totals", store=True)
    amount_total = fields.Monetary(string="Total", compute="_compute_totals", store=True)
    state = fields.Selection(
        [("draft", "Draft"), ("generated", "Generated"), ("cashed", "Cashed"), ("cancelled", "Cancelled")],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    cash_date = fields.Date(string="Cashed on", readonly=True, copy=False)
    move_id = fields.Many2one("account.move", string="Cashing entry", readonly=True, copy=False, check_company=True)
    cancel_move_id = fields.Many2one("account.move", string="Reversal entry", readonly=True, copy=False)
    pdf_attachment_id = fields.Many2one("ir.attachment", string="PDF", readonly=True, copy=False)
    old_cheque_count = fields.Integer(compute="_compute_old_cheque_count")

    def _default_bank_journal(self):
        company = self.env.company
        return self.env["account.journal"].search(
            [
                ("company_id", "=", company.id),
                ("type", "=", "bank"),
                ("id", "!=", company.assoc_cheque_journal_id.id),
            ],
            order="bank_account_id, sequence, id",
            limit=1,
        )

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
            slip.old_cheque_count = len(
                slip.payment_ids.filtered(
                    lambda p, limit=limit: p.assoc_cheque_received_date and p.assoc_cheque_received_date < limit
                )
            )

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
                problems.append(
                    _(
                        "Cheque %(cheque)s (%(partner)s, %(amount)s): missing %(fields)s",
                        cheque=payment.assoc_cheque_number or payment.name,
                        partner=payment.partner_id.name or "-",
                        amount=formatLang(self.env, payment.amount, currency_obj=payment.currency_id),
                        fields=", ".join(lacking),
                    )
                )
        if problems:
            more = len(problems) - MAX_LISTED_PROBLEMS
            listed = problems[:MAX_LISTED_PROBLEMS] + ([_("… and %s more.", more)] if more > 0 else [])
            raise UserError(_("Nothing was generated. Complete these cheques first:\n%s", "\n".join(listed)))

    def _slip_sequence(self):
        self.ensure_one()
        Sequence = self.env["ir.sequence"].sudo()
        domain = [("code", "=", SEQUENCE_CODE), ("company_id", "=", self.company_id.id)]
        return Sequence.search(domain, limit=1) or Sequence.create(
            {
                "name": _("Cheque remittance slips (%s)", self.company_id.name),
                "code": SEQUENCE_CODE,
                "company_id": self.company_id.id,
                "implementation": "no_gap",
                "prefix": "BORD-%(range_year)s-",
                "padding": 4,
                "use_date_range": True,
            }
        )

    def _store_pdf(self):
        attachments = (
            self.env["ir.attachment"]
            .sudo()
            .create(
                [
                    {
                        "name": f"{slip.name}.pdf",
                        "res_model": self._name,
                        "res_id": slip.id,
                        "type": "binary",
                        "mimetype": "application/pdf",
                        "raw": render_slip_pdf(slip._document_values()),
                    }
                    for slip in self
                ]
            )
        )
        for slip, attachment in zip(self, attachments, strict=True):
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
        # Slips repeat the same amounts and dates: format each one once.
        money = functools.cache(lambda amount: formatLang(self.env, amount, currency_obj=self.currency_id))
        day = functools.cache(lambda date: format_date(self.env, date))
        rows = []
        for payment in self.payment_ids.sorted(lambda p: (p.assoc_cheque_number or "", p.id)):
            values = {
                "number": payment.assoc_cheque_number or "",
                "drawer": payment.assoc_cheque_drawer or "",
                "bank": payment.assoc_cheque_bank or "",
                "partner": payment.partner_id.name or "",
                "received": day(payment.assoc_cheque_received_date),
                "memo": payment.memo or "",
                "amount": payment.amount if amount_as_number else money(payment.amount),
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
            "title": slip.env._("Cheque remittance slip"),
            "association": company.name,
            "address": [
                line
                for line in (company.partner_id._display_address(without_company=True) or "").split("\n")
                if line.strip()
            ],
            "fields": [
                (slip.env._("Number"), slip.name),
                (slip.env._("Date"), format_date(slip.env, slip.date)),
                (slip.env._("Account holder"), bank_account.partner_id.name or company.name),
                (slip.env._("Bank"), bank_account.bank_id.name or slip.bank_journal_id.name),
                (slip.env._("IBAN"), bank_account.acc_number or ""),
                (slip.env._("Number of cheques"), str(slip.cheque_count)),
                (slip.env._("Total"), formatLang(slip.env, slip.amount_total, currency_obj=slip.currency_id)),
            ],
            "columns": [label for _key, label in columns],
            "amount_column": len(columns) - 1,
            "rows": slip._cheque_rows(columns),
            "total_label": slip.env._("Total of %s cheques", slip.cheque_count),
            "total": formatLang(slip.env, slip.amount_total, currency_obj=slip.currency_id),
            "footer": slip.env._("Slip %s", slip.name),
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
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self.pdf_attachment_id.id}?download=true",
            "target": "self",
        }

    def action_export(self):
        self.ensure_one()
        fmt = self.env.context.get("export_format", "csv")
        return {"type": "ir.actions.act_url", "url": f"/assoc_cheques/slip/{self.id}/export/{fmt}", "target": "self"}
