from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    # precomputed: new contacts are inserted with their territories, one relation insert a batch
    department_id = fields.Many2one(
        "assoc.territory", string="Département", compute="_compute_assoc_territories", store=True,
        precompute=True, index=True, readonly=True, help="Computed from the postal code and the country.",
    )
    region_id = fields.Many2one(
        "assoc.territory", string="Région", compute="_compute_assoc_territories", store=True,
        precompute=True, index=True, readonly=True,
    )
    territory_ids = fields.Many2many(
        "assoc.territory", "assoc_partner_territory_rel", "partner_id", "territory_id",
        string="Territories", compute="_compute_assoc_territories", store=True, precompute=True, readonly=True,
        help="Département, région and custom zones of the contact's address.",
    )

    @api.depends("zip", "country_id", "city")
    def _compute_assoc_territories(self):
        match = self.env["assoc.territory"].sudo()._assoc_matcher()
        # contacts of one address share its territories: one assignment per address
        for (zipcode, country, city), partners in self.grouped(lambda p: (p.zip, p.country_id.code, p.city)).items():
            department, region, zones = match(zipcode, country, city)
            partners.department_id = department
            partners.region_id = region
            partners.territory_ids = department | region | zones

    @api.model_create_multi
    def create(self, vals_list):
        partners = super().create(vals_list)
        partners._assoc_flush_territories()
        return partners

    def write(self, vals):
        result = super().write(vals)
        if {"zip", "country_id", "city", "parent_id"} & set(vals):
            self._assoc_flush_territories()
        return result

    def _assoc_flush_territories(self):
        """Record rules read territory_ids through the relation table, and Odoo does not
        flush pending many2many computations before such a query: recompute them now."""
        self.flush_recordset(["department_id", "region_id", "territory_ids"])

    @api.model
    def _assoc_bulk_prepare(self, rows):
        rows = super()._assoc_bulk_prepare(rows)
        match = self.env["assoc.territory"].sudo()._assoc_matcher()
        country_codes = {country.id: country.code for country in self.env["res.country"].sudo().search([])}
        found = {}  # many contacts share a postal code
        for row in rows:
            address = (row["zip"], country_codes.get(row["country_id"]), row["city"])
            if address not in found:
                department, region, _zones = match(*address)
                found[address] = {"department_id": department.id or None, "region_id": region.id or None}
            row.update(found[address])
        return rows

    @api.model
    def _assoc_bulk_created(self, partner_ids):
        super()._assoc_bulk_created(partner_ids)
        self.env["assoc.territory"].sudo()._assoc_assign_partner_territories(partner_ids)
