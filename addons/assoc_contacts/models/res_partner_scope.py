from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression
from odoo.tools import SQL, create_index

DONOR_ENGAGEMENTS = ("donor", "potential_donor")
ALL_CONTACTS_GROUPS = ("assoc_contacts.group_assoc_bureau", "assoc_contacts.group_assoc_finance")


class ResPartner(models.Model):
    """Who may see and change which contact, for the association profiles (DESIGN.md).

    The record rules of security/assoc_rules.xml only say "the contact is in my scope"; the
    scope is built here as ONE union of indexed subqueries over the profiles the user holds,
    so that PostgreSQL joins from the few visible ids instead of filtering every contact
    through OR-ed subplans (the 200,000-contact list stays within 2x the administrator's)."""

    _inherit = "res.partner"

    assoc_in_scope = fields.Boolean(
        compute="_compute_assoc_in_scope", search="_search_assoc_in_scope", string="In my scope",
    )
    assoc_in_write_scope = fields.Boolean(
        compute="_compute_assoc_in_write_scope", search="_search_assoc_in_write_scope",
        string="In my scope (changes)",
    )

    def init(self):
        super().init()
        # the scope of delegates and collectors includes the contacts they created
        create_index(self.env.cr, "res_partner_assoc_create_uid_index", self._table, ["create_uid"])

    @api.depends_context("uid")
    def _compute_assoc_in_scope(self):
        inside = set(self.sudo()._search([("id", "in", self.ids), ("assoc_in_scope", "=", True)]))
        for partner in self:
            partner.assoc_in_scope = partner.id in inside

    @api.depends_context("uid")
    def _compute_assoc_in_write_scope(self):
        inside = set(self.sudo()._search([("id", "in", self.ids), ("assoc_in_write_scope", "=", True)]))
        for partner in self:
            partner.assoc_in_write_scope = partner.id in inside

    def _search_assoc_in_scope(self, operator, value):
        return self._assoc_scope_domain(operator, value, "read")

    def _search_assoc_in_write_scope(self, operator, value):
        return self._assoc_scope_domain(operator, value, "write")

    def _assoc_scope_domain(self, operator, value, mode):
        if operator not in ("=", "!="):
            raise UserError(_("Unsupported search on the access scope."))
        positive = (operator == "=") == bool(value)
        sql = self._assoc_scope_sql(mode)
        if sql is None:
            return expression.TRUE_DOMAIN if positive else expression.FALSE_DOMAIN
        # ARRAY() makes PostgreSQL compute the (small) set first, then fetch those contacts by
        # primary key, instead of scanning every contact to probe the union.
        return [("id", "in" if positive else "not in", SQL("(SELECT unnest(ARRAY(%s)))", sql))]

    @api.model
    def _assoc_scope_sql(self, mode):
        """The ids of the contacts the current user may read (mode "read") or change ("write"),
        as one SQL union; None when the user sees every contact."""
        user = self.env.user
        if any(user.has_group(group) for group in ALL_CONTACTS_GROUPS):
            return None
        # the subqueries read these tables directly: write pending ORM changes first
        self.env["assoc.group.member"].flush_model(["partner_id", "group_id", "is_current"])
        self.flush_model(["territory_ids", "category_id", "assoc_engagement_type_ids", "create_uid"])
        has = {key: user.has_group(f"assoc_contacts.group_assoc_{key}") for key in (
            "territory_delegate", "regional_collector", "group_animator", "thematic_animator", "donor_relations")}
        parts = [SQL("SELECT %s", user.partner_id.id)]
        if mode == "read":
            parts += self._assoc_volunteer_scope(user)
        if has["territory_delegate"]:
            parts += [self._assoc_territory_sql(user.assoc_territory_ids.ids), self._assoc_created_sql(user)]
        if has["regional_collector"]:
            parts.append(SQL("SELECT * FROM ((%s) UNION (%s)) AS t INTERSECT (%s)",
                             self._assoc_territory_sql(user.assoc_territory_ids.ids), self._assoc_created_sql(user),
                             self._assoc_donor_sql()))
        if has["donor_relations"]:
            parts += [self._assoc_donor_sql(), self._assoc_created_sql(user)]
        if has["thematic_animator"] or has["group_animator"]:
            parts.append(SQL(
                "SELECT partner_id FROM assoc_group_member WHERE is_current AND group_id = ANY(%s)",
                user.assoc_animated_group_ids.ids))
        if has["group_animator"]:
            parts.append(self._assoc_territory_sql(user.assoc_animated_group_ids.territory_id.ids))
        return SQL(" UNION ").join(SQL("(%s)", part) for part in parts)

    @api.model
    def _assoc_volunteer_scope(self, user):
        """Everybody sees the staff, the companies of the database and the co-members of their groups."""
        return [
            SQL("SELECT partner_id FROM res_users WHERE active AND share IS NOT TRUE"),
            SQL("SELECT partner_id FROM res_company WHERE id = ANY(%s)", user.company_ids.ids),
            SQL("""SELECT other.partner_id FROM assoc_group_member mine
                     JOIN assoc_group_member other ON other.group_id = mine.group_id AND other.is_current
                    WHERE mine.partner_id = %s AND mine.is_current""", user.partner_id.id),
        ]

    @api.model
    def _assoc_territory_sql(self, territory_ids):
        return SQL("SELECT partner_id FROM assoc_partner_territory_rel WHERE territory_id = ANY(%s)",
                   list(territory_ids))

    @api.model
    def _assoc_created_sql(self, user):
        return SQL("SELECT id FROM res_partner WHERE create_uid = %s", user.id)

    @api.model
    def _assoc_donor_sql(self):
        """Actual and potential donors: the automatic tag, or a current donor engagement."""
        donor_tag = self.env.ref("assoc_contacts.tag_donor", raise_if_not_found=False)
        return SQL(
            """SELECT partner_id FROM res_partner_res_partner_category_rel WHERE category_id = %s
               UNION
               SELECT rel.partner_id FROM res_partner_assoc_engagement_type_rel rel
                 JOIN assoc_engagement_type engagement ON engagement.id = rel.type_id
                WHERE engagement.code IN %s""",
            donor_tag.id if donor_tag else 0, DONOR_ENGAGEMENTS,
        )
