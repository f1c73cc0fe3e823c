from odoo import fields, models


class AssocInteractionType(models.Model):
    _inherit = "assoc.interaction.type"

    portal_visible = fields.Boolean(
        string="Visible in the member space",
        help="Interactions of this type are listed in “My history” of the member they concern.",
    )
