from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from odoo.addons.account.tests.common import AccountTestInvoicingHttpCommon
from odoo.addons.assoc_contacts.tests.common_access import AccessDataMixin, AccessHttpMixin

from .common import AssocReceiptsCase

RULE_LOGGERS = ("odoo.addons.base.models.ir_rule", "odoo.models", "odoo.http")
NO_MONEY_PROFILES = ("delegate", "local_animator", "thematic_animator", "volunteer")


@tagged("post_install", "-at_install")
class TestReceiptsAccess(AccessDataMixin, AccessHttpMixin, AssocReceiptsCase, AccountTestInvoicingHttpCommon):
    """Gifts and tax receipts reveal donors: each profile sees those of the donors in its scope
    (DESIGN.md "Access profiles"), through the ORM, JSON-RPC, exports and the receipt PDF."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.user.groups_id |= cls.env.ref("assoc_contacts.group_assoc_manager")
        cls.partner_marie, cls.partner_jean = cls.marie, cls.jean
        cls.setup_access_data()
        cls.nantes_donor.write({"firstname": "Gaëlle", "lastname": "Morvan", "street": "8 rue Crébillon"})
        cls.lyon_donor.write({"firstname": "Bruno", "lastname": "Chabert", "street": "40 cours Lafayette"})
        cls.gift_nantes = cls.make_donation(cls.nantes_donor, 50.0)
        cls.gift_lyon = cls.make_donation(cls.lyon_donor, 120.0, campaign_id=cls.campaign.id)
        cls.gift_ajaccio = cls.make_donation(cls.jean, 80.0)
        cls.gifts = cls.gift_nantes | cls.gift_lyon | cls.gift_ajaccio
        cls.receipts = cls.gifts.receipt_id
        cls.expected_gifts = {
            "collector": cls.gift_lyon,  # Auvergne-Rhône-Alpes: the Lyon donor only
            "donor_relations": cls.gifts,  # donors nationwide
            "finance": cls.gifts,
            "bureau": cls.gifts,
        }

    def _seen(self, profile, model, records):
        return self.env[model].with_user(self.users[profile]).search([("id", "in", records.ids)]).sudo()

    def test_receipts_were_issued(self):
        self.assertEqual(len(self.receipts), 3)
        self.assertEqual(self.receipts.partner_id, self.nantes_donor | self.lyon_donor | self.jean)

    def test_each_profile_sees_the_gifts_and_receipts_of_its_donors(self):
        for profile, expected in self.expected_gifts.items():
            with self.subTest(profile=profile):
                self.assertEqual(self._seen(profile, "assoc.donation", self.gifts), expected)
                self.assertEqual(self._seen(profile, "assoc.tax.receipt", self.receipts), expected.receipt_id)
                Donation = self.env["assoc.donation"].with_user(self.users[profile])
                groups = Donation.read_group([("id", "in", self.gifts.ids)], ["amount:sum"], ["partner_id"])
                self.assertEqual(
                    {group["partner_id"][0]: group["amount"] for group in groups},
                    {gift.partner_id.id: gift.amount for gift in expected},
                )
                found = Donation.name_search("", [("id", "in", self.gifts.ids)], limit=100)
                self.assertEqual({gift_id for gift_id, _name in found}, set(expected.ids))
                Receipt = self.env["assoc.tax.receipt"].with_user(self.users[profile])
                for receipt in self.receipts - expected.receipt_id:
                    self.assertFalse(Receipt.name_search(receipt.name))
                    with self.assertRaises(AccessError), mute_logger(*RULE_LOGGERS):
                        receipt.with_user(self.users[profile]).read(["donor_name", "amount"])
                hidden = self.gifts - expected
                if hidden:
                    with self.assertRaises(AccessError), mute_logger(*RULE_LOGGERS):
                        hidden.with_user(self.users[profile]).read(["partner_id", "amount"])

    def test_profiles_without_money_rights_see_no_gift(self):
        for profile in NO_MONEY_PROFILES:
            for model in ("assoc.donation", "assoc.tax.receipt"):
                with (
                    self.subTest(profile=profile, model=model),
                    self.assertRaises(AccessError),
                    mute_logger(*RULE_LOGGERS),
                ):
                    self.env[model].with_user(self.users[profile]).search([])

    def test_collector_and_donor_relations_only_read(self):
        for profile in ("collector", "donor_relations"):
            with self.subTest(profile=profile), self.assertRaises(AccessError), mute_logger(*RULE_LOGGERS):
                self.gift_lyon.with_user(self.users[profile]).write({"valuation_note": "Appeler pour remercier"})

    def test_collector_loses_a_donor_who_moves_away(self):
        self.lyon_donor.write({"zip": "44000", "city": "Nantes"})
        self.assertFalse(self._seen("collector", "assoc.donation", self.gifts))
        self.assertFalse(self._seen("collector", "assoc.tax.receipt", self.receipts))

    def test_json_rpc(self):
        for profile in ("collector", "donor_relations", "bureau"):
            expected = self.expected_gifts[profile]
            with self.subTest(profile=profile):
                self._login(profile)
                result = self._call_kw(
                    "assoc.donation",
                    "web_search_read",
                    [],
                    {
                        "domain": [("id", "in", self.gifts.ids)],
                        "specification": {"amount": {}, "partner_id": {"fields": {"display_name": {}}}},
                        "limit": 80,
                        "count_limit": 10001,
                    },
                )
                self.assertEqual({row["id"] for row in result["records"]}, set(expected.ids))
                self.assertEqual(result["length"], len(expected))
                groups = self._call_kw(
                    "assoc.tax.receipt",
                    "web_read_group",
                    [],
                    {"domain": [("id", "in", self.receipts.ids)], "fields": ["amount:sum"], "groupby": ["year"]},
                )
                self.assertEqual(sum(group["amount"] for group in groups["groups"]), sum(expected.mapped("amount")))
                found = self._call_kw(
                    "assoc.tax.receipt",
                    "name_search",
                    [],
                    {"name": "", "args": [("id", "in", self.receipts.ids)], "limit": 80},
                )
                self.assertEqual({rid for rid, _name in found}, set(expected.receipt_id.ids))
        self._login("collector")
        with self.assertRaises(JsonRpcException), mute_logger(*RULE_LOGGERS):
            self._call_kw("assoc.tax.receipt", "read", [self.gift_nantes.receipt_id.ids, ["donor_name", "amount"]])
        self._login("delegate")
        with self.assertRaises(JsonRpcException), mute_logger(*RULE_LOGGERS):
            self._call_kw("assoc.donation", "search_read", [[]], {"fields": ["amount"]})

    def test_export_controller(self):
        self.users["collector"].groups_id |= self.env.ref("base.group_allow_export")
        self._login("collector")
        response = self._export("assoc.donation", ["partner_id", "amount"], domain=[("id", "in", self.gifts.ids)])
        self.assertEqual(response.status_code, 200)
        self.assertEqual([row[0] for row in self._csv_rows(response)], [self.lyon_donor.name])
        response = self._export("assoc.tax.receipt", ["name", "donor_name"], domain=[])
        self.assertEqual(self._csv_rows(response), [[self.gift_lyon.receipt_id.name, "Bruno Chabert"]])
        with mute_logger(*RULE_LOGGERS, "odoo.addons.web.controllers.export"):
            response = self._export("assoc.tax.receipt", ["name", "donor_name"], ids=self.gift_nantes.receipt_id.ids)
        self.assertEqual(response.status_code, 500, "exporting a receipt out of scope by id fails")
        self.assertNotIn("Morvan", response.text)
        self._login("delegate")
        with mute_logger(*RULE_LOGGERS, "odoo.addons.web.controllers.export"):
            response = self._export("assoc.donation", ["partner_id", "amount"], domain=[])
        self.assertEqual(response.status_code, 500)
        self.assertNotIn("Morvan", response.text)

    def test_receipt_pdf_only_in_scope(self):
        self._login("collector")
        own, other = self.gift_lyon.receipt_id, self.gift_nantes.receipt_id
        response = self.url_open(f"/report/pdf/assoc_receipts.report_tax_receipt/{own.id}")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, own.attachment_id.raw)
        with mute_logger(*RULE_LOGGERS):
            response = self.url_open(f"/report/pdf/assoc_receipts.report_tax_receipt/{other.id}")
        self.assertNotEqual(response.status_code, 200)
        self.assertNotEqual(response.content[:4], b"%PDF")
        with mute_logger(*RULE_LOGGERS):
            response = self.url_open(f"/web/content/{other.attachment_id.id}?download=true")
        self.assertIn(response.status_code, (403, 404))
        self.assertNotEqual(response.content[:4], b"%PDF")
        self.assertEqual(
            self.url_open(f"/web/content/{own.attachment_id.id}?download=true").content, own.attachment_id.raw
        )
