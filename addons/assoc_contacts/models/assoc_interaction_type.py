from odoo import fields, models


class AssocInteractionType(models.Model):
    _name = "assoc.interaction.type"
    _description = "Interaction type"
    _order = "category, sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(help="Stable key used by the addons that create interactions automatically.")
    category = fields.Selection(
        [
            ("exchange", "Exchange"),
            ("event", "Event"),
            ("email", "Email"),
            ("emailing", "Emailing"),
            ("money", "Payment"),
            ("membership", "Membership"),
            ("other", "Other"),
        ],
        required=True,
        default="other",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    automatic = fields.Boolean(help="Created by the system, not entered by hand.")

    _sql_constraints = [("code_unique", "unique(code)", "An interaction type code must be unique.")]
