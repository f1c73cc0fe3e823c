from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestInstall(TransactionCase):
    def test_menu_under_association(self):
        menu = self.env.ref("assoc_cheques.menu_assoc_cheques_root")
        self.assertEqual(menu.parent_id, self.env.ref("assoc_contacts.menu_assoc_root"))
