from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class AssocHousehold(models.Model):
    """People living at one address (foyer), one of them the primary member."""

    _name = "assoc.household"
    _description = "Household"
    _order = "name, id"

    name = fields.Char(required=True)
    partner_ids = fields.One2many("res.partner", "household_id", string="Members")
    primary_partner_id = fields.Many2one(
        "res.partner", string="Primary member", index=True, ondelete="set null",
        domain="[('household_id', '=', id)]",
    )
    member_count = fields.Integer(compute="_compute_member_count")
    street = fields.Char(related="primary_partner_id.street")
    zip = fields.Char(related="primary_partner_id.zip")
    city = fields.Char(related="primary_partner_id.city")
    active = fields.Boolean(default=True)

    @api.depends("partner_ids")
    def _compute_member_count(self):
        counts = dict(
            self.env["res.partner"]._read_group([("household_id", "in", self.ids)], ["household_id"], ["__count"])
        )
        for household in self:
            household.member_count = counts.get(household, 0)

    @api.constrains("primary_partner_id", "partner_ids")
    def _check_primary_is_member(self):
        for household in self:
            if household.primary_partner_id and household.primary_partner_id.household_id != household:
                raise ValidationError(
                    _("%(partner)s must be a member of the household %(household)s to be its primary member.",
                      partner=household.primary_partner_id.display_name, household=household.name)
                )

    @api.model
    def create_for_partners(self, partners, primary=None):
        """Group contacts into a new household named after the primary member's last name."""
        primary = primary or partners[:1]
        household = self.create({"name": _("%(name)s household", name=primary.lastname or primary.name)})
        partners.write({"household_id": household.id})
        household.primary_partner_id = primary
        return household
