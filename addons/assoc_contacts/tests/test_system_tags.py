from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import AssocContactsCase


@tagged("post_install", "-at_install")
class TestSystemTags(AssocContactsCase):
    def test_system_tags_are_flagged(self):
        for xmlid in ("tag_member", "tag_former_member", "tag_donor"):
            self.assertTrue(self.env.ref(f"assoc_contacts.{xmlid}").assoc_system, xmlid)

    def test_system_tag_cannot_be_deleted(self):
        with self.assertRaises(UserError):
            self.tag_member.unlink()

    def test_security_groups_in_association_category(self):
        category = self.env.ref("assoc_contacts.module_category_association")
        groups = self.env["res.groups"].search([("category_id", "=", category.id)])
        self.assertGreaterEqual(len(groups), 8)
        self.assertIn(self.env.ref("assoc_contacts.group_assoc_manager"), self.env.user.groups_id)
