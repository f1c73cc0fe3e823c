from odoo import _, api, fields, models
from odoo.exceptions import AccessError


class ResPartner(models.Model):
    _inherit = "res.partner"

    assoc_visible_user_ids = fields.Many2many(
        "res.users", compute="_compute_assoc_visible_user_ids", string="Who sees this contact",
        groups="assoc_contacts.group_assoc_manager",
        help="Users of the database who can read this contact with their current profiles and territories.",
    )

    def _compute_assoc_visible_user_ids(self):
        users = self.env["res.users"].sudo().search([("share", "=", False)])
        for partner in self:
            partner.assoc_visible_user_ids = users.filtered(
                lambda user, partner=partner: partner.id and partner.with_user(user)._filtered_access("read")
            )

    @api.model
    def load(self, fields, data):
        """Importing contacts is for the national staff: local profiles create contacts one by one."""
        user = self.env.user
        if (not self.env.su and user.has_group("assoc_contacts.group_assoc_volunteer")
                and not user.has_group("assoc_contacts.group_assoc_bureau")):
            raise AccessError(_("Your profile cannot import contacts: create them one by one or ask the "
                                "national staff to import your file."))
        return super().load(fields, data)
