import sys
from pathlib import Path

from odoo.tests import TransactionCase

from odoo.addons.account.tests.common import AccountTestInvoicingCommon

# The fake provider servers live in the repository's tools/fakes (shared with the demo and the bench).
TOOLS = Path(__file__).resolve().parents[3] / "tools"
if str(TOOLS) not in sys.path:
    sys.path.insert(0, str(TOOLS))

from fakes import start, stop  # noqa: E402
from fakes.brevo import API_KEY as BREVO_KEY, BrevoFake  # noqa: E402
from fakes.helloasso import CLIENT_ID, CLIENT_SECRET, HelloAssoFake  # noqa: E402
from fakes.helloasso_data import ORG  # noqa: E402
from fakes.mailchimp import API_KEY as MAILCHIMP_KEY, MailchimpFake  # noqa: E402
from fakes.mailjet import API_KEY as MAILJET_KEY, API_SECRET as MAILJET_SECRET, MailjetFake  # noqa: E402

__all__ = [
    "BREVO_KEY",
    "MAILCHIMP_KEY",
    "MAILJET_KEY",
    "MAILJET_SECRET",
    "BrevoFake",
    "HelloAssoFake",
    "MailchimpFake",
    "MailjetFake",
    "start",
    "stop",
]


def fast_retries(env):
    """Retries keep their logic but wait milliseconds, not seconds."""
    env["ir.config_parameter"].sudo().set_param("assoc_integrations.retry_backoff", "0.01")


def french_people(env):
    france = env.ref("base.fr")
    return env["res.partner"].create(
        [
            {
                "firstname": "Marie",
                "lastname": "Dupont",
                "email": "marie.dupont@example.fr",
                "street": "12 rue de la République",
                "zip": "69002",
                "city": "Lyon",
                "country_id": france.id,
            },
            {
                "firstname": "Jean",
                "lastname": "Lefèvre",
                "email": "jean.lefevre@example.fr",
                "street": "3 cours Napoléon",
                "zip": "20000",
                "city": "Ajaccio",
                "country_id": france.id,
            },
        ]
    )


class HelloAssoCase(AccountTestInvoicingCommon):
    """A company on the French chart, a HelloAsso connector against the fake HelloAsso server
    (fresh orders for each test), a membership type and the association's contacts."""

    @classmethod
    @AccountTestInvoicingCommon.setup_country("fr")
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.env.user.groups_id |= cls.env.ref("assoc_contacts.group_assoc_manager")
        fast_retries(cls.env)
        cls.env.company.write(
            {
                "street": "8 place Bellecour",
                "zip": "69002",
                "city": "Lyon",
                "country_id": cls.env.ref("base.fr").id,
                "assoc_siren_rna": "W691234567",
                "assoc_receipt_object": "Sauvegarde du patrimoine lyonnais",
                "assoc_receipt_signatory_name": "Hélène Garnier",
                "assoc_receipt_signatory_role": "Présidente",
            }
        )
        cls.marie, cls.jean = french_people(cls.env)
        cls.membership_type = cls.env["assoc.membership.type"].create(
            {"name": "Adhésion individuelle", "amount": 30.0, "validity_mode": "calendar_year"}
        )
        cls.fake = start(HelloAssoFake)
        cls.addClassCleanup(stop, cls.fake)
        cls.connector = cls.env["assoc.connector"].create(
            {
                "name": "HelloAsso test",
                "provider": "helloasso",
                "base_url": cls.fake.url,
                "client_id": CLIENT_ID,
                "client_secret": CLIENT_SECRET,
                "organization_slug": ORG,
            }
        )

    def setUp(self):
        super().setUp()
        from fakes.helloasso_data import sample_orders  # fresh copies: tests refund and break orders

        self.fake.orders.clear()
        self.fake.add_orders(sample_orders())
        self.fake.failures.clear()
        self.fake.down = False

    def orders(self):
        return self.env["assoc.helloasso.order"].search([("connector_id", "=", self.connector.id)])

    def helloasso_payments(self):
        return self.env["account.payment"].search(
            [("assoc_helloasso_key", "!=", False), ("company_id", "=", self.connector.company_id.id)]
        )

    def booked(self, payments):
        """Net amount that summary entries keep in the books for these payments."""
        return sum(
            (1 if payment.payment_type == "inbound" else -1) * payment.amount
            for payment in payments
            if payment.move_id and not payment.assoc_helloasso_reversal_move_id
        )

    def assert_books_match_payments(self):
        """The HelloAsso journal's income lines add up to what its payments keep booked, and
        its entries are posted and balanced."""
        journal = self.connector.helloasso_journal_id
        lines = self.env["account.move.line"].search([("journal_id", "=", journal.id)])
        self.assertEqual(set(lines.move_id.mapped("state")), {"posted"})
        income = lines.filtered(lambda line: line.account_id.account_type in ("income", "income_other"))
        self.assertAlmostEqual(
            sum(income.mapped("credit")) - sum(income.mapped("debit")), self.booked(self.helloasso_payments())
        )
        self.assertAlmostEqual(sum(lines.mapped("debit")), sum(lines.mapped("credit")))


class EmailingCase(TransactionCase):
    """Contacts with consents in every state, a segment and a group, and the three emailing
    fakes with one connector each."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        fast_retries(cls.env)
        cls.purpose = cls.env.ref("assoc_contacts.consent_purpose_newsletter")
        france = cls.env.ref("base.fr")
        rows = [
            ("Camille", "Roux", "camille.roux@example.fr", "69003", "granted"),
            ("Louis", "Petit", "louis.petit@example.fr", "69007", "granted"),
            ("Chloé", "Durand", "chloe.durand@example.fr", "69001", "granted"),
            ("Hugo", "Leroy", "hugo.leroy@example.fr", "69008", "withdrawn"),
            ("Léa", "Moreau", "lea.moreau@example.fr", "69004", None),
            ("Nathan", "Simon", "nathan.simon@example.fr", "69005", "granted"),  # blacklisted below
            ("Zoé", "Laurent", "zoe.laurent@example.fr", "69006", "granted"),  # hard-bounced below
            ("Arthur", "Michel", "arthur.michel@example.fr", "75011", "granted"),  # outside the segment
        ]
        cls.people = cls.env["res.partner"].create(
            [
                {
                    "firstname": first,
                    "lastname": last,
                    "email": email,
                    "zip": zipcode,
                    "city": "Lyon",
                    "country_id": france.id,
                }
                for first, last, email, zipcode, _state in rows
            ]
        )
        cls.env["assoc.consent"].create(
            [
                {
                    "partner_id": partner.id,
                    "purpose_id": cls.purpose.id,
                    "channel": "newsletter",
                    "state": state,
                    "source": "web_form",
                    "proof_text": "Je souhaite recevoir la lettre d'information",
                    "date": "2025-01-06 18:30:00",
                }
                for partner, (*_rest, state) in zip(cls.people, rows, strict=False)
                if state
            ]
        )
        cls.env["mail.blacklist"].sudo()._add("nathan.simon@example.fr")
        cls.people[6].assoc_email_invalid = True
        cls.segment = cls.env["assoc.segment"].create({"name": "Lyonnais", "domain": "[('zip', '=like', '69%')]"})
        cls.group = cls.env["assoc.group"].create({"name": "Groupe local de Lyon"})
        cls.group.add_partners(cls.people[0] | cls.people[7])
        Connector = cls.env["assoc.connector"]
        cls.brevo_connector = Connector.create({"name": "Brevo test", "provider": "brevo", "api_key": BREVO_KEY})
        cls.mailjet_connector = Connector.create(
            {"name": "Mailjet test", "provider": "mailjet", "api_key": MAILJET_KEY, "api_secret": MAILJET_SECRET}
        )
        cls.mailchimp_connector = Connector.create(
            {"name": "Mailchimp test", "provider": "mailchimp", "api_key": MAILCHIMP_KEY}
        )
        cls.attributes = (
            cls.env.ref("assoc_integrations.emailing_attribute_firstname")
            | cls.env.ref("assoc_integrations.emailing_attribute_lastname")
            | cls.env.ref("assoc_integrations.emailing_attribute_zip")
        )

    def setUp(self):
        """Fresh fakes for each test: what one test pushes is not in the next one's lists."""
        super().setUp()
        self.brevo, self.mailjet, self.mailchimp = start(BrevoFake), start(MailjetFake), start(MailchimpFake)
        for server in (self.brevo, self.mailjet, self.mailchimp):
            self.addCleanup(stop, server)
        self.brevo_connector.base_url = f"{self.brevo.url}/v3"
        self.mailjet_connector.base_url = f"{self.mailjet.url}/v3/REST"
        self.mailchimp_connector.base_url = f"{self.mailchimp.url}/3.0"

    def link(self, connector, remote_list_id, **values):
        return self.env["assoc.emailing.list"].create(
            {
                "name": "Lettre d'information",
                "connector_id": connector.id,
                "remote_list_id": remote_list_id,
                "source": "segment",
                "segment_id": self.segment.id,
                "attribute_ids": [(6, 0, self.attributes.ids)],
                **values,
            }
        )
