from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common import AssocMembershipCase


@tagged("post_install", "-at_install")
class TestRenewalReminders(AssocMembershipCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.context_today(cls.env["res.partner"])
        cls.reminder_before = cls.env.ref("assoc_membership.reminder_30_days_before")
        cls.reminder_after = cls.env.ref("assoc_membership.reminder_15_days_after")
        cls.types["rolling"].duration_months = 1

    def membership_ending(self, partner, end):
        membership = self.record(partner, "rolling", end - timedelta(days=20))
        membership.date_end = end
        return membership

    def run_cron(self):
        self.env.ref("assoc_membership.ir_cron_membership_reminders").method_direct_trigger()

    def reminded(self, membership, reminder):
        return reminder in membership.reminder_ids

    def test_reminders_before_and_after_the_end(self):
        ending_soon = self.membership_ending(self.marie, self.today + timedelta(days=30))
        ended = self.membership_ending(self.jean, self.today - timedelta(days=15))
        later = self.membership_ending(self.sophie, self.today + timedelta(days=45))
        self.run_cron()
        self.assertTrue(self.reminded(ending_soon, self.reminder_before))
        self.assertTrue(self.reminded(ended, self.reminder_after))
        self.assertFalse(later.reminder_ids)
        message = ending_soon.message_ids.filtered(lambda m: m.message_type == "comment")
        self.assertEqual(len(message), 1)
        self.assertIn(self.marie, message.partner_ids)
        self.assertTrue(self.marie.assoc_interaction_ids.filtered(lambda i: i.type_id.code == "membership_reminder"))
        # Not twice.
        self.run_cron()
        self.assertEqual(len(ending_soon.message_ids.filtered(lambda m: m.message_type == "comment")), 1)

    def test_no_reminder_to_renewed_members(self):
        ending_soon = self.membership_ending(self.marie, self.today + timedelta(days=28))
        self.record(self.marie, "calendar", self.today.replace(year=self.today.year + 1))
        self.assertTrue(ending_soon.is_renewed)
        self.run_cron()
        self.assertFalse(ending_soon.reminder_ids)

    def test_no_reminder_to_blacklisted_or_withdrawn_contacts(self):
        blacklisted = self.membership_ending(self.marie, self.today + timedelta(days=30))
        self.env["mail.blacklist"]._add(self.marie.email)
        withdrawn = self.membership_ending(self.jean, self.today + timedelta(days=30))
        # Without the blacklist synchronisation: the withdrawn consent alone must stop the reminder.
        self.env["assoc.consent"].with_context(assoc_from_blacklist=True).create(
            {"partner_id": self.jean.id, "channel": "email", "state": "withdrawn", "source": "manual"}
        )
        self.assertFalse(self.env["mail.blacklist"].search([("email", "=", self.jean.email)]))
        without_email = self.membership_ending(self.lucas, self.today + timedelta(days=30))
        self.lucas.email = False
        reachable = self.membership_ending(self.sophie, self.today + timedelta(days=30))
        self.run_cron()
        self.assertFalse(blacklisted.reminder_ids)
        self.assertFalse(withdrawn.reminder_ids)
        self.assertFalse(without_email.reminder_ids)
        self.assertTrue(reachable.reminder_ids)

    def test_members_to_renew_list(self):
        ending_soon = self.membership_ending(self.marie, self.today + timedelta(days=10))
        renewed = self.membership_ending(self.jean, self.today + timedelta(days=10))
        self.record(self.jean, "calendar", self.today.replace(year=self.today.year + 1))
        action = self.env.ref("assoc_membership.action_assoc_membership_to_renew")
        self.assertEqual(action.context, "{'search_default_to_renew': 1}")
        filter_domain = [
            ("state", "=", "confirmed"),
            ("is_renewed", "=", False),
            ("date_end", "<=", self.today + timedelta(days=60)),
            ("date_end", ">=", self.today - timedelta(days=90)),
        ]
        found = self.env["assoc.membership"].search(filter_domain)
        self.assertIn(ending_soon, found)
        self.assertNotIn(renewed, found)
