from odoo import api, fields, models

RULE_FIELDS = {"territory_id", "animator_user_ids"}


class AssocGroup(models.Model):
    """Who animates a group and which area a local group covers: read by the record rules."""

    _inherit = "assoc.group"

    territory_id = fields.Many2one(
        "assoc.territory", string="Area", index=True, ondelete="restrict",
        help="For a local group: the territory (for example a zone of postal codes) whose contacts "
        "its animators see.",
    )
    animator_user_ids = fields.Many2many(
        "res.users", "assoc_group_animator_rel", "group_id", "user_id", string="Animators",
        domain="[('share', '=', False)]",
    )

    @api.model_create_multi
    def create(self, vals_list):
        groups = super().create(vals_list)
        if any(RULE_FIELDS & set(vals) for vals in vals_list):
            self.env.registry.clear_cache()
        return groups

    def write(self, vals):
        result = super().write(vals)
        if RULE_FIELDS & set(vals):
            self.env.registry.clear_cache()  # the record rules evaluate the animators' groups
        return result
