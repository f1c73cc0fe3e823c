from odoo import _, api, fields, models
from odoo.exceptions import UserError


class AssocPartnerMassMixin(models.AbstractModel):
    """The contacts selected in the list a mass action applies to."""

    _name = "assoc.partner.mass.mixin"
    _description = "Mass action on contacts"

    partner_ids = fields.Many2many("res.partner", string="Contacts", default=lambda self: self._default_partner_ids())
    partner_count = fields.Integer(compute="_compute_partner_count", string="Selected contacts")

    @api.model
    def _default_partner_ids(self):
        if self.env.context.get("active_model") == "res.partner":
            return [fields.Command.set(self.env.context.get("active_ids") or [])]
        return False

    @api.depends("partner_ids")
    def _compute_partner_count(self):
        for wizard in self:
            wizard.partner_count = len(wizard.partner_ids)

    def _check_partners(self):
        if not self.partner_ids:
            raise UserError(_("Select at least one contact in the list first."))

    def _done(self, message):
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {"type": "success", "message": message, "next": {"type": "ir.actions.act_window_close"}},
        }
