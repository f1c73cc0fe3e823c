from odoo import api, fields, models

# Profiles that write to many people at once as part of their job; the others (delegates,
# animators, collectors, volunteers) are held to the mass email limit.
UNLIMITED_MAIL_GROUPS = (
    "assoc_contacts.group_assoc_bureau",
    "assoc_contacts.group_assoc_finance",
    "assoc_contacts.group_assoc_donor_relations",
)
RULE_FIELDS = {"assoc_territory_ids", "assoc_animated_group_ids"}


class ResUsers(models.Model):
    _inherit = "res.users"

    assoc_territory_ids = fields.Many2many(
        "assoc.territory", "assoc_territory_user_rel", "user_id", "territory_id", string="Assigned territories",
        help="Territory delegates see the contacts of these territories; regional collectors the donors.",
    )
    assoc_animated_group_ids = fields.Many2many(
        "assoc.group", "assoc_group_animator_rel", "user_id", "group_id", string="Animated groups",
        help="Group animators see the members of these groups (and, for local groups, the contacts of "
        "the group's area).",
    )

    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        if any(RULE_FIELDS & set(vals) for vals in vals_list):
            self.env.registry.clear_cache()
        return users

    def write(self, vals):
        result = super().write(vals)
        if RULE_FIELDS & set(vals):
            self.env.registry.clear_cache()  # the record rules evaluate these fields
        return result

    def _assoc_mass_mail_limit(self):
        """Maximum number of recipients of one email for this user, 0 when unlimited."""
        self.ensure_one()
        if not self.has_group("assoc_contacts.group_assoc_volunteer") or any(
            self.has_group(group) for group in UNLIMITED_MAIL_GROUPS
        ):
            return 0
        limit = self.env["ir.config_parameter"].sudo().get_param("assoc_contacts.mass_mail_limit", "50")
        return max(int(limit or 0), 0)
