from odoo import _, api, fields, models
from odoo.osv import expression

NEGATIVE_OPERATORS = ("not in", "!=", "not ilike", "not like")


class ResPartner(models.Model):
    """Engagements, affiliations, groups and segments seen from the contact."""

    _inherit = "res.partner"

    assoc_engagement_ids = fields.One2many("assoc.engagement", "partner_id", string="Engagements")
    assoc_engagement_type_ids = fields.Many2many(
        "assoc.engagement.type", "res_partner_assoc_engagement_type_rel", "partner_id", "type_id",
        string="Current engagements", compute="_compute_assoc_engagement_type_ids", store=True,
    )
    assoc_affiliation_ids = fields.One2many("assoc.affiliation", "partner_id", string="Affiliations")
    assoc_organisation_member_ids = fields.One2many(
        "assoc.affiliation", "organisation_id", string="Affiliated people"
    )
    assoc_group_member_ids = fields.One2many("assoc.group.member", "partner_id", string="Group memberships")
    assoc_group_ids = fields.Many2many(
        "assoc.group", string="Association groups", compute="_compute_assoc_group_ids",
        search="_search_assoc_group_ids",
    )
    assoc_segment_ids = fields.Many2many(
        "assoc.segment", string="Segments", compute="_compute_assoc_segment_ids",
        search="_search_assoc_segment_ids",
    )

    @api.depends("assoc_engagement_ids.type_id", "assoc_engagement_ids.date_start", "assoc_engagement_ids.date_end")
    def _compute_assoc_engagement_type_ids(self):
        # one assignment per set of types: new contacts (none yet) all at once
        current_types = self.grouped(lambda partner: partner.assoc_engagement_ids.filtered("is_current").type_id)
        for types, partners in current_types.items():
            partners.assoc_engagement_type_ids = types

    @api.depends("assoc_group_member_ids.is_current")
    def _compute_assoc_group_ids(self):
        for partner in self:
            partner.assoc_group_ids = partner.assoc_group_member_ids.filtered("is_current").group_id

    def _search_assoc_group_ids(self, operator, value):
        if operator in ("in", "not in"):
            member_domain = [("group_id", "in", value), ("is_current", "=", True)]
        elif operator in ("=", "!=") and not value:
            member_domain, operator = [("is_current", "=", True)], "not in" if operator == "=" else "in"
        else:
            member_domain = [("group_id.name", operator, value), ("is_current", "=", True)]
            operator = "in"
        partners = self.env["assoc.group.member"]._search(member_domain).subselect("partner_id")
        return [("id", "in" if operator in ("in", "=", "ilike", "like") else "not in", partners)]

    def _compute_assoc_segment_ids(self):
        segments = self.env["assoc.segment"].search([("state", "=", "valid")])
        members = {
            segment: set(self.search([("id", "in", self.ids)] + segment._partner_domain()).ids) for segment in segments
        }
        for partner in self:
            partner.assoc_segment_ids = segments.filtered(lambda s, pid=partner.id: pid in members[s])

    def _search_assoc_segment_ids(self, operator, value):
        Segment = self.env["assoc.segment"]
        negative = operator in NEGATIVE_OPERATORS
        if isinstance(value, str):
            name_operator = {"not ilike": "ilike", "not like": "like", "!=": "="}.get(operator, operator)
            segments = Segment.search([("name", name_operator, value)])
        else:
            segments = Segment.browse(value if isinstance(value, (list, tuple)) else [value])
        domain = expression.normalize_domain(segments.exists()._partner_domain())
        return ["!", *domain] if negative else domain

    @api.model
    def _cron_refresh_engagements(self):
        """Engagements starting or ending today change the stored current engagement types."""
        today = fields.Date.context_today(self)
        changed = self.env["assoc.engagement"].search(
            ["|", ("date_start", "=", today), ("date_end", "=", fields.Date.subtract(today, days=1))]
        ).partner_id
        self.env.add_to_compute(self._fields["assoc_engagement_type_ids"], changed)
        changed.flush_recordset(["assoc_engagement_type_ids"])

    def action_assoc_create_household(self):
        household = self.env["assoc.household"].create_for_partners(self)
        return {
            "type": "ir.actions.act_window",
            "name": _("Household"),
            "res_model": "assoc.household",
            "res_id": household.id,
            "view_mode": "form",
        }
