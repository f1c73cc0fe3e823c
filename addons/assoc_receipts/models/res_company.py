from odoo import _, api, fields, models

QUALITY_SELECTION = [
    ("association", "Association (loi 1901)"),
    ("rup", "Recognised of public utility (RUP)"),
    ("university_foundation", "University or partnership foundation"),
    ("corporate_foundation", "Corporate foundation"),
    ("museum", "Musée de France"),
    ("help_people", "Free food, care or housing for people in difficulty"),
    ("other", "Other general-interest body"),
    ("endowment_fund", "Endowment fund"),
]

# xml id suffix, code, name, default role
INCOME_ACCOUNTS = [
    ("assoc_7541", "754100", "Dons manuels", "donation"),
    ("assoc_7542", "754200", "Mécénat", "patronage"),
]


class ResCompany(models.Model):
    _inherit = "res.company"

    assoc_siren_rna = fields.Char(string="SIREN or RNA number", help="Printed on receipts; RNA numbers start with W.")
    assoc_receipt_object = fields.Text(
        string="Object (receipts)",
        help="Explicit enough to show the general-interest character, e.g. « aide alimentaire aux "
        "personnes en difficulté », not « association loi 1901 ».",
    )
    assoc_receipt_quality = fields.Selection(QUALITY_SELECTION, string="Quality", default="association")
    assoc_receipt_quality_other = fields.Char(string="Quality (other)")
    assoc_receipt_rup_decree_date = fields.Date(string="RUP decree date")
    assoc_receipt_rup_jo_date = fields.Date(string="RUP Journal officiel date")
    assoc_receipt_article_200 = fields.Boolean(string="Article 200 CGI (income tax)", default=True)
    assoc_receipt_article_978 = fields.Boolean(string="Article 978 CGI (IFI)")
    assoc_receipt_regime = fields.Selection(
        [("ordinary", "Ordinary (66 %)"), ("help_people", "Help to people in difficulty (75 %)")],
        string="Tax reduction regime",
        default="ordinary",
    )
    assoc_receipt_mode = fields.Selection(
        [("per_gift", "One receipt per gift, at validation"), ("annual", "One annual summary per donor")],
        string="Receipt mode",
        default="per_gift",
    )
    assoc_receipt_send = fields.Selection(
        [("auto", "Automatically at issue"), ("manual", "Manually")], string="Email receipts", default="auto"
    )
    assoc_receipt_place = fields.Char(string="Place of issue", help="Defaults to the company's city.")
    assoc_receipt_signatory_name = fields.Char(string="Signatory")
    assoc_receipt_signatory_role = fields.Char(string="Signatory role", help="President, treasurer…")
    assoc_receipt_signature = fields.Image(string="Signature image", max_width=600, max_height=300)
    assoc_receipt_logo = fields.Image(
        string="Receipt logo", max_width=600, max_height=300, help="Defaults to the company logo."
    )
    assoc_receipt_thanks = fields.Text(string="Thank-you text", translate=True)
    assoc_receipt_sender = fields.Text(string="Sender address", help="Defaults to the company's address.")
    assoc_receipt_sequence_id = fields.Many2one("ir.sequence", string="Receipt numbering", copy=False)
    assoc_political_mode = fields.Boolean(
        string="Political party mode",
        help="Financing association or mandataire of a political party: yearly cap per person, "
        "no Cerfa receipts (the CNCCFP's numbered forms are used).",
    )
    assoc_donation_account_id = fields.Many2one("account.account", string="Gifts income account", check_company=True)
    assoc_patronage_account_id = fields.Many2one(
        "account.account", string="Company gifts income account", check_company=True
    )
    assoc_donation_bank_journal_id = fields.Many2one(
        "account.journal",
        string="Bank journal (transfers, cards, direct debits)",
        check_company=True,
        domain="[('type', '=', 'bank')]",
    )
    assoc_donation_cash_journal_id = fields.Many2one(
        "account.journal", string="Cash journal", check_company=True, domain="[('type', '=', 'cash')]"
    )
    assoc_cheque_journal_id = fields.Many2one(
        "account.journal",
        string="Cheques journal",
        check_company=True,
        domain="[('type', '=', 'bank')]",
        help="Cheques to deposit (511200): the cheques then go on a remittance slip.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        companies._assoc_receipts_ensure_sequence()
        return companies

    def _assoc_receipts_ensure_sequence(self):
        for company in self.filtered(lambda c: not c.assoc_receipt_sequence_id):
            company.sudo().assoc_receipt_sequence_id = (
                self.env["ir.sequence"]
                .sudo()
                .create(
                    {
                        "name": _("Tax receipts (%s)", company.name),
                        "code": "assoc.tax.receipt",
                        "company_id": company.id,
                        "implementation": "no_gap",
                        "use_date_range": True,
                        "prefix": "RF-%(range_year)s-",
                        "padding": 6,
                    }
                )
            )

    def _assoc_receipts_setup_accounting(self):
        """Income accounts (ANC 2018-06, never the PCG 754000) and journals for companies on the
        French chart; existing choices are kept."""
        for company in self.filtered(lambda c: c.chart_template == "fr"):
            company = company.sudo()
            accounts = {
                role: company._assoc_receipts_account(xmlid, code, name) for xmlid, code, name, role in INCOME_ACCOUNTS
            }
            vals = {}
            if not company.assoc_donation_account_id:
                vals["assoc_donation_account_id"] = accounts["donation"].id
            if not company.assoc_patronage_account_id:
                vals["assoc_patronage_account_id"] = accounts["patronage"].id
            if not company.assoc_donation_bank_journal_id:
                vals["assoc_donation_bank_journal_id"] = company._assoc_find_journal("bank").id
            if not company.assoc_donation_cash_journal_id:
                vals["assoc_donation_cash_journal_id"] = company._assoc_find_journal("cash").id
            if not company.assoc_cheque_journal_id:
                vals["assoc_cheque_journal_id"] = company._assoc_cheque_journal().id
            company.write(vals)

    def _assoc_chart_ref(self, xmlid):
        return self.env["account.chart.template"].with_company(self).ref(xmlid, raise_if_not_found=False)

    def _assoc_receipts_account(self, xmlid, code, name):
        account = self._assoc_chart_ref(xmlid) or self.env["account.account"].with_company(self).search(
            [*self.env["account.account"]._check_company_domain(self), ("code", "=", code)], limit=1
        )
        if not account:
            account = (
                self.env["account.account"]
                .with_company(self)
                .create(
                    {
                        "code": code,
                        "name": name,
                        "account_type": "income",
                        "company_ids": [(6, 0, self.ids)],
                    }
                )
            )
            self.env["ir.model.data"]._update_xmlids(
                [
                    {
                        "xml_id": f"account.{self.id}_{xmlid}",
                        "record": account,
                        "noupdate": True,
                    }
                ]
            )
        return account

    def _assoc_find_journal(self, journal_type):
        return self.env["account.journal"].search(
            [
                *self.env["account.journal"]._check_company_domain(self),
                ("type", "=", journal_type),
                ("code", "!=", "CHQ"),
            ],
            limit=1,
        )

    def _assoc_cheque_journal(self):
        """The cheques-to-deposit journal shared by the Assoc addons: found by its code CHQ."""
        Journal = self.env["account.journal"]
        journal = Journal.search([*Journal._check_company_domain(self), ("code", "=", "CHQ")], limit=1)
        if journal:
            return journal
        cheques_account = self._assoc_chart_ref("pcg_5112")
        journal = Journal.create(
            {
                "name": _("Cheques to deposit"),
                "code": "CHQ",
                "type": "bank",
                "company_id": self.id,
                "default_account_id": cheques_account.id,
            }
        )
        journal.inbound_payment_method_line_ids.write({"payment_account_id": cheques_account.id})
        return journal
