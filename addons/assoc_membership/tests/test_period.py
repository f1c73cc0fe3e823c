from datetime import date

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import AssocMembershipCase


@tagged("post_install", "-at_install")
class TestValidityPeriods(AssocMembershipCase):
    def test_calendar_year_boundaries(self):
        membership = self.record(self.marie, "calendar", date(2024, 6, 15))
        self.assertEqual((membership.date_start, membership.date_end), (date(2024, 1, 1), date(2024, 12, 31)))
        self.assertEqual(self.state_at(self.marie, date(2023, 12, 31)), "never")
        self.assertEqual(self.state_at(self.marie, date(2024, 1, 1)), "member")
        self.assertEqual(self.state_at(self.marie, date(2024, 2, 29)), "member")
        self.assertEqual(self.state_at(self.marie, date(2024, 12, 31)), "member")
        self.assertEqual(self.state_at(self.marie, date(2025, 1, 1)), "former")

    def test_grace_period_ends_on_29_february(self):
        membership = self.record(self.marie, "grace", date(2023, 3, 10))
        self.assertEqual(membership.date_end, date(2023, 12, 31))
        self.assertEqual(membership.date_grace_end, date(2024, 2, 29))
        self.assertEqual(self.state_at(self.marie, date(2024, 2, 29)), "member")
        self.assertEqual(self.state_at(self.marie, date(2024, 3, 1)), "former")

    def test_rolling_months_from_29_february(self):
        membership = self.record(self.jean, "rolling", date(2024, 2, 29))
        self.assertEqual((membership.date_start, membership.date_end), (date(2024, 2, 29), date(2025, 2, 28)))
        self.assertEqual(self.state_at(self.jean, date(2024, 2, 28)), "never")
        self.assertEqual(self.state_at(self.jean, date(2025, 2, 28)), "member")
        self.assertEqual(self.state_at(self.jean, date(2025, 3, 1)), "former")

    def test_rolling_months_ordinary_and_month_ends(self):
        rolling = self.types["rolling"]
        self.assertEqual(rolling._compute_period(date(2025, 3, 15)), (date(2025, 3, 15), date(2026, 3, 14)))
        rolling.duration_months = 1
        self.assertEqual(rolling._compute_period(date(2024, 1, 31)), (date(2024, 1, 31), date(2024, 2, 29)))
        self.assertEqual(rolling._compute_period(date(2023, 1, 31)), (date(2023, 1, 31), date(2023, 2, 28)))

    def test_rolling_renewal_paid_early_starts_after_the_current_one(self):
        self.record(self.jean, "rolling", date(2024, 5, 10))
        renewal = self.record(self.jean, "rolling", date(2025, 4, 20))
        self.assertEqual((renewal.date_start, renewal.date_end), (date(2025, 5, 10), date(2026, 5, 9)))

    def test_renewals_recorded_together_each_start_after_the_current_one(self):
        self.record(self.jean, "rolling", date(2024, 5, 10))
        self.record(self.marie, "rolling", date(2024, 7, 1))
        renewals = self.env["assoc.membership"].create(
            [
                {"partner_id": person.id, "type_id": self.types["rolling"].id, "date": date(2025, 4, 20)}
                for person in (self.jean, self.marie, self.sophie)
            ]
        )
        self.assertEqual(
            [(renewal.date_start, renewal.date_end) for renewal in renewals],
            [
                (date(2025, 5, 10), date(2026, 5, 9)),
                (date(2025, 7, 1), date(2026, 6, 30)),
                (date(2025, 4, 20), date(2026, 4, 19)),
            ],
        )

    def test_season_and_cutoff(self):
        before_cutoff = self.record(self.marie, "season", date(2025, 5, 31))
        self.assertEqual((before_cutoff.date_start, before_cutoff.date_end), (date(2024, 9, 1), date(2025, 8, 31)))
        # An existing member renewing after the cut-off gets the next season.
        renewal = self.record(self.marie, "season", date(2025, 6, 1))
        self.assertEqual((renewal.date_start, renewal.date_end), (date(2025, 9, 1), date(2026, 8, 31)))
        # A newcomer after the cut-off is covered at once, until the end of the next season.
        newcomer = self.record(self.jean, "season", date(2025, 6, 1))
        self.assertEqual((newcomer.date_start, newcomer.date_end), (date(2025, 6, 1), date(2026, 8, 31)))
        self.assertEqual(self.state_at(self.jean, date(2025, 5, 31)), "never")
        self.assertEqual(self.state_at(self.jean, date(2026, 8, 31)), "member")
        self.assertEqual(self.state_at(self.jean, date(2026, 9, 1)), "former")

    def test_season_containing_29_february(self):
        season = self.types["season"]
        self.assertEqual(season._compute_period(date(2024, 2, 29)), (date(2023, 9, 1), date(2024, 8, 31)))
        season.write({"season_start_month": "3", "season_start_day": 1, "cutoff_month": False, "cutoff_day": 0})
        self.assertEqual(season._compute_period(date(2024, 2, 29)), (date(2023, 3, 1), date(2024, 2, 29)))
        self.assertEqual(season._compute_period(date(2024, 3, 1)), (date(2024, 3, 1), date(2025, 2, 28)))

    def test_season_without_start_date_is_refused(self):
        with self.assert_refused(ValidationError, "needs a start date"):
            self.env["assoc.membership.type"].create({"name": "Saison", "validity_mode": "season"})
        self.assertFalse(self.env["assoc.membership.type"].search([("name", "=", "Saison")]))
        with self.assert_refused(ValidationError, "does not exist every year"):
            self.env["assoc.membership.type"].create(
                {
                    "name": "Saison bissextile",
                    "validity_mode": "season",
                    "season_start_month": "2",
                    "season_start_day": 29,
                }
            )

    def test_overlapping_membership_of_same_type_is_refused(self):
        self.record(self.marie, "calendar", date(2025, 2, 1))
        count = self.env["assoc.membership"].search_count([("partner_id", "=", self.marie.id)])
        with self.assert_refused(ValidationError, "overlaps"):
            self.record(self.marie, "calendar", date(2025, 9, 1))
        self.assertEqual(self.env["assoc.membership"].search_count([("partner_id", "=", self.marie.id)]), count)
        # Another type, or the same type the next year, is fine.
        self.record(self.marie, "rolling", date(2025, 9, 1))
        self.record(self.marie, "calendar", date(2026, 1, 5))
