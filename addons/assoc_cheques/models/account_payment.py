from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError

CHEQUE_CODE = "assoc_cheque"
# Fields a cheque may no longer change once its slip is issued (the bank holds the slip).
FROZEN_ON_SLIP = {
    "amount",
    "currency_id",
    "partner_id",
    "assoc_cheque_number",
    "assoc_cheque_drawer",
    "assoc_cheque_bank",
    "journal_id",
}
CHEQUE_STATES = [("pending", "To deposit"), ("on_slip", "On a slip"), ("cashed", "Cashed"), ("returned", "Returned")]


class AccountPayment(models.Model):
    _inherit = "account.payment"

    assoc_cheque_number = fields.Char(string="Cheque number", copy=False, index="btree_not_null")
    assoc_cheque_drawer = fields.Char(
        string="Drawer", help="Name printed on the cheque, when it differs from the contact."
    )
    assoc_cheque_bank = fields.Char(string="Drawer's bank")
    assoc_cheque_received_date = fields.Date(string="Date received", default=fields.Date.context_today)
    assoc_cheque_slip_id = fields.Many2one(
        "assoc.cheque.slip",
        string="Remittance slip",
        copy=False,
        index="btree_not_null",
        readonly=True,
        ondelete="restrict",
    )
    assoc_cheque_state = fields.Selection(
        CHEQUE_STATES,
        string="Cheque status",
        compute="_compute_assoc_cheque_state",
        store=True,
        index="btree_not_null",
    )
    assoc_campaign_id = fields.Many2one("utm.campaign", string="Campaign", index="btree_not_null")
    assoc_cheque_return_date = fields.Date(string="Returned on", copy=False, readonly=True)
    assoc_cheque_return_reason = fields.Char(string="Return reason", copy=False, readonly=True)
    assoc_cheque_return_move_id = fields.Many2one("account.move", string="Return entry", copy=False, readonly=True)

    @api.depends("payment_method_line_id", "assoc_cheque_slip_id.state", "assoc_cheque_return_date")
    def _compute_assoc_cheque_state(self):
        for payment in self:
            if payment.payment_method_line_id.code != CHEQUE_CODE:
                payment.assoc_cheque_state = False
            elif payment.assoc_cheque_return_date:
                payment.assoc_cheque_state = "returned"
            elif payment.assoc_cheque_slip_id.state == "cashed":
                payment.assoc_cheque_state = "cashed"
            elif payment.assoc_cheque_slip_id:
                payment.assoc_cheque_state = "on_slip"
            else:
                payment.assoc_cheque_state = "pending"

    @api.depends("journal_id", "partner_id", "partner_type", "payment_method_line_id")
    def _compute_destination_account_id(self):
        super()._compute_destination_account_id()
        for payment in self:
            income = payment.company_id.assoc_cheque_income_account_id
            if income and payment.payment_type == "inbound" and payment.payment_method_line_id.code == CHEQUE_CODE:
                payment.destination_account_id = income

    @api.model
    def default_get(self, fields_list):
        res = super().default_get(fields_list)
        if self.env.context.get("assoc_cheque_entry"):
            journal = self.env.company.assoc_cheque_journal_id
            if not journal:
                raise UserError(_("Set the cheques journal in the settings before entering cheques."))
            res.update(payment_type="inbound", partner_type="customer", journal_id=journal.id)
        return res

    @api.model_create_multi
    def create(self, vals_list):
        payments = super().create(vals_list)
        if self.env.context.get("assoc_cheque_entry"):
            payments.filtered(lambda p: p.state == "draft").action_post()
        return payments

    def write(self, vals):
        if "assoc_cheque_slip_id" in vals:
            self._assoc_check_slip_change(self.env["assoc.cheque.slip"].browse(vals["assoc_cheque_slip_id"]))
        if FROZEN_ON_SLIP.intersection(vals):
            issued = self.filtered(lambda p: p.assoc_cheque_slip_id.state in ("generated", "cashed"))
            if issued:
                raise UserError(
                    _(
                        "Cheque %(cheque)s is on the issued slip %(slip)s: cancel the slip before changing it.",
                        cheque=issued[0].assoc_cheque_number or issued[0].display_name,
                        slip=issued[0].assoc_cheque_slip_id.name,
                    )
                )
        return super().write(vals)

    def _assoc_check_slip_change(self, slip):
        """Refuse to put a cheque on a slip it cannot go on, or to take it off an issued slip."""
        releasing = self.env.context.get("assoc_slip_release")
        for payment in self:
            old_slip = payment.assoc_cheque_slip_id
            if old_slip == slip:
                continue
            label = payment.assoc_cheque_number or payment.display_name
            if old_slip and (old_slip.state != "draft" or slip) and not releasing:
                raise UserError(
                    _("Cheque %(cheque)s is already on slip %(slip)s.", cheque=label, slip=old_slip.display_name)
                )
            if not slip:
                continue
            if slip.state != "draft":
                raise UserError(_("Slip %s is no longer a draft: its cheques cannot change.", slip.display_name))
            if payment.payment_method_line_id.code != CHEQUE_CODE or payment.payment_type != "inbound":
                raise UserError(_("%s is not a cheque received.", label))
            if payment.state != "in_process" or payment.assoc_cheque_return_date:
                raise UserError(_("Cheque %s is not waiting to be deposited (confirm it first).", label))
            if payment.company_id != slip.company_id:
                raise UserError(
                    _(
                        "Cheque %(cheque)s belongs to %(company)s, not to the slip's company.",
                        cheque=label,
                        company=payment.company_id.name,
                    )
                )
            if payment.currency_id != slip.currency_id:
                raise UserError(
                    _(
                        "Cheque %(cheque)s is in %(currency)s but the slip is in %(slip_currency)s.",
                        cheque=label,
                        currency=payment.currency_id.name,
                        slip_currency=slip.currency_id.name,
                    )
                )

    def action_assoc_create_slip(self):
        """A draft slip holding the selected cheques (the checks of the slip apply)."""
        if not self:
            raise UserError(_("Select the cheques to deposit."))
        if len(self.company_id) > 1 or len(self.currency_id) > 1:
            raise UserError(_("The selected cheques must belong to one company and be in one currency."))
        slip = (
            self.env["assoc.cheque.slip"]
            .with_company(self.company_id)
            .create(
                {
                    "company_id": self.company_id.id,
                    "currency_id": self.currency_id.id,
                    "payment_ids": [Command.link(payment.id) for payment in self],
                }
            )
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "assoc.cheque.slip",
            "res_id": slip.id,
            "view_mode": "form",
        }

    def _assoc_missing_cheque_fields(self):
        """{payment: [labels of the mandatory cheque fields it lacks]} for the cheques that lack some."""
        required = [
            ("assoc_cheque_number", _("number")),
            ("assoc_cheque_drawer", _("drawer")),
            ("amount", _("amount")),
            ("assoc_cheque_bank", _("bank")),
        ]
        missing = {}
        for payment in self:
            lacking = [label for fname, label in required if not payment[fname]]
            if lacking:
                missing[payment] = lacking
        return missing

    def action_assoc_cheque_returned(self):
        return {
            "type": "ir.actions.act_window",
            "name": _("Returned cheque"),
            "res_model": "assoc.cheque.return",
            "view_mode": "form",
            "target": "new",
            "context": {"default_payment_ids": self.ids},
        }

    def _assoc_cheque_mark_returned(self, date, reason):
        """Reverse each cheque's entry; once cashed, the reversal credits the bank side the slip debited
        instead of 511200, to be matched with the bank statement's debit line."""
        self._assoc_check_returnable()
        reversals = self.move_id._reverse_moves(
            [{"date": date, "ref": self.env._("Returned cheque %s", p.assoc_cheque_number or p.name)} for p in self]
        )
        for payment, reversal in zip(self, reversals, strict=True):
            if payment.assoc_cheque_state == "cashed":
                cheque_line = reversal.line_ids.filtered(
                    lambda line, account=payment.outstanding_account_id: line.account_id == account
                )
                cheque_line.account_id = payment.assoc_cheque_slip_id._bank_side_account()
        # Posting reconciles a pending cheque's 511200 line with its reversal.
        reversals.action_post()
        self.env.flush_all()
        for payment, reversal in zip(self, reversals, strict=True):
            payment.write(
                {
                    "assoc_cheque_return_date": date,
                    "assoc_cheque_return_reason": reason,
                    "assoc_cheque_return_move_id": reversal.id,
                    "state": "rejected",
                }
            )
        self._assoc_log_returned(reason)
        self._assoc_on_cheque_returned()
        return reversals

    def _assoc_check_returnable(self):
        for payment in self:
            label = payment.assoc_cheque_number or payment.display_name
            if payment.assoc_cheque_state == "returned":
                raise UserError(_("Cheque %s is already marked as returned.", label))
            if payment.assoc_cheque_state not in ("pending", "cashed"):
                raise UserError(
                    _(
                        "Cheque %(cheque)s is on slip %(slip)s, not cashed yet: cancel or cash that slip first.",
                        cheque=label,
                        slip=payment.assoc_cheque_slip_id.display_name,
                    )
                )

    def _assoc_log_returned(self, reason):
        self.env["assoc.interaction"].log_events(
            [
                {
                    "partner_id": payment.partner_id.id,
                    "type_code": "cheque_returned",
                    "name": self.env._(
                        "Cheque %(number)s of %(amount)s returned unpaid",
                        number=payment.assoc_cheque_number or "",
                        amount=payment.currency_id.format(payment.amount),
                    ),
                    "note": reason,
                    "origin": payment,
                }
                for payment in self
                if payment.partner_id
            ]
        )

    def _assoc_on_cheque_returned(self):
        """Hook: the bridges flag the gift or membership paid by these returned cheques."""

    def _assoc_reopen(self):
        """Back to "in process" for cheques whose cashing was cancelled (cashing marked them paid).
        account.payment.write() would re-post the already posted entry for this state, hence SQL."""
        if not self:
            return
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE account_payment SET state = 'in_process' WHERE id IN %s AND state = 'paid'", [tuple(self.ids)]
        )
        self.invalidate_recordset(["state"])
        self.modified(["state"])
