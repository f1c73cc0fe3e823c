from odoo.tests import tagged
from .common import HelloAssoCase


@tagged("post_install", "-at_install")
class TestDebug(HelloAssoCase):
    def test_debug(self):
        self.fake.fail_next(2, 503)
        run = self.connector._run()
        print("RUN", run.state, run.message, run.created_count, run.failed_count)
        for e in run.error_ids:
            print("ERR", e.reference, e.message)
        for item in self.env["assoc.helloasso.item"].search([]):
            print("ITEM", item.helloasso_id, item.kind, item.state, item.error, item.donation_ids, item.payment_ids.mapped("state"))
