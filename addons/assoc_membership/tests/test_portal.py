import io
from datetime import timedelta

from dateutil.relativedelta import relativedelta
from pdfminer.high_level import extract_text

from odoo import Command, fields
from odoo.tests import HttpCase, JsonRpcException, tagged

from odoo.addons.assoc_contacts.tests.test_portal_performance import ROW_NOISE, PortalQueryCountMixin


@tagged("post_install", "-at_install")
class TestMembershipPortal(PortalQueryCountMixin, HttpCase):
    """“My membership card”: the member's own memberships and stored documents, nobody else's."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        cls.company.write(
            {
                "assoc_portal_renew_url": "https://www.helloasso.com/associations/amis/adhesions/renouveler",
                "assoc_portal_renew_days": 30,
            }
        )
        france = cls.env.ref("base.fr")
        Partner = cls.env["res.partner"]
        cls.marie, cls.jean, cls.sophie, cls.lucas = Partner.create(
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
                {
                    "firstname": "Sophie",
                    "lastname": "Martin",
                    "email": "sophie.martin@example.fr",
                    "street": "5 allée des Tilleuls",
                    "zip": "44000",
                    "city": "Nantes",
                    "country_id": france.id,
                },
                {
                    "firstname": "Lucas",
                    "lastname": "Martin",
                    "email": "lucas.martin@example.fr",
                    "street": "5 allée des Tilleuls",
                    "zip": "44000",
                    "city": "Nantes",
                    "country_id": france.id,
                },
            ]
        )
        cls.env["assoc.household"].create_for_partners(cls.sophie | cls.lucas, primary=cls.sophie)
        Type = cls.env["assoc.membership.type"]
        cls.rolling = Type.create(
            {"name": "Adhésion 12 mois glissants", "amount": 0, "validity_mode": "rolling", "duration_months": 12}
        )
        cls.family = Type.create(
            {
                "name": "Adhésion famille",
                "amount": 0,
                "kind": "family",
                "validity_mode": "rolling",
                "duration_months": 12,
            }
        )
        today = fields.Date.context_today(cls.env.user)
        Membership = cls.env["assoc.membership"]
        cls.marie_old = Membership.create(
            {
                "partner_id": cls.marie.id,
                "type_id": cls.rolling.id,
                "state": "confirmed",
                "date": today - relativedelta(years=3),
            }
        )
        cls.marie_current = Membership.create(
            {
                "partner_id": cls.marie.id,
                "type_id": cls.rolling.id,
                "state": "confirmed",
                "date": today - timedelta(days=100),
            }
        )
        ends_soon = today - relativedelta(months=12) + timedelta(days=20)
        cls.jean_current = Membership.create(
            {"partner_id": cls.jean.id, "type_id": cls.rolling.id, "state": "confirmed", "date": ends_soon}
        )
        cls.sophie_family = Membership.create(
            {
                "partner_id": cls.sophie.id,
                "type_id": cls.family.id,
                "state": "confirmed",
                "date": today - timedelta(days=10),
            }
        )
        group_portal = cls.env.ref("base.group_portal")
        cls.users = {}
        for partner in (cls.marie, cls.jean, cls.lucas):
            cls.users[partner] = (
                cls.env["res.users"]
                .with_context(no_reset_password=True)
                .create(
                    {
                        "login": partner.email,
                        "password": partner.email,
                        "partner_id": partner.id,
                        "groups_id": [Command.set(group_portal.ids)],
                    }
                )
            )

    def login(self, partner):
        self.authenticate(partner.email, partner.email)

    def test_member_sees_current_membership_and_history(self):
        self.login(self.marie)
        page = self.url_open("/my/card").text
        self.assertIn("o_assoc_current_membership", page)
        self.assertIn(f"/my/card/{self.marie_current.id}/card", page)
        self.assertIn(self.marie.assoc_member_number, page)
        self.assertEqual(page.count("o_assoc_membership_row"), 2)
        self.assertNotIn("o_assoc_renewal", page, "no renewal notice far from the end")
        counters = self.make_jsonrpc_request("/my/counters", {"counters": ["assoc_membership_count"]})
        self.assertEqual(counters["assoc_membership_count"], 2)

    def test_card_and_attestation_are_the_stored_pdfs(self):
        self.login(self.marie)
        first = self.url_open(f"/my/card/{self.marie_current.id}/card")
        self.assertEqual(first.headers["Content-Type"], "application/pdf")
        self.assertEqual(first.content, self.marie_current.card_attachment_id.raw)
        again = self.url_open(f"/my/card/{self.marie_current.id}/card")
        self.assertEqual(again.content, first.content, "the card is downloaded as issued")
        text = extract_text(io.BytesIO(first.content))
        self.assertIn(self.marie.assoc_member_number, text)
        attestation = self.url_open(f"/my/card/{self.marie_current.id}/attestation")
        self.assertEqual(attestation.content, self.marie_current.attestation_attachment_id.raw)
        self.assertIn("Dupont", extract_text(io.BytesIO(attestation.content)))

    def test_expired_membership_gives_no_card(self):
        self.login(self.marie)
        response = self.url_open(f"/my/card/{self.marie_old.id}/card")
        self.assertIn("error=expired", response.url)
        self.assertFalse(self.marie_old.card_attachment_id)

    def test_renewal_notice_near_the_end(self):
        self.login(self.jean)
        page = self.url_open("/my/card").text
        self.assertIn("o_assoc_renewal", page)
        self.assertIn("adhesions/renouveler", page)
        self.company.assoc_portal_renew_days = 5
        self.assertNotIn("o_assoc_renewal", self.url_open("/my/card").text)

    def test_family_member_is_covered_without_the_holder_documents(self):
        self.login(self.lucas)
        page = self.url_open("/my/card").text
        self.assertIn("Sophie Martin", page)
        self.assertNotIn(f"/my/card/{self.sophie_family.id}/card", page)
        self.assertEqual(self.url_open(f"/my/card/{self.sophie_family.id}/card").status_code, 404)

    def test_other_members_documents_are_out_of_reach(self):
        self.marie_current._issue("card")
        self.login(self.jean)
        for kind in ("card", "attestation"):
            self.assertEqual(self.url_open(f"/my/card/{self.marie_current.id}/{kind}").status_code, 404)
        self.assertEqual(self.url_open("/my/card/999999/card").status_code, 404)
        response = self.url_open(f"/web/content/{self.marie_current.card_attachment_id.id}?download=true")
        self.assertNotEqual(response.headers.get("Content-Type"), "application/pdf")
        for model, method, args in (
            ("assoc.membership", "read", [[self.marie_current.id], ["partner_id", "date_end"]]),
            ("ir.attachment", "read", [[self.marie_current.card_attachment_id.id], ["datas"]]),
        ):
            with self.assertRaises(JsonRpcException):
                self.make_jsonrpc_request(
                    f"/web/dataset/call_kw/{model}/{method}",
                    {"model": model, "method": method, "args": args, "kwargs": {}},
                )
        rows = self.make_jsonrpc_request(
            "/web/dataset/call_kw/assoc.membership/search_read",
            {"model": "assoc.membership", "method": "search_read", "args": [[], ["partner_id"]], "kwargs": {}},
        )
        self.assertEqual({row["id"] for row in rows}, {self.jean_current.id})

    def test_page_can_be_switched_off(self):
        self.company.assoc_portal_card = False
        self.login(self.marie)
        self.assertTrue(self.url_open("/my/card").url.endswith("/my"))
        self.assertEqual(self.url_open(f"/my/card/{self.marie_current.id}/card").status_code, 404)

    def test_card_tour(self):
        self.start_tour("/my", "assoc_portal_card_tour", login=self.jean.email)

    def test_card_page_queries_do_not_grow_with_rows(self):
        self.login(self.marie)
        few = self.assert_extra_queries("/my/card", 8)
        today = fields.Date.context_today(self.env.user)
        former = self.env["assoc.membership.type"].create(
            {
                "name": "Adhésion annuelle (ancienne formule)",
                "amount": 0,
                "validity_mode": "rolling",
                "duration_months": 12,
            }
        )
        for years in range(11, 3, -1):  # the oldest first: each one follows the previous year's
            self.env["assoc.membership"].create(
                {
                    "partner_id": self.marie.id,
                    "type_id": former.id,
                    "state": "confirmed",
                    "date": today - relativedelta(years=years),
                }
            )
        many = self.page_queries("/my/card") - self.page_queries(self.BASELINE_URL)
        self.assertLessEqual(many, few + ROW_NOISE, "the memberships are read in bulk")
        self.assertEqual(self.url_open("/my/card").text.count("o_assoc_membership_row"), 10)

    def test_card_report_route_gives_no_other_member_card(self):
        self.login(self.jean)
        for report in ("report_membership_card", "report_membership_card_sheet"):
            response = self.url_open(f"/report/pdf/assoc_membership.{report}/{self.marie_current.id}")
            self.assertNotEqual(response.headers.get("Content-Type"), "application/pdf", report)
