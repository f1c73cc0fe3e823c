from odoo import fields, models

# ANC 2018-06 dues accounts (domain-fr.md §5 and §7): Odoo's French chart has no 756.
DUES_ACCOUNTS = [
    ("assoc_dues_account_id", "756100", "Dues without counterpart", "Cotisations sans contrepartie"),
    ("assoc_dues_counterpart_account_id", "756200", "Dues with counterpart", "Cotisations avec contrepartie"),
]


class ResCompany(models.Model):
    _inherit = "res.company"

    assoc_dues_account_id = fields.Many2one(
        "account.account",
        string="Dues income (no counterpart)",
        check_company=True,
        help="Credited by dues that give a tax receipt (7561 in the associations' chart).",
    )
    assoc_dues_counterpart_account_id = fields.Many2one(
        "account.account",
        string="Dues income (with counterpart)",
        check_company=True,
        help="Credited by dues that buy a service (7562 in the associations' chart).",
    )
    assoc_membership_bank_journal_id = fields.Many2one(
        "account.journal",
        string="Membership bank journal",
        check_company=True,
        domain="[('type', '=', 'bank')]",
        help="Transfers, cards and direct debits.",
    )
    assoc_membership_cash_journal_id = fields.Many2one(
        "account.journal", string="Membership cash journal", check_company=True, domain="[('type', '=', 'cash')]"
    )
    assoc_membership_cheque_journal_id = fields.Many2one(
        "account.journal",
        string="Membership cheque journal",
        check_company=True,
        domain="[('type', '=', 'bank')]",
        help="Journal of the cheques to deposit; the cheques addon puts them on remittance slips.",
    )

    def _assoc_dues_account(self, code, name, french_name):
        Account = self.env["account.account"].sudo().with_company(self)
        account = Account.search([*Account._check_company_domain(self), ("code", "=", code)], limit=1)
        if not account:
            account = Account.create(
                {"code": code, "name": name, "account_type": "income", "company_ids": [(6, 0, self.ids)]}
            )
            if "fr_FR" in dict(self.env["res.lang"].get_installed()):
                account.update_field_translations("name", {"fr_FR": french_name})
        return account

    def _assoc_membership_setup_accounting(self):
        """Create the dues income accounts (French chart) and pick default journals."""
        Journal = self.env["account.journal"].sudo()
        for company in self:
            if company.chart_template == "fr":
                for field, code, name, french_name in DUES_ACCOUNTS:
                    if not company[field]:
                        company[field] = company._assoc_dues_account(code, name, french_name)
            bank = Journal.search([*Journal._check_company_domain(company), ("type", "=", "bank")], limit=1)
            cash = Journal.search([*Journal._check_company_domain(company), ("type", "=", "cash")], limit=1)
            company.assoc_membership_bank_journal_id = company.assoc_membership_bank_journal_id or bank
            company.assoc_membership_cash_journal_id = company.assoc_membership_cash_journal_id or cash
            company.assoc_membership_cheque_journal_id = company.assoc_membership_cheque_journal_id or bank
