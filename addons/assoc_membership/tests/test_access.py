from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from odoo.addons.assoc_contacts.tests.common_access import AccessDataMixin, AccessHttpMixin

from .common import complete_association, create_membership_types

RULE_LOGGERS = ("odoo.addons.base.models.ir_rule", "odoo.models", "odoo.http")


@tagged("post_install", "-at_install")
class TestMembershipAccess(AccessDataMixin, AccessHttpMixin, HttpCase):
    """Memberships and member statuses reveal people: each profile sees those of the contacts
    in its scope (DESIGN.md "Access profiles"), through the ORM, JSON-RPC, exports and reports."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        complete_association(cls.env.company)
        france = cls.env.ref("base.fr").id
        cls.partner_marie = cls.env["res.partner"].create(
            {
                "name": "Marie Dupont",
                "email": "marie.dupont@example.fr",
                "zip": "69002",
                "city": "Lyon",
                "country_id": france,
            }
        )
        cls.partner_jean = cls.env["res.partner"].create(
            {"name": "Jean Lefèvre", "zip": "20000", "city": "Ajaccio", "country_id": france}
        )
        cls.setup_access_data()
        annual = create_membership_types(cls.env, amount=30.0)["calendar"]
        today = fields.Date.context_today(cls.env["res.partner"])
        cls.by_partner = {
            partner: cls.env["assoc.membership"].create(
                {
                    "partner_id": partner.id,
                    "type_id": annual.id,
                    "date": today,
                    "state": "confirmed",
                    "amount": 30.0,
                    "payment_method": "cheque",
                }
            )
            for partner in (cls.nantes_member, cls.lyon_contact, cls.lyon_donor, cls.ajaccio_contact)
        }
        cls.memberships = cls.env["assoc.membership"].concat(*cls.by_partner.values())
        cls.env["res.partner"]._assoc_update_membership_status(cls.memberships.partner_id.ids)
        cls.statuses = cls.env["assoc.membership.status"].search([("partner_id", "in", cls.contacts.ids)])
        every = cls.memberships
        cls.expected = {
            "delegate": cls.by_partner[cls.nantes_member],  # Loire-Atlantique
            "collector": cls.by_partner[cls.lyon_donor],  # potential donor in Auvergne-Rhône-Alpes
            "local_animator": cls.by_partner[cls.nantes_member],  # group member, in the group's postal codes
            "thematic_animator": cls.by_partner[cls.lyon_contact],  # member of the thematic group
            "donor_relations": cls.by_partner[cls.lyon_donor],
            "volunteer": cls.by_partner[cls.nantes_member],  # co-member of their local group
            "finance": every,
            "bureau": every,
        }

    def _as(self, profile, model="assoc.membership"):
        return self.env[model].with_user(self.users[profile])

    def test_statuses_exist(self):
        self.assertEqual(len(self.memberships), 4)
        self.assertEqual(set(self.statuses.mapped("state")), {"member"})
        self.assertEqual(self.statuses.partner_id, self.memberships.partner_id)

    def test_each_profile_sees_the_memberships_of_its_contacts(self):
        for profile, expected in self.expected.items():
            with self.subTest(profile=profile):
                Membership = self._as(profile)
                self.assertEqual(Membership.search([("id", "in", self.memberships.ids)]).sudo(), expected)
                self.assertEqual(Membership.search_count([("id", "in", self.memberships.ids)]), len(expected))
                groups = Membership.read_group([("id", "in", self.memberships.ids)], ["amount:sum"], ["partner_id"])
                self.assertEqual(
                    {group["partner_id"][0]: group["amount"] for group in groups},
                    {membership.partner_id.id: 30.0 for membership in expected},
                )
                Status = self._as(profile, "assoc.membership.status")
                statuses = Status.search([("id", "in", self.statuses.ids)])
                self.assertEqual(statuses.sudo().partner_id, expected.partner_id)
                # the status is named after its contact: name_search finds only visible people
                for partner in self.memberships.partner_id:
                    found = Status.name_search(partner.name, [("id", "in", self.statuses.ids)])
                    self.assertEqual(bool(found), partner in expected.partner_id, partner.name)
                hidden = self.memberships - expected
                if hidden:
                    with self.assertRaises(AccessError), mute_logger(*RULE_LOGGERS):
                        hidden.with_user(self.users[profile]).read(["partner_id", "amount", "date_end"])

    def test_contact_membership_status_hidden_with_the_contact(self):
        """The status fields on the contact are read through the visible contacts only, and
        searching on them does not reveal hidden contacts."""
        Partner = self._as("delegate", "res.partner")
        members = Partner.search([("assoc_membership_state", "=", "member"), ("id", "in", self.contacts.ids)])
        self.assertEqual(members.sudo(), self.nantes_member)

    def test_membership_analysis_is_for_the_bureau(self):
        """The analysis lists every member with their dues: no local profile reads it."""
        for profile in ("delegate", "collector", "local_animator", "donor_relations", "volunteer", "finance"):
            with self.subTest(profile=profile), self.assertRaises(AccessError), mute_logger(*RULE_LOGGERS):
                self._as(profile, "assoc.membership.analysis").search([])
        rows = self._as("bureau", "assoc.membership.analysis").search([("membership_id", "in", self.memberships.ids)])
        self.assertEqual(rows.partner_id, self.memberships.partner_id)

    def test_only_finance_and_bureau_record_memberships(self):
        annual = self.memberships[0].type_id
        for profile in ("delegate", "local_animator", "volunteer", "donor_relations"):
            with self.subTest(profile=profile), self.assertRaises(AccessError), mute_logger(*RULE_LOGGERS):
                self._as(profile).create(
                    {"partner_id": self.nantes_neighbour.id, "type_id": annual.id, "state": "confirmed", "amount": 30.0}
                )
        with self.assertRaises(AccessError), mute_logger(*RULE_LOGGERS):
            self.by_partner[self.nantes_member].with_user(self.users["delegate"]).write({"amount": 0.0})
        created = self._as("finance").create(
            {"partner_id": self.nantes_neighbour.id, "type_id": annual.id, "state": "confirmed", "amount": 30.0}
        )
        self.assertEqual(created.sudo().partner_id, self.nantes_neighbour)

    def test_json_rpc(self):
        domain = [("id", "in", self.memberships.ids)]
        for profile in ("delegate", "thematic_animator", "bureau"):
            expected = self.expected[profile]
            with self.subTest(profile=profile):
                self._login(profile)
                result = self._call_kw(
                    "assoc.membership",
                    "web_search_read",
                    [],
                    {
                        "domain": domain,
                        "specification": {"amount": {}, "partner_id": {"fields": {"display_name": {}}}},
                        "limit": 80,
                        "count_limit": 10001,
                    },
                )
                self.assertEqual({row["id"] for row in result["records"]}, set(expected.ids))
                self.assertEqual(result["length"], len(expected))
                groups = self._call_kw(
                    "assoc.membership",
                    "web_read_group",
                    [],
                    {"domain": domain, "fields": ["amount:sum"], "groupby": ["type_id"]},
                )
                self.assertEqual(sum(group["type_id_count"] for group in groups["groups"]), len(expected))
                found = self._call_kw(
                    "assoc.membership.status",
                    "name_search",
                    [],
                    {"name": "", "args": [("id", "in", self.statuses.ids)]},
                )
                self.assertEqual({name for _sid, name in found}, set(expected.partner_id.mapped("display_name")))
        self._login("delegate")
        with self.assertRaises(JsonRpcException), mute_logger(*RULE_LOGGERS):
            self._call_kw("assoc.membership", "read", [self.by_partner[self.lyon_contact].ids, ["partner_id"]])

    def test_export_controller(self):
        fields_ = ["partner_id", "amount", "date_end"]
        self._login("delegate")
        with mute_logger(*RULE_LOGGERS, "odoo.addons.web.controllers.export"):
            response = self._export("assoc.membership", fields_, domain=[])
        self.assertEqual(response.status_code, 500, "a territory delegate cannot export")
        self.users["local_animator"].groups_id |= self.env.ref("base.group_allow_export")
        self._login("local_animator")
        response = self._export("assoc.membership", fields_, domain=[("id", "in", self.memberships.ids)])
        self.assertEqual([row[0] for row in self._csv_rows(response)], [self.nantes_member.name])
        with mute_logger(*RULE_LOGGERS, "odoo.addons.web.controllers.export"):
            response = self._export("assoc.membership", fields_, ids=self.by_partner[self.lyon_donor].ids)
        self.assertEqual(response.status_code, 500, "exporting a hidden membership by id fails")
        self.assertNotIn(self.lyon_donor.name, response.text)
        self._login("bureau")
        response = self._export("assoc.membership", fields_, domain=[("id", "in", self.memberships.ids)])
        self.assertEqual({row[0] for row in self._csv_rows(response)}, set(self.memberships.partner_id.mapped("name")))

    def test_card_only_in_scope(self):
        self._login("delegate")
        hidden = self.by_partner[self.lyon_contact]
        with mute_logger(*RULE_LOGGERS):
            response = self.url_open(f"/report/pdf/assoc_membership.report_membership_card/{hidden.id}")
        self.assertNotEqual(response.status_code, 200)
        self.assertNotEqual(response.content[:4], b"%PDF")
        with mute_logger(*RULE_LOGGERS):
            response = self.url_open(
                f"/report/pdf/assoc_membership.report_partner_membership_attestation/{self.lyon_contact.id}"
            )
        self.assertNotEqual(response.content[:4], b"%PDF")
        own = self.by_partner[self.nantes_member]
        response = self.url_open(f"/report/pdf/assoc_membership.report_membership_attestation/{own.id}")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content[:4], b"%PDF")
