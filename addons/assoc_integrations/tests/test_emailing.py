from odoo.tests import tagged

from .common import EmailingCase


@tagged("post_install", "-at_install")
class TestEmailingPush(EmailingCase):
    def test_brevo_push_sends_consenting_contacts_with_their_attributes(self):
        link = self.link(self.brevo_connector, "2")
        run = self.brevo_connector._run()
        self.assertEqual(run.state, "done", run.message)
        # granted and reachable: Camille, Louis, Chloé; not Hugo (withdrawn), Léa (no consent),
        # Nathan (blacklisted), Zoé (hard bounce) nor Arthur (outside the segment)
        self.assertEqual(
            self.brevo.list_members(2), ["camille.roux@example.fr", "chloe.durand@example.fr", "louis.petit@example.fr"]
        )
        self.assertEqual(
            self.brevo.contacts["chloe.durand@example.fr"]["attributes"],
            {"FNAME": "Chloé", "LNAME": "Durand", "ZIP": "69001"},
        )
        self.assertEqual((run.created_count, run.updated_count, run.skipped_count), (3, 0, 0))
        self.assertEqual(link.contact_count, 3)

    def test_second_push_skips_unchanged_and_sends_changes(self):
        self.link(self.brevo_connector, "2")
        self.brevo_connector._run()
        imports = self.brevo.import_calls
        run = self.brevo_connector._run()
        self.assertEqual((run.created_count, run.updated_count, run.skipped_count), (0, 0, 3))
        self.assertEqual(self.brevo.import_calls, imports, "nothing unchanged is sent again")
        self.people[1].zip = "69009"
        run = self.brevo_connector._run()
        self.assertEqual((run.created_count, run.updated_count, run.skipped_count), (0, 1, 2))
        self.assertEqual(self.brevo.contacts["louis.petit@example.fr"]["attributes"]["ZIP"], "69009")

    def test_send_every_contact_again_refills_a_list_emptied_in_the_tool(self):
        self.link(self.brevo_connector, "2")
        self.brevo_connector._run()
        self.brevo.empty_list(2)
        run = self.brevo_connector._run()
        self.assertEqual(self.brevo.list_members(2), [], "a usual run sends only what changed here")
        self.assertEqual((run.created_count, run.updated_count, run.skipped_count), (0, 0, 3))
        self.brevo_connector.action_full_import()
        run = self.brevo_connector._run()
        self.assertEqual(run.kind, "full")
        self.assertEqual(
            self.brevo.list_members(2), ["camille.roux@example.fr", "chloe.durand@example.fr", "louis.petit@example.fr"]
        )
        self.assertEqual((run.created_count, run.updated_count, run.skipped_count), (0, 3, 0))
        self.assertFalse(self.brevo_connector.full_import_requested, "the next run is a usual one")

    def withdraw_consent(self, partner):
        self.env["assoc.consent"].create(
            {
                "partner_id": partner.id,
                "purpose_id": self.purpose.id,
                "channel": "newsletter",
                "state": "withdrawn",
                "source": "manual",
                "proof_text": "Demande par téléphone",
            }
        )

    def test_those_who_leave_are_removed(self):
        link = self.link(self.brevo_connector, "2")
        self.brevo_connector._run()
        self.withdraw_consent(self.people[0])
        self.people[2].zip = "75012"  # moved away from the segment
        run = self.brevo_connector._run()
        self.assertEqual(self.brevo.list_members(2), ["louis.petit@example.fr"])
        self.assertEqual(run.removed_count, 2)
        self.assertEqual(link.contact_count, 1)

    def test_mailchimp_member_deleted_there_leaves_without_error(self):
        link = self.link(self.mailchimp_connector, "a1b2c3d4e5")
        self.mailchimp_connector._run()
        self.mailchimp.delete_permanently("a1b2c3d4e5", self.people[0].email)
        self.withdraw_consent(self.people[0])
        self.people[2].zip = "75012"  # moved away from the segment
        run = self.mailchimp_connector._run()
        self.assertFalse(run.error_ids.mapped("message"))
        self.assertEqual((run.state, run.failed_count, run.removed_count), ("done", 0, 2))
        self.assertEqual(self.mailchimp.list_members("a1b2c3d4e5"), ["louis.petit@example.fr"])
        self.assertEqual(self.mailchimp.list_members("a1b2c3d4e5", status="archived"), [self.people[2].email])
        self.assertEqual(link.contact_count, 1)

    def test_group_to_mailjet_with_properties(self):
        self.link(self.mailjet_connector, "10", source="group", group_id=self.group.id, segment_id=False)
        run = self.mailjet_connector._run()
        self.assertEqual(run.state, "done", run.message)
        self.assertEqual(self.mailjet.list_members(10), ["arthur.michel@example.fr", "camille.roux@example.fr"])
        self.assertEqual(set(self.mailjet.properties), {"FNAME", "LNAME", "ZIP"})
        self.assertEqual(self.mailjet.members[10]["arthur.michel@example.fr"]["ZIP"], "75011")

    def test_mailchimp_push_reports_the_member_it_refused(self):
        self.people[1].email = "louis.petit@example"  # Mailchimp refuses it
        self.link(self.mailchimp_connector, "a1b2c3d4e5")
        run = self.mailchimp_connector._run()
        self.assertEqual(run.state, "done")
        self.assertEqual(
            self.mailchimp.list_members("a1b2c3d4e5"), ["camille.roux@example.fr", "chloe.durand@example.fr"]
        )
        self.assertEqual(run.failed_count, 1)
        self.assertEqual(run.error_ids.reference, "louis.petit@example")
        self.assertIn("invalid", run.error_ids.message)
        run = self.mailchimp_connector._run()
        self.assertEqual(run.failed_count, 1, "a refused member is tried again, and reported again")

    def test_provider_down_fails_the_run_and_the_next_one_sends_everything(self):
        link = self.link(self.brevo_connector, "2")
        self.brevo.down = True
        run = self.brevo_connector._run()
        self.assertEqual(run.state, "failed")
        self.assertIn("Brevo could not be reached", run.message)
        self.assertEqual(link.contact_count, 0, "nothing is marked as sent")
        self.brevo.down = False
        self.assertEqual(self.brevo_connector._run().created_count, 3)
        self.assertEqual(len(self.brevo.list_members(2)), 3)

    def test_rate_limit_is_waited_for(self):
        self.link(self.brevo_connector, "2")
        self.brevo.rate_limit(2, reset=0)
        self.assertEqual(self.brevo_connector._run().state, "done")
        self.assertEqual(len(self.brevo.list_members(2)), 3)

    def test_bad_key_says_so(self):
        self.link(self.brevo_connector, "2")
        self.brevo_connector.api_key = "xkeysib-faux"
        run = self.brevo_connector._run()
        self.assertEqual(run.state, "failed")
        self.assertIn("refused the credentials", run.message)
        self.assertIn("Key not found", run.message)

    def test_schedule_twice_a_day_and_run_now_triggers_the_cron(self):
        cron = self.brevo_connector.cron_id.sudo()
        self.assertEqual((cron.interval_number, cron.interval_type, cron.active), (12, "hours", True))
        self.assertEqual(self.brevo_connector.next_run_date, cron.nextcall)
        self.brevo_connector.action_run_now()
        self.assertTrue(self.env["ir.cron.trigger"].sudo().search([("cron_id", "=", cron.id)]))
        self.brevo_connector.active = False
        self.assertFalse(cron.active)


@tagged("post_install", "-at_install")
class TestEmailingPolling(EmailingCase):
    def test_mailchimp_unsubscribes_bounces_and_activity_are_polled(self):
        self.link(self.mailchimp_connector, "a1b2c3d4e5")
        self.mailchimp_connector._run()
        camille, louis, chloe = self.people[0], self.people[1], self.people[2]
        self.mailchimp.set_status("a1b2c3d4e5", camille.email, "unsubscribed")
        self.mailchimp.set_status("a1b2c3d4e5", louis.email, "cleaned")
        self.mailchimp.add_campaign(
            "a1b2c3d4e5",
            "c42",
            "Lettre de mars",
            {chloe.email: [{"action": "open"}, {"action": "open"}, {"action": "click", "url": "https://exemple.fr"}]},
        )
        self.mailchimp_connector._run()
        self.assertIn("camille.roux@example.fr", self.env["mail.blacklist"].search([]).mapped("email"))
        last = self.env["assoc.consent"].search([("partner_id", "=", camille.id)], limit=1)
        self.assertEqual((last.state, last.source), ("withdrawn", "integration"))
        self.assertTrue(louis.assoc_email_invalid)
        activity = self.env["assoc.emailing.activity"].search([("partner_id", "=", chloe.id)])
        self.assertEqual((activity.campaign_name, activity.open_count, activity.click_count), ("Lettre de mars", 2, 1))
        self.assertIn("(2 times)", activity.open_interaction_id.name)
        self.assertEqual(activity.click_interaction_id.type_id.code, "emailing_click")
        # polling again reads the same totals: nothing is counted twice
        self.mailchimp_connector._run()
        self.assertEqual((activity.open_count, activity.click_count), (2, 1))
        self.assertEqual(len(chloe.assoc_interaction_ids.filtered(lambda i: i.type_id.code == "emailing_open")), 1)
        # and the next push removes those who left
        self.assertEqual(self.mailchimp.list_members("a1b2c3d4e5"), ["chloe.durand@example.fr"])

    def test_brevo_unsubscribes_are_polled(self):
        self.link(self.brevo_connector, "2")
        self.brevo_connector._run()
        self.brevo.unsubscribe("louis.petit@example.fr")
        self.brevo_connector._run()
        self.assertTrue(self.env["mail.blacklist"].search([("email", "=", "louis.petit@example.fr")]))
        self.assertEqual(
            self.env["assoc.consent"].search([("partner_id", "=", self.people[1].id)], limit=1).state, "withdrawn"
        )
