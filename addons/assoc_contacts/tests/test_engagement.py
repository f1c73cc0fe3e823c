from datetime import date, timedelta

from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import AssocContactsCase


@tagged("post_install", "-at_install")
class TestEngagement(AssocContactsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.volunteer = cls.env.ref("assoc_contacts.engagement_type_volunteer")
        cls.potential_donor = cls.env.ref("assoc_contacts.engagement_type_potential_donor")

    def test_engagement_entered_on_contact_form(self):
        with Form(self.partner_marie) as form:
            with form.assoc_engagement_ids.new() as line:
                line.type_id = self.volunteer
                line.source = "Forum des associations 2026"
                line.date_start = date.today() - timedelta(days=30)
        engagement = self.partner_marie.assoc_engagement_ids
        self.assertEqual(engagement.source, "Forum des associations 2026")
        self.assertTrue(engagement.is_current)
        self.assertEqual(self.partner_marie.assoc_engagement_type_ids, self.volunteer)

    def test_past_and_future_engagements_are_not_current(self):
        today = date.today()
        Engagement = self.env["assoc.engagement"]
        past = Engagement.create({"partner_id": self.partner_jean.id, "type_id": self.volunteer.id,
                                  "date_start": today - timedelta(days=400), "date_end": today - timedelta(days=1)})
        current = Engagement.create({"partner_id": self.partner_jean.id, "type_id": self.potential_donor.id,
                                     "date_start": today})
        self.assertFalse(past.is_current)
        self.assertEqual(self.partner_jean.assoc_engagement_type_ids, self.potential_donor)
        self.assertEqual(Engagement.search([("partner_id", "=", self.partner_jean.id), ("is_current", "=", True)]),
                         current)
        self.assertEqual(Engagement.search([("partner_id", "=", self.partner_jean.id), ("is_current", "=", False)]),
                         past)
        self.assertIn(self.partner_jean,
                      self.env["res.partner"].search([("assoc_engagement_type_ids", "in", self.potential_donor.ids)]))

    def test_engagement_dates_checked(self):
        with self.assertRaises(ValidationError):
            self.env["assoc.engagement"].create({
                "partner_id": self.partner_jean.id, "type_id": self.volunteer.id,
                "date_start": date(2026, 5, 1), "date_end": date(2026, 4, 1),
            })

    def test_types_are_configurable(self):
        relay = self.env["assoc.engagement.type"].create({"name": "Relais de quartier", "code": "relay_district"})
        self.env["assoc.engagement"].create({"partner_id": self.partner_marie.id, "type_id": relay.id})
        self.assertEqual(self.partner_marie.assoc_engagement_type_ids, relay)
        codes = set(self.env["assoc.engagement.type"].search([]).mapped("code"))
        self.assertTrue({"member", "volunteer", "potential_donor", "donor", "elected", "relay"} <= codes)
