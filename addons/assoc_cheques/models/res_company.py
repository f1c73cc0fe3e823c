from odoo import Command, _, fields, models

CHEQUE_ACCOUNT_CODE = "511200"
CHEQUE_JOURNAL_CODE = "CHQ"


class ResCompany(models.Model):
    _inherit = "res.company"

    assoc_cheque_journal_id = fields.Many2one(
        "account.journal",
        string="Cheques journal",
        domain="[('type', '=', 'bank'), ('company_id', '=', id)]",
        help="Journal where received cheques wait in 511200 « Chèques à encaisser » until a slip is cashed.",
    )
    assoc_cheque_income_account_id = fields.Many2one(
        "account.account",
        string="Default income account for cheques",
        domain="[('account_type', 'in', ('income', 'income_other'))]",
        help="Credited by cheques entered in the quick list, so that no receivable is left open. "
        "Gifts and dues entered from their own forms use their own accounts.",
    )
    assoc_slip_show_number = fields.Boolean(string="Slip: cheque number", default=True)
    assoc_slip_show_drawer = fields.Boolean(string="Slip: drawer", default=True)
    assoc_slip_show_bank = fields.Boolean(string="Slip: drawer's bank", default=True)
    assoc_slip_show_partner = fields.Boolean(string="Slip: contact")
    assoc_slip_show_received_date = fields.Boolean(string="Slip: date received")
    assoc_slip_show_memo = fields.Boolean(string="Slip: memo")

    def _assoc_cheques_setup(self):
        """Give each company its 511200 account and a cheques journal (code CHQ, shared with the other
        Assoc addons) whose « Cheque » method waits on 511200."""
        method = self.env.ref("assoc_cheques.payment_method_assoc_cheque")
        Journal = self.env["account.journal"]
        for company in self:
            account = company._assoc_cheque_account()
            journal = company.assoc_cheque_journal_id or Journal.search(
                [*Journal._check_company_domain(company), ("code", "=", CHEQUE_JOURNAL_CODE)], limit=1
            )
            if not journal:
                journal = company._assoc_create_cheque_journal(account)
            if method not in journal.inbound_payment_method_line_ids.payment_method_id:
                journal.inbound_payment_method_line_ids = [
                    Command.create({"payment_method_id": method.id, "payment_account_id": account.id})
                ]
            company.assoc_cheque_journal_id = journal

    def _assoc_create_cheque_journal(self, account):
        self.ensure_one()
        journal = self.env["account.journal"].create(
            {
                "name": _("Cheques received"),
                "code": CHEQUE_JOURNAL_CODE,
                "type": "bank",
                "company_id": self.id,
                "default_account_id": account.id,
                "inbound_payment_method_line_ids": [Command.clear()],
                "outbound_payment_method_line_ids": [Command.clear()],
            }
        )
        # Charts load in English: give the journal its name in every installed language.
        journal.update_field_translations(
            "name",
            {
                code: self.with_context(lang=code).env._("Cheques received")
                for code, _label in self.env["res.lang"].get_installed()
            },
        )
        return journal

    def _assoc_cheque_account(self):
        self.ensure_one()
        Account = self.env["account.account"].with_company(self)
        account = Account.search([*Account._check_company_domain(self), ("code", "=", CHEQUE_ACCOUNT_CODE)], limit=1)
        if not account:
            account = Account.create(
                {
                    "code": CHEQUE_ACCOUNT_CODE,
                    "name": "Chèques à encaisser",
                    "account_type": "asset_current",
                    "company_ids": [Command.set(self.ids)],
                }
            )
        if not account.reconcile:
            account.reconcile = True
        return account
