from datetime import date, datetime

from odoo.tests import Form, tagged

from .common import AssocContactsCase


@tagged("post_install", "-at_install")
class TestInteractionStats(AssocContactsCase):
    def _interaction(self, partner, when, type_=None, **extra):
        return self.env["assoc.interaction"].create(dict({
            "partner_id": partner.id, "type_id": (type_ or self.type_call).id, "name": "Échange", "date": when,
        }, **extra))

    def test_stats_follow_creation_move_and_deletion(self):
        first = self._interaction(self.partner_marie, datetime(2024, 1, 15, 9, 0))
        last = self._interaction(self.partner_marie, datetime(2026, 5, 20, 18, 0))
        self.assertEqual(self.partner_marie.assoc_interaction_count, 2)
        self.assertEqual(self.partner_marie.assoc_first_interaction_date, datetime(2024, 1, 15, 9, 0))
        self.assertEqual(self.partner_marie.assoc_last_interaction_date, datetime(2026, 5, 20, 18, 0))
        last.partner_id = self.partner_jean
        self.assertEqual(self.partner_marie.assoc_interaction_count, 1)
        self.assertEqual(self.partner_marie.assoc_last_interaction_date, datetime(2024, 1, 15, 9, 0))
        self.assertEqual(self.partner_jean.assoc_interaction_count, 1)
        first.unlink()
        self.assertEqual(self.partner_marie.assoc_interaction_count, 0)
        self.assertFalse(self.partner_marie.assoc_first_interaction_date)
        self.env["assoc.interaction"].log_events([
            {"partner_id": self.partner_jean.id, "type_code": "payment", "name": "Versement"},
        ])
        self.assertEqual(self.partner_jean.assoc_interaction_count, 2)

    def test_interaction_entered_on_contact_with_labels(self):
        follow_up = self.env.ref("assoc_contacts.interaction_label_follow_up")
        with Form(self.partner_marie) as form:
            with form.assoc_interaction_ids.new() as line:
                line.type_id = self.type_call
                line.name = "Appel pour la collecte de printemps"
                line.label_ids.add(follow_up)
        interaction = self.partner_marie.assoc_interaction_ids
        self.assertEqual(interaction.label_ids, follow_up)
        self.assertEqual(interaction.user_id, self.env.user)
        self.assertEqual(self.partner_marie.assoc_interaction_count, 1)

    def test_contacts_with_an_interaction_of_type_since_date(self):
        meeting = self.env.ref("assoc_contacts.interaction_type_meeting")
        self._interaction(self.partner_marie, datetime(2026, 2, 10, 10, 0), meeting)
        self._interaction(self.partner_jean, datetime(2025, 2, 10, 10, 0), meeting)
        self._interaction(self.partner_jean, datetime(2026, 2, 11, 10, 0))
        wizard = self.env["assoc.interaction.search"].create({
            "type_ids": [(6, 0, meeting.ids)], "date_from": date(2026, 1, 1),
        })
        self.assertEqual(self.env["res.partner"].search(wizard.action_search()["domain"]), self.partner_marie)
        wizard.without = True
        without = self.env["res.partner"].search(wizard.action_search()["domain"])
        self.assertIn(self.partner_jean, without)
        self.assertNotIn(self.partner_marie, without)
        by_type_name = self.env["res.partner"].search([("assoc_interaction_ids.type_id", "ilike", meeting.name)])
        both = self.partner_marie | self.partner_jean
        self.assertEqual(by_type_name & both, both)

    def test_bulk_refresh_matches_orm(self):
        self._interaction(self.partner_marie, datetime(2025, 6, 1, 8, 0))
        self.env.cr.execute(
            "INSERT INTO assoc_interaction (partner_id, date, type_id, name) VALUES (%s, %s, %s, 'SQL')",
            [self.partner_marie.id, datetime(2026, 7, 1, 8, 0), self.type_call.id],
        )
        self.env["res.partner"]._assoc_refresh_interaction_stats()
        self.assertEqual(self.partner_marie.assoc_interaction_count, 2)
        self.assertEqual(self.partner_marie.assoc_last_interaction_date, datetime(2026, 7, 1, 8, 0))
