from datetime import date, timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged
from odoo.tools.safe_eval import safe_eval

from .common import AssocContactsCase


@tagged("post_install", "-at_install")
class TestTasksAndDashboard(AssocContactsCase):
    def test_my_tasks_on_contacts(self):
        call = self.env.ref("mail.mail_activity_data_call")
        activity = self.partner_marie.activity_schedule(
            activity_type_id=call.id, summary="Rappeler pour l'AG", date_deadline=date.today() + timedelta(days=2),
            user_id=self.env.user.id,
        )
        Partner = self.env["res.partner"]
        self.assertIn(self.partner_marie, Partner.search([("activity_user_id", "=", self.env.uid)]))
        self.assertNotIn(self.partner_jean, Partner.search([("activity_user_id", "=", self.env.uid)]))
        action = self.env["ir.actions.actions"]._for_xml_id("assoc_contacts.action_assoc_my_tasks")
        tasks = self.env["mail.activity"].search(safe_eval(action["domain"]) + [("user_id", "=", self.env.uid)])
        self.assertIn(activity, tasks)
        self.assertEqual(self.partner_marie.activity_type_id, call)

    def test_dashboard_figures(self):
        Partner = self.env["res.partner"]
        self.partner_marie.with_context(assoc_system_tags=True).category_id = [(4, self.tag_member.id)]
        self.env["assoc.interaction"].create([
            {"partner_id": self.partner_marie.id, "type_id": self.type_call.id, "name": "Appel"},
            {"partner_id": self.partner_jean.id, "type_id": self.type_call.id, "name": "Appel",
             "date": fields.Datetime.now().replace(day=1) - timedelta(days=3)},
        ])
        action = self.env["assoc.dashboard"].action_open_dashboard()
        dashboard = self.env["assoc.dashboard"].browse(action["res_id"])
        self.assertEqual(dashboard.contact_count, Partner.search_count([]))
        self.assertEqual(dashboard.member_count, Partner.search_count([("category_id", "in", self.tag_member.ids)]))
        month_start = fields.Datetime.now().replace(day=1, hour=0, minute=0, second=0, microsecond=0)
        self.assertEqual(dashboard.interaction_month_count,
                         self.env["assoc.interaction"].search_count([("date", ">=", month_start)]))
        self.assertGreaterEqual(dashboard.interaction_previous_month_count, 1)
        self.assertEqual(len(dashboard.month_line_ids), 12)
        self.assertEqual(dashboard.month_line_ids[-1].value, dashboard.interaction_month_count)
        members = Partner.search(dashboard.action_open_members()["domain"])
        self.assertIn(self.partner_marie, members)


@tagged("post_install", "-at_install")
class TestOverviewTour(HttpCase):
    def test_tour_overview(self):
        member = self.env["res.partner"].create({"firstname": "Aurélie", "lastname": "Member"})
        member.with_context(assoc_system_tags=True).category_id = [(4, self.env.ref("assoc_contacts.tag_member").id)]
        self.start_tour("/odoo/action-assoc_contacts.action_assoc_dashboard", "assoc_overview_tour",
                        login="admin", timeout=120)
