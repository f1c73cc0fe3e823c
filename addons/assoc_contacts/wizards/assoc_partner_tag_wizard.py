from odoo import _, fields, models


class AssocPartnerTagWizard(models.TransientModel):
    _name = "assoc.partner.tag.wizard"
    _inherit = "assoc.partner.mass.mixin"
    _description = "Add or remove tags on contacts"

    operation = fields.Selection([("add", "Add"), ("remove", "Remove")], required=True, default="add")
    tag_ids = fields.Many2many(
        "res.partner.category", string="Tags", required=True, domain=[("assoc_system", "=", False)],
        help="Automatic tags (member, donor...) are set by the system and are not offered here.",
    )

    def action_apply(self):
        self.ensure_one()
        self._check_partners()
        command = fields.Command.link if self.operation == "add" else fields.Command.unlink
        self.partner_ids.write({"category_id": [command(tag.id) for tag in self.tag_ids]})
        message = _("Tags %(tags)s added to %(count)s contacts.") if self.operation == "add" else _(
            "Tags %(tags)s removed from %(count)s contacts."
        )
        return self._done(message % {"tags": ", ".join(self.tag_ids.mapped("name")), "count": self.partner_count})
