from odoo import fields, models


class AssocInteractionLabel(models.Model):
    """Free labels to qualify interactions (urgent, to follow up, positive...)."""

    _name = "assoc.interaction.label"
    _description = "Interaction label"
    _order = "name"

    name = fields.Char(required=True, translate=True)
    color = fields.Integer()
    active = fields.Boolean(default=True)

    _sql_constraints = [("name_unique", "unique(name)", "An interaction label must be unique.")]
