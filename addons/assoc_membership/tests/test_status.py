from datetime import date, timedelta

from odoo import fields
from odoo.tests import tagged

from .common import AssocMembershipCase


@tagged("post_install", "-at_install")
class TestMemberStatus(AssocMembershipCase):
    def setUp(self):
        super().setUp()
        self.today = fields.Date.context_today(self.env["res.partner"])

    def test_status_fields_and_tags_follow_a_new_membership_at_once(self):
        self.assertEqual(self.marie.assoc_membership_state, "never")
        self.record(self.marie, "calendar", self.today.replace(year=self.today.year - 2), amount=20)
        current = self.record(self.marie, "calendar", self.today, amount=35)
        self.assertEqual(self.marie.assoc_membership_state, "member")
        self.assertIn(self.tag_member, self.marie.category_id)
        self.assertNotIn(self.tag_former, self.marie.category_id)
        self.assertEqual(self.marie.assoc_member_since, date(self.today.year - 2, 1, 1))
        self.assertEqual(self.marie.assoc_membership_last_date, current.date_start)
        self.assertEqual(self.marie.assoc_membership_end, date(self.today.year, 12, 31))
        self.assertEqual(self.marie.assoc_membership_last_type_id, self.types["calendar"])
        self.assertEqual(self.marie.assoc_membership_last_amount, 35)
        self.assertEqual(self.marie.assoc_membership_count, 2)
        self.assertEqual(self.marie.assoc_membership_total, 55)
        interactions = self.marie.assoc_interaction_ids.filtered(lambda i: i.type_id.code == "membership")
        self.assertEqual(len(interactions), 2)

        current.action_cancel()
        self.assertEqual(self.marie.assoc_membership_state, "former")
        self.assertEqual(self.marie.category_id & (self.tag_member | self.tag_former), self.tag_former)
        self.assertEqual(self.marie.assoc_membership_count, 1)

    def test_daily_cron_moves_expired_members_to_former(self):
        yesterday = self.today - timedelta(days=1)
        self.types["rolling"].duration_months = 1
        membership = self.record(self.jean, "rolling", yesterday - timedelta(days=20))
        self.record(self.marie, "rolling", self.today - timedelta(days=3))
        # Expire Jean's membership as time passes: it ended yesterday.
        membership.date_end = yesterday
        self.env["res.partner"]._assoc_update_membership_status([self.jean.id], today=yesterday)
        self.assertEqual(self.jean.assoc_membership_state, "member")
        self.assertIn(self.tag_member, self.jean.category_id)

        self.env.ref("assoc_membership.ir_cron_membership_status").method_direct_trigger()
        self.assertEqual(self.jean.assoc_membership_state, "former")
        self.assertEqual(self.jean.category_id & (self.tag_member | self.tag_former), self.tag_former)
        self.assertEqual(self.marie.assoc_membership_state, "member")
        self.assertEqual(self.sophie.assoc_membership_state, "never")
        self.assertFalse(self.sophie.category_id & (self.tag_member | self.tag_former))

    def test_family_membership_covers_the_household(self):
        membership = self.record(self.sophie, "family", self.today)
        self.assertEqual(membership.member_ids, self.sophie | self.lucas)
        for person in (self.sophie, self.lucas):
            self.assertEqual(person.assoc_membership_state, "member")
            self.assertIn(self.tag_member, person.category_id)
            self.assertTrue(person.assoc_member_number)
        self.assertEqual(self.jean.assoc_membership_state, "never")
        self.assertIn(self.lucas, self.env["res.partner"].search([("assoc_member_on", "=", self.today)]))

    def test_member_number_is_gapless_and_kept_for_life(self):
        first = self.record(self.marie, "calendar", date(2022, 3, 1))
        number = self.marie.assoc_member_number
        self.record(self.jean, "calendar", date(2022, 3, 2))
        self.assertEqual(int(self.jean.assoc_member_number), int(number) + 1)
        first.action_cancel()
        self.record(self.marie, "calendar", date(2024, 3, 1))
        self.assertEqual(self.marie.assoc_member_number, number)
        sequence = self.env.ref("assoc_membership.seq_member_number")
        self.assertEqual(sequence.implementation, "no_gap")

    def test_members_of_one_batch_are_numbered_in_id_order_from_the_sequence(self):
        sequence = self.env.ref("assoc_membership.seq_member_number")
        sequence.prefix = "AD-%(year)s-"
        start = sequence.number_next_actual
        self.env["assoc.membership"].create(
            [
                {"partner_id": partner.id, "type_id": self.types[key].id, "date": self.today, "state": "confirmed"}
                for partner, key in ((self.jean, "calendar"), (self.sophie, "family"), (self.marie, "calendar"))
            ]
        )
        people = (self.marie | self.jean | self.sophie | self.lucas).sorted("id")
        prefix = f"AD-{self.today.year}-"
        self.assertEqual(people.mapped("assoc_member_number"), [f"{prefix}{start + i:06d}" for i in range(4)])
        self.assertEqual(self.env["ir.sequence"].next_by_code("assoc.member.number"), f"{prefix}{start + 4:06d}")

    def test_search_contacts_by_status_type_and_period(self):
        self.record(self.marie, "calendar", date(2021, 5, 1), amount=40)
        self.record(self.jean, "rolling", self.today, amount=25)
        Partner = self.env["res.partner"]
        self.assertEqual(
            Partner.search([("id", "in", (self.marie | self.jean).ids), ("assoc_membership_state", "=", "former")]),
            self.marie,
        )
        self.assertEqual(
            Partner.search([("assoc_member_on", "=", "2021-07-14")]) & (self.marie | self.jean), self.marie
        )
        self.assertEqual(Partner.search([("assoc_membership_last_type_id", "=", self.types["rolling"].id)]), self.jean)
        self.assertEqual(
            Partner.search([("assoc_membership_total", ">=", 30), ("id", "in", (self.marie | self.jean).ids)]),
            self.marie,
        )
        domain = [
            (
                "assoc_membership_ids",
                "any",
                [
                    ("type_id", "=", self.types["calendar"].id),
                    ("date_start", ">=", "2021-01-01"),
                    ("date_end", "<=", "2021-12-31"),
                ],
            )
        ]
        self.assertEqual(Partner.search(domain), self.marie)

    def test_renewal_statistics(self):
        self.record(self.marie, "calendar", date(2021, 2, 1))
        self.record(self.marie, "calendar", date(2022, 2, 1))
        self.record(self.jean, "calendar", date(2021, 2, 1))
        Analysis = self.env["assoc.membership.analysis"]
        rows = Analysis._read_group(
            [("year", "=", "2021"), ("partner_id", "in", (self.marie | self.jean).ids)],
            [],
            [
                "membership_count:sum",
                "new_count:sum",
                "renewed_count:sum",
                "lapsed_count:sum",
                "renewal_rate:avg",
                "churn_rate:avg",
            ],
        )
        self.assertEqual(rows[0], (2, 2, 1, 1, 50.0, 50.0))
        year_2022 = Analysis.search([("year", "=", "2022"), ("partner_id", "=", self.marie.id)])
        self.assertEqual((year_2022.new_count, year_2022.renewed_count, year_2022.lapsed_count), (0, 0, 1))

    def test_import_of_the_membership_history(self):
        result = self.env["assoc.membership"].load(
            ["partner_id", "type_id", "date", "amount", "payment_method", "state"],
            [
                ["Jean Lefèvre", "Adhésion annuelle", "2023-04-02", "30", "cheque", "confirmed"],
                ["Jean Lefèvre", "Adhésion annuelle", "2024-03-15", "32", "transfer", "confirmed"],
            ],
        )
        self.assertFalse(result["messages"])
        imported = self.env["assoc.membership"].browse(result["ids"])
        self.assertEqual(imported.mapped("date_start"), [date(2023, 1, 1), date(2024, 1, 1)])
        self.assertFalse(imported.payment_id)
        self.assertEqual(self.jean.assoc_membership_count, 2)
        self.assertEqual(self.jean.assoc_membership_total, 62)
        self.assertEqual(self.jean.assoc_membership_state, "former")
        self.assertIn(self.tag_former, self.jean.category_id)
        self.assertTrue(self.jean.assoc_member_number)
