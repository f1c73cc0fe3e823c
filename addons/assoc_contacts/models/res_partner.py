from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    assoc_interaction_ids = fields.One2many("assoc.interaction", "partner_id", string="Interactions")
