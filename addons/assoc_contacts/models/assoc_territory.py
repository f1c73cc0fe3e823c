import re

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .fr_postal_codes import (
    _SQL_DEPARTMENT_CODE,
    COMMUNE_DEPARTMENTS,
    COMMUNE_EXCEPTION_ZIPS,
    SQL_PARAMS,
    commune_key,
    department_code,
)


class AssocTerritory(models.Model):
    """A région, a département (or overseas collectivity) or a custom zone. Contacts get
    their territories from their postal code; users are assigned territories that the
    record rules read."""

    _name = "assoc.territory"
    _description = "Territory"
    _order = "kind_sequence, code, name"
    _parent_store = True

    name = fields.Char(required=True, translate=True)
    code = fields.Char(help="Official INSEE code for régions and départements; free for zones.")
    kind = fields.Selection(
        [
            ("region", "Région"),
            ("department", "Département"),
            ("collectivity", "Overseas collectivity"),
            ("zone", "Custom zone"),
        ],
        required=True,
        default="zone",
    )
    kind_sequence = fields.Integer(compute="_compute_kind_sequence", store=True)
    parent_id = fields.Many2one(
        "assoc.territory", string="Within", index=True, ondelete="restrict",
        help="The région of a département; for a zone, the territory that contains it "
        "(its delegates then see the local groups of the zone).",
    )
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("assoc.territory", "parent_id", string="Contains")
    zone_department_ids = fields.Many2many(
        "assoc.territory", "assoc_territory_zone_department_rel", "zone_id", "department_id",
        string="Départements of the zone", domain="[('kind', 'in', ('department', 'collectivity'))]",
    )
    zip_prefixes = fields.Char(
        string="Postal code prefixes",
        help="Comma-separated beginnings of postal codes, for example: 44000, 44100, 441",
    )
    user_ids = fields.Many2many(
        "res.users", "assoc_territory_user_rel", "territory_id", "user_id", string="Assigned users",
    )
    partner_count = fields.Integer(compute="_compute_partner_count", string="Contacts")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_kind_unique", "unique(kind, code)", "A territory code must be unique for its kind."),
    ]

    @api.depends("kind")
    def _compute_kind_sequence(self):
        order = {"region": 1, "department": 2, "collectivity": 3, "zone": 4}
        for territory in self:
            territory.kind_sequence = order.get(territory.kind, 9)

    def _compute_partner_count(self):
        counts = dict(
            self.env["res.partner"]._read_group([("territory_ids", "in", self.ids)], ["territory_ids"], ["__count"])
        )
        for territory in self:
            territory.partner_count = counts.get(territory, 0)

    def action_open_partners(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Contacts of %(territory)s", territory=self.display_name),
            "res_model": "res.partner",
            "view_mode": "list,kanban,form",
            "domain": [("territory_ids", "in", self.ids)],
        }

    @api.depends("name", "code", "kind")
    def _compute_display_name(self):
        for territory in self:
            if territory.code and territory.kind in ("department", "collectivity"):
                territory.display_name = f"{territory.code} - {territory.name}"
            else:
                territory.display_name = territory.name

    @api.model
    def _search_display_name(self, operator, value):
        if operator in ("ilike", "=ilike", "like", "=like") and value:
            return ["|", ("code", "=ilike", value), ("name", operator, value)]
        return super()._search_display_name(operator, value)

    @api.constrains("zip_prefixes", "kind")
    def _check_zip_prefixes(self):
        for territory in self:
            prefixes = territory._zip_prefix_list()
            if prefixes and territory.kind != "zone":
                raise ValidationError(_("Only custom zones are defined by postal code prefixes."))
            bad = [prefix for prefix in prefixes if not re.fullmatch(r"\d{1,5}", prefix)]
            if bad:
                raise ValidationError(
                    _("%(prefixes)s: a postal code prefix is made of 1 to 5 digits.", prefixes=", ".join(bad))
                )

    def _zip_prefix_list(self):
        self.ensure_one()
        return [prefix.strip() for prefix in (self.zip_prefixes or "").split(",") if prefix.strip()]

    # ------------------------------------------------------------------ CRUD
    @api.model_create_multi
    def create(self, vals_list):
        territories = super().create(vals_list)
        if territories.filtered(lambda t: t.kind == "zone"):
            self._assoc_assign_partner_territories()
        return territories

    def write(self, vals):
        matching = {"zip_prefixes", "zone_department_ids", "kind", "active"} & set(vals)
        before = self._assoc_matching_state() if matching else None
        result = super().write(vals)
        # A module update rewrites every territory with the same values: the whole base is only
        # matched again when something that matches contacts really changed.
        if matching and self._assoc_matching_state() != before:
            self._assoc_assign_partner_territories()
        if {"user_ids", "parent_id"} & set(vals):
            self.env.registry.clear_cache()  # record rules read the users' territories
        return result

    def _assoc_matching_state(self):
        return [(t.id, t.kind, t.active, t._zip_prefix_list() if t.kind == "zone" else [],
                 sorted(t.zone_department_ids.ids)) for t in self]

    def unlink(self):
        result = super().unlink()
        self.env.registry.clear_cache()
        return result

    # ------------------------------------------------------- contact matching
    @api.model
    def _assoc_matcher(self):
        """A function (zip, country code) -> (département, région, zones) reading the
        territories once, for computing many contacts without a query per contact."""
        departments = self.search([("kind", "in", ("department", "collectivity"))])
        by_code = {department.code: department for department in departments}
        zones = self.search([("kind", "=", "zone")])
        prefixes = {zone: zone._zip_prefix_list() for zone in zones}

        def match(zip_code, country_code, city=None):
            department = by_code.get(department_code(zip_code, country_code, city), self.browse())
            region = department.parent_id.filtered(lambda parent: parent.kind == "region")
            normalized_zip = re.sub(r"\s", "", zip_code or "")
            matching_zones = zones.filtered(
                lambda zone: (department and department in zone.zone_department_ids)
                or (normalized_zip and normalized_zip.startswith(tuple(prefixes[zone]) or ("-",)))
            )
            return department, region, matching_zones

        return match

    @api.model
    def _assoc_assign_partner_territories(self, partner_ids=None):
        """Set-based recomputation of département, région and territories of contacts (all
        of them when partner_ids is None): three statements whatever the volume. Used after
        SQL inserts (generator, bulk import) and when a zone changes."""
        cr = self.env.cr
        self.flush_model()
        self.env["res.partner"].flush_model(["zip", "country_id", "department_id", "region_id", "territory_ids"])
        scope = "" if partner_ids is None else "WHERE p.id = ANY(%(ids)s)"
        params = {**SQL_PARAMS, "ids": list(partner_ids or [])}
        cr.execute(
            f"""
            CREATE TEMP TABLE assoc_partner_dep ON COMMIT DROP AS
            SELECT src.id, src.z, d.id AS department_id, r.id AS region_id
              FROM (SELECT p.id, regexp_replace(coalesce(p.zip, ''), '\\s', '', 'g') AS z, c.code AS cc
                      FROM res_partner p LEFT JOIN res_country c ON c.id = p.country_id {scope}) src
              LEFT JOIN assoc_territory d
                     ON d.kind IN ('department', 'collectivity') AND d.active
                    AND d.code = ({_SQL_DEPARTMENT_CODE})
              LEFT JOIN assoc_territory r ON r.id = d.parent_id AND r.kind = 'region' AND r.active
            """,
            params,
        )
        self._assoc_fix_commune_exceptions()
        cr.execute(
            """
            UPDATE res_partner p SET department_id = t.department_id, region_id = t.region_id
              FROM assoc_partner_dep t
             WHERE p.id = t.id
               AND (p.department_id IS DISTINCT FROM t.department_id OR p.region_id IS DISTINCT FROM t.region_id)
            """
        )
        cr.execute(
            "DELETE FROM assoc_partner_territory_rel rel USING assoc_partner_dep t WHERE rel.partner_id = t.id"
        )
        cr.execute(
            """
            INSERT INTO assoc_partner_territory_rel (partner_id, territory_id)
            SELECT t.id, t.department_id FROM assoc_partner_dep t WHERE t.department_id IS NOT NULL
            UNION
            SELECT t.id, t.region_id FROM assoc_partner_dep t WHERE t.region_id IS NOT NULL
            UNION
            SELECT t.id, zd.zone_id
              FROM assoc_partner_dep t
              JOIN assoc_territory_zone_department_rel zd ON zd.department_id = t.department_id
              JOIN assoc_territory zone ON zone.id = zd.zone_id AND zone.active
            UNION
            SELECT t.id, zone.id
              FROM assoc_territory zone
              CROSS JOIN LATERAL unnest(string_to_array(replace(zone.zip_prefixes, ' ', ''), ',')) AS prefix
              JOIN assoc_partner_dep t ON prefix <> '' AND t.z LIKE prefix || '%'
             WHERE zone.kind = 'zone' AND zone.active
            """
        )
        cr.execute("DROP TABLE assoc_partner_dep")
        self.env["res.partner"].invalidate_model(["department_id", "region_id", "territory_ids"])

    @api.model
    def _assoc_fix_commune_exceptions(self):
        """In the temporary table of _assoc_assign_partner_territories, give the communes served
        by a neighbouring département's postal code (a handful of rows) their own département,
        their city compared in Python exactly as department_code does."""
        cr = self.env.cr
        cr.execute(
            """
            SELECT t.id, t.z, p.city FROM assoc_partner_dep t JOIN res_partner p ON p.id = t.id
             WHERE t.department_id IS NOT NULL AND t.z = ANY(%s)
            """,
            [COMMUNE_EXCEPTION_ZIPS],
        )
        codes = {pid: COMMUNE_DEPARTMENTS.get((zip_code, commune_key(city))) for pid, zip_code, city in cr.fetchall()}
        codes = {pid: code for pid, code in codes.items() if code}
        if not codes:
            return
        departments = self.search(
            [("kind", "in", ("department", "collectivity")), ("code", "in", list(set(codes.values())))])
        by_code = {department.code: department for department in departments}
        regions = {code: department.parent_id.filtered(lambda parent: parent.kind == "region").id or None
                   for code, department in by_code.items()}
        rows = [(pid, by_code[code].id, regions[code]) for pid, code in codes.items() if code in by_code]
        cr.execute(
            """
            UPDATE assoc_partner_dep t SET department_id = v.department_id, region_id = v.region_id
              FROM unnest(%s::int[], %s::int[], %s::int[]) AS v(id, department_id, region_id)
             WHERE t.id = v.id
            """,
            [[row[0] for row in rows], [row[1] for row in rows], [row[2] for row in rows]],
        )
