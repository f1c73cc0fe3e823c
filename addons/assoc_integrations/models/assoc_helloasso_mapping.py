from odoo import fields, models


class AssocHelloassoMapping(models.Model):
    """Which membership type (or gift campaign) a HelloAsso form or tier stands for."""

    _name = "assoc.helloasso.mapping"
    _description = "HelloAsso mapping"
    _order = "sequence, id"

    connector_id = fields.Many2one("assoc.connector", required=True, index=True, ondelete="cascade")
    sequence = fields.Integer(default=10)
    form_slug = fields.Char(string="Form", help="HelloAsso form slug; empty for every form.")
    tier_name = fields.Char(string="Tier", help="Name of the tier (rate) on the form; empty for every tier.")
    membership_type_id = fields.Many2one("assoc.membership.type", string="Membership type")
    campaign_id = fields.Many2one("utm.campaign", string="Gift campaign")

    def _matches(self, form_slug, tier_name):
        self.ensure_one()
        return (not self.form_slug or self.form_slug == form_slug) and (
            not self.tier_name or self.tier_name.strip().lower() == (tier_name or "").strip().lower()
        )
