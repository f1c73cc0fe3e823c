from odoo import fields, models


class AssocEngagementType(models.Model):
    """A way a contact is engaged with the association (member, volunteer, donor, ...)."""

    _name = "assoc.engagement.type"
    _description = "Engagement type"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(help="Stable key used by the addons that set engagements automatically.")
    sequence = fields.Integer(default=10)
    color = fields.Integer()
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)

    _sql_constraints = [("code_unique", "unique(code)", "An engagement type code must be unique.")]
