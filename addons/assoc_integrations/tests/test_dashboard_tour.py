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
        run._finish()
        event = self.env["assoc.webhook.event"]._store(
            connector,
            b'{"eventType": "Order", "data": {"id": 1}}',
            {"Content-Type": "application/json"},
            "127.0.0.1",
            "application/json",
        )
        event._reject("Missing or wrong secret token in the webhook address.")
        self.assertEqual(connector.error_count, 1)
        self.start_tour(
            "/odoo/action-assoc_integrations.action_assoc_connector_dashboard",
            "assoc_connector_dashboard",
            login="admin",
        )
