from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tests.common import JsonRpcException, new_test_user
from odoo.tools import mute_logger

from odoo.addons.assoc_contacts.tests.common_access import PROFILE_GROUPS, AccessDataMixin, AccessHttpMixin

from .common import AssocChequesHttpCase

RULE_LOGGERS = ("odoo.addons.base.models.ir_rule", "odoo.models", "odoo.http")
LOCAL_PROFILES = ("delegate", "collector", "local_animator", "thematic_animator", "donor_relations", "volunteer")


@tagged("post_install", "-at_install")
class TestChequesAccess(AccessDataMixin, AccessHttpMixin, AssocChequesHttpCase):
    """Cheque payments name their drawer and slips list many drawers: finance and the bureau
    see them all; the local profiles see none, and a local profile who is also given Odoo's
    invoicing rights sees only the cheques of the contacts in their scope, and no slip."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.user.groups_id |= cls.env.ref("assoc_contacts.group_assoc_manager")
        cls.partner_marie, cls.partner_jean = cls.marie, cls.jean
        cls.setup_access_data()
        cls.cheque_nantes = cls._cheque(cls.nantes_donor, 50.0, "4410001")
        cls.cheque_lyon = cls._cheque(cls.lyon_donor, 120.0, "6910002")
        cls.cheque_ajaccio = cls._cheque(cls.ajaccio_contact, 80.0, "2010003")
        cls.cheques = cls.cheque_nantes | cls.cheque_lyon | cls.cheque_ajaccio
        cls.slip = cls._slip(cls.cheques)
        cls.slip.action_generate()
        for profile in ("delegate", "collector"):
            user = new_test_user(
                cls.env,
                login=f"assoc_{profile}_accountant",
                password=f"assoc_{profile}_accountant_pwd!",
                groups=f"base.group_user,account.group_account_invoice,{PROFILE_GROUPS[profile]}",
                name=f"Test {profile} accountant",
            )
            user.assoc_territory_ids = cls.users[profile].assoc_territory_ids
            cls.users[f"{profile}_accountant"] = user

    def _seen(self, profile, model, records):
        return self.env[model].with_user(self.users[profile]).search([("id", "in", records.ids)]).sudo()

    def test_finance_and_bureau_see_every_cheque_and_slip(self):
        for profile in ("finance", "bureau"):
            with self.subTest(profile=profile):
                self.assertEqual(self._seen(profile, "account.payment", self.cheques), self.cheques)
                self.assertEqual(self._seen(profile, "assoc.cheque.slip", self.slip), self.slip)
                self.slip.with_user(self.users[profile]).read(["name", "payment_ids", "amount_total"])

    def test_local_profiles_see_no_cheque(self):
        for profile in LOCAL_PROFILES:
            for model in ("account.payment", "assoc.cheque.slip"):
                with (
                    self.subTest(profile=profile, model=model),
                    self.assertRaises(AccessError),
                    mute_logger(*RULE_LOGGERS),
                ):
                    self.env[model].with_user(self.users[profile]).search([])

    def test_local_profile_with_invoicing_rights_keeps_to_its_scope(self):
        cases = {"delegate_accountant": self.cheque_nantes, "collector_accountant": self.cheque_lyon}
        for profile, expected in cases.items():
            with self.subTest(profile=profile):
                Payment = self.env["account.payment"].with_user(self.users[profile])
                self.assertEqual(self._seen(profile, "account.payment", self.cheques), expected)
                groups = Payment.read_group([("id", "in", self.cheques.ids)], ["amount:sum"], ["partner_id"])
                self.assertEqual(
                    [(group["partner_id"][0], group["amount"]) for group in groups],
                    [(expected.partner_id.id, expected.amount)],
                )
                found = Payment.name_search("", [("id", "in", self.cheques.ids)], limit=100)
                self.assertEqual([pid for pid, _name in found], expected.ids)
                with self.assertRaises(AccessError), mute_logger(*RULE_LOGGERS):
                    (self.cheques - expected).with_user(self.users[profile]).read(["assoc_cheque_drawer"])
                self.assertFalse(self._seen(profile, "assoc.cheque.slip", self.slip))
                with self.assertRaises(AccessError), mute_logger(*RULE_LOGGERS):
                    self.slip.with_user(self.users[profile]).read(["name", "amount_total"])

    def test_json_rpc_export_and_slip_pdf(self):
        self.users["delegate_accountant"].groups_id |= self.env.ref("base.group_allow_export")
        self._login("delegate_accountant")
        result = self._call_kw(
            "account.payment",
            "web_search_read",
            [],
            {
                "domain": [("id", "in", self.cheques.ids)],
                "specification": {"amount": {}, "assoc_cheque_drawer": {}},
                "limit": 80,
                "count_limit": 10001,
            },
        )
        self.assertEqual([row["id"] for row in result["records"]], self.cheque_nantes.ids)
        with self.assertRaises(JsonRpcException), mute_logger(*RULE_LOGGERS):
            self._call_kw("account.payment", "read", [self.cheque_lyon.ids, ["assoc_cheque_drawer"]])
        response = self._export(
            "account.payment", ["assoc_cheque_drawer", "amount"], domain=[("id", "in", self.cheques.ids)]
        )
        self.assertEqual([row[0] for row in self._csv_rows(response)], [self.nantes_donor.name])
        with mute_logger(*RULE_LOGGERS, "odoo.addons.web.controllers.export"):
            response = self._export("assoc.cheque.slip", ["name"], ids=self.slip.ids)
        self.assertEqual(response.status_code, 500)
        with mute_logger(*RULE_LOGGERS):
            response = self.url_open(f"/report/pdf/assoc_cheques.report_cheque_slip/{self.slip.id}")
        self.assertNotEqual(response.status_code, 200)
        self.assertNotIn(self.lyon_donor.name.encode(), response.content)
        self._login("finance")
        response = self.url_open(f"/report/pdf/assoc_cheques.report_cheque_slip/{self.slip.id}")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content[:4], b"%PDF")
