from odoo import Command, fields

from odoo.addons.account.tests.common import AccountTestInvoicingCommon, AccountTestInvoicingHttpCommon


class AssocChequesMixin:
    """Realistic French data: an association on the French chart, its bank at Crédit Mutuel,
    donors paying by cheque on 754100 « Dons manuels »."""

    @classmethod
    def _setup_assoc_cheques(cls):
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.company_data["company"]
        cls.company.write(
            {
                "name": "Les Amis du Littoral",
                "street": "14 quai de la Fosse",
                "zip": "44000",
                "city": "Nantes",
            }
        )
        cls.env.user.groups_id += cls.env.ref("assoc_contacts.group_assoc_finance")
        cls.cheque_journal = cls.company.assoc_cheque_journal_id
        cls.cheque_method_line = cls.cheque_journal.inbound_payment_method_line_ids.filtered(
            lambda line: line.code == "assoc_cheque"
        )
        cls.account_5112 = cls.cheque_method_line.payment_account_id
        cls.bank_journal = cls.company_data["default_journal_bank"]
        cls.bank_outstanding = cls.bank_journal.inbound_payment_method_line_ids.filtered(
            lambda line: line.code == "manual"
        ).payment_account_id
        cls.bank_journal.bank_account_id = cls.env["res.partner.bank"].create(
            {
                "acc_number": "FR76 3000 6000 0112 3456 7890 189",
                "partner_id": cls.company.partner_id.id,
                "bank_id": cls.env["res.bank"]
                .create({"name": "Crédit Mutuel de Loire-Atlantique", "bic": "CMCIFR2A"})
                .id,
            }
        )
        # A gifts income account: assoc_receipts creates 754100 when it is installed beside.
        cls.income_gifts = cls.env["account.account"].search(
            [("code", "=", "754100"), ("company_ids", "in", cls.company.ids)],
            limit=1,
        ) or cls.env["account.account"].create(
            {
                "code": "754100",
                "name": "Dons manuels",
                "account_type": "income",
                "company_ids": [Command.set(cls.company.ids)],
            }
        )
        cls.campaign_spring = cls.env["utm.campaign"].create({"name": "Appel de printemps"})
        Partner = cls.env["res.partner"]
        cls.marie = Partner.create({"name": "Marie Dupont", "city": "Lyon", "zip": "69002"})
        cls.jean = Partner.create({"name": "Jean Lefèvre", "city": "Ajaccio", "zip": "20000"})
        cls.helene = Partner.create({"name": "Hélène Roux-Bénard", "city": "Brest", "zip": "29200"})
        cls.today = fields.Date.today()

    @classmethod
    def _cheque(
        cls, partner, amount, number, drawer=None, bank="Crédit Agricole Atlantique Vendée", post=True, **extra
    ):
        payment = cls.env["account.payment"].create(
            {
                "payment_type": "inbound",
                "partner_type": "customer",
                "partner_id": partner.id,
                "amount": amount,
                "journal_id": cls.cheque_journal.id,
                "payment_method_line_id": cls.cheque_method_line.id,
                "destination_account_id": cls.income_gifts.id,
                "assoc_cheque_number": number,
                "assoc_cheque_drawer": partner.name if drawer is None else drawer,
                "assoc_cheque_bank": bank,
                **extra,
            }
        )
        if post:
            payment.action_post()
        return payment

    @classmethod
    def _slip(cls, payments, **extra):
        return cls.env["assoc.cheque.slip"].create(
            {
                "bank_journal_id": cls.bank_journal.id,
                "payment_ids": [Command.link(payment.id) for payment in payments],
                **extra,
            }
        )

    def _generated_slip(self, payments, **extra):
        slip = self._slip(payments, **extra)
        slip.action_generate()
        return slip

    def _balance(self, account):
        domain = [("account_id", "=", account.id), ("parent_state", "=", "posted")]
        return sum(self.env["account.move.line"].search(domain).mapped("balance"))


class AssocChequesCase(AssocChequesMixin, AccountTestInvoicingCommon):
    @classmethod
    @AccountTestInvoicingCommon.setup_country("fr")
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_assoc_cheques()


class AssocChequesHttpCase(AssocChequesMixin, AccountTestInvoicingHttpCommon):
    @classmethod
    @AccountTestInvoicingCommon.setup_country("fr")
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_assoc_cheques()
