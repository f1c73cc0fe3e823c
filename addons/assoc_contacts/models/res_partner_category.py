from odoo import _, api, fields, models
from odoo.exceptions import UserError


class ResPartnerCategory(models.Model):
    _inherit = "res.partner.category"

    assoc_system = fields.Boolean(
        string="Automatic",
        help="Set and removed by the system only (for example from the member status); "
        "people cannot add or remove it by hand.",
    )

    def write(self, vals):
        if "partner_ids" in vals and not self.env.context.get("assoc_system_tags") and any(
            tag.assoc_system for tag in self
        ):
            raise UserError(self.env["res.partner"]._assoc_system_tag_message(self.filtered("assoc_system")))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_system(self):
        if any(tag.assoc_system for tag in self):
            raise UserError(_("Automatic tags cannot be deleted."))
