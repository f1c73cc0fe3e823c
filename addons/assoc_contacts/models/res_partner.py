from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    assoc_interaction_ids = fields.One2many("assoc.interaction", "partner_id", string="Interactions")

    @api.model
    def _assoc_bulk_created(self, partner_ids):
        """Extension point called after partners were inserted in bulk with SQL (generator,
        fast imports): each addon overrides it to fill its stored fields set-based."""
        return partner_ids
