from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestConnectorDashboardTour(HttpCase):
    def test_dashboard_shows_runs_and_errors(self):
        connector = self.env["assoc.connector"].create(
            {
                "name": "HelloAsso test",
                "provider": "helloasso",
                "organization_slug": "amis-du-patrimoine",
                "client_id": "id",
                "client_secret": "secret",
            }
        )
        run = self.env["assoc.sync.run"].create({"connector_id": connector.id})
        run._count(created=12, skipped=3)
        run._add_error("Commande 106 : type d'article « GiftCard » inconnu", reference="106")
        run._finish()
        form = self.env["assoc.connector"].create({"name": "Site form", "provider": "form", "api_key": "key"})
        self.assertFalse(form.last_event_date)
        submission = self.env["assoc.webhook.event"]._store(
            form, b'{"email": "lea@example.fr"}', {"Content-Type": "application/json"}, "127.0.0.1", "application/json"
        )
        event = self.env["assoc.webhook.event"]._store(
            connector,
            b'{"eventType": "Order", "data": {"id": 1}}',
            {"Content-Type": "application/json"},
            "127.0.0.1",
            "application/json",
        )
        event._reject("Missing or wrong secret token in the webhook address.")
        self.assertEqual((connector.attention_run_count, connector.attention_event_count), (1, 1))
        self.assertEqual(connector.error_count, 2)
        form.invalidate_recordset()
        self.assertEqual(form.last_event_date, submission.received_at)
        self.start_tour(
            "/odoo/action-assoc_integrations.action_assoc_connector_dashboard",
            "assoc_connector_dashboard",
            login="admin",
        )
