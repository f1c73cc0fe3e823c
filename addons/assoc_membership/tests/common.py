from contextlib import contextmanager
from datetime import date

from odoo.tests import TransactionCase

from odoo.addons.account.tests.common import AccountTestInvoicingCommon


def create_french_people(env):
    """A few realistic French contacts, two of them in one household."""
    france = env.ref("base.fr")
    Partner = env["res.partner"]
    people = Partner.create(
        [
            {
                "name": "Marie Dupont",
                "email": "marie.dupont@example.fr",
                "street": "12 rue de la République",
                "zip": "69002",
                "city": "Lyon",
                "country_id": france.id,
            },
            {
                "name": "Jean Lefèvre",
                "email": "jean.lefevre@example.fr",
                "street": "3 cours Napoléon",
                "zip": "20000",
                "city": "Ajaccio",
                "country_id": france.id,
            },
            {
                "name": "Sophie Martin",
                "email": "sophie.martin@example.fr",
                "street": "5 allée des Tilleuls",
                "zip": "44000",
                "city": "Nantes",
                "country_id": france.id,
            },
            {
                "name": "Lucas Martin",
                "email": "lucas.martin@example.fr",
                "street": "5 allée des Tilleuls",
                "zip": "44000",
                "city": "Nantes",
                "country_id": france.id,
            },
        ]
    )
    household = env["assoc.household"].create_for_partners(people[2:4], primary=people[2])
    return people, household


def complete_association(company):
    """The association's identity as its documents (attestations, cards) print it."""
    company.write({"name": "Les Amis du Littoral", "street": "14 quai de la Fosse", "zip": "44000",
                   "city": "Nantes", "company_registry": "W442012345"})


def create_membership_types(env, amount=0.0):
    Type = env["assoc.membership.type"]
    return {
        "calendar": Type.create({"name": "Adhésion annuelle", "amount": amount, "validity_mode": "calendar_year"}),
        "grace": Type.create(
            {
                "name": "Adhésion annuelle avec délai de grâce",
                "amount": amount,
                "validity_mode": "calendar_year",
                "grace_days": 60,
            }
        ),
        "rolling": Type.create(
            {"name": "Adhésion 12 mois glissants", "amount": amount, "validity_mode": "rolling", "duration_months": 12}
        ),
        "season": Type.create(
            {
                "name": "Adhésion saison sportive",
                "amount": amount,
                "validity_mode": "season",
                "season_start_month": "9",
                "season_start_day": 1,
                "cutoff_month": "6",
                "cutoff_day": 1,
            }
        ),
        "family": Type.create(
            {"name": "Adhésion famille", "amount": amount * 2, "kind": "family", "validity_mode": "calendar_year"}
        ),
    }


class RefusalMixin:
    @contextmanager
    def assert_refused(self, exception, text):
        """The operation raises `exception` with `text` in its message; like a request, the
        transaction part of the operation is rolled back (savepoint)."""
        with self.assertRaises(exception) as catcher:
            yield
        self.assertIn(text, str(catcher.exception))


class AssocMembershipCase(RefusalMixin, TransactionCase):
    """Memberships recorded as already confirmed (as by an import of the history): no payment,
    so no accounting is needed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        (cls.marie, cls.jean, cls.sophie, cls.lucas), cls.household = create_french_people(cls.env)
        cls.types = create_membership_types(cls.env)
        cls.tag_member = cls.env.ref("assoc_contacts.tag_member")
        cls.tag_former = cls.env.ref("assoc_contacts.tag_former_member")

    def record(self, partner, type_key, day, **values):
        return self.env["assoc.membership"].create(
            {
                "partner_id": partner.id,
                "type_id": self.types[type_key].id,
                "date": day,
                "state": "confirmed",
                **values,
            }
        )

    def state_at(self, partner, day):
        return partner._assoc_membership_state_at(day)[partner.id]


class AssocMembershipAccountingCase(RefusalMixin, AccountTestInvoicingCommon):
    """A company on the French chart of accounts, with membership types that cost money."""

    @classmethod
    @AccountTestInvoicingCommon.setup_country("fr")
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.env.user.groups_id |= cls.env.ref("assoc_contacts.group_assoc_manager")
        (cls.marie, cls.jean, cls.sophie, cls.lucas), cls.household = create_french_people(cls.env)
        cls.types = create_membership_types(cls.env, amount=30.0)
        cls.types["receipt"] = cls.env["assoc.membership.type"].create(
            {"name": "Adhésion de soutien", "amount": 50.0, "gives_tax_receipt": True, "validity_mode": "calendar_year"}
        )
        cls.company = cls.env.company
        cls.today = date.today()
