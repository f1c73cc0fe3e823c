from odoo import api, fields, models, tools

from .duplicate_keys import email_key, name_key, phone_key, street_key

KEY_FIELDS = (
    "assoc_email_key", "assoc_firstname_key", "assoc_lastname_key",
    "assoc_street_key", "assoc_phone_key", "assoc_mobile_key",
)


class ResPartner(models.Model):
    _inherit = "res.partner"

    assoc_email_key = fields.Char(compute="_compute_assoc_duplicate_keys", store=True, index=True, copy=False)
    assoc_firstname_key = fields.Char(compute="_compute_assoc_duplicate_keys", store=True, copy=False)
    assoc_lastname_key = fields.Char(compute="_compute_assoc_duplicate_keys", store=True, copy=False)
    assoc_street_key = fields.Char(compute="_compute_assoc_duplicate_keys", store=True, copy=False)
    assoc_phone_key = fields.Char(compute="_compute_assoc_duplicate_keys", store=True, copy=False)
    assoc_mobile_key = fields.Char(compute="_compute_assoc_duplicate_keys", store=True, copy=False)
    assoc_duplicate_count = fields.Integer(
        string="Possible duplicates", compute="_compute_assoc_duplicate_count",
        groups="assoc_contacts.group_assoc_bureau",
    )

    def init(self):
        super().init()
        # people are looked up by name (duplicate rules of imports and forms): last name first
        tools.create_index(
            self.env.cr, "res_partner_assoc_name_keys_index", self._table, ["assoc_lastname_key", "assoc_firstname_key"]
        )

    @api.model
    def _assoc_duplicate_keys(self, row):
        """The normalized keys of one contact, from a dict of its stored values."""
        lastname = row["lastname"] or (not row["firstname"] and row["name"])
        return {
            "assoc_email_key": email_key(row["email"]),
            "assoc_firstname_key": name_key(row["firstname"]),
            "assoc_lastname_key": name_key(lastname),
            "assoc_street_key": street_key(row["street"], row["zip"]),
            "assoc_phone_key": phone_key(row["phone"]),
            "assoc_mobile_key": phone_key(row["mobile"]),
        }

    @api.depends("email", "firstname", "lastname", "name", "street", "zip", "phone", "mobile")
    def _compute_assoc_duplicate_keys(self):
        for partner in self:
            partner.update(self._assoc_duplicate_keys(partner))

    def _compute_assoc_duplicate_count(self):
        counts = self.env["assoc.duplicate"]._pending_count_by_partner(self.ids)
        for partner in self:
            partner.assoc_duplicate_count = counts.get(partner.id, 0)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("email"):
                # in the INSERT itself, so that the check below needs no extra UPDATE
                vals.setdefault("assoc_email_key", email_key(vals["email"]))
        partners = super().create(vals_list)
        if not self.env.context.get("assoc_skip_duplicate_check"):
            partners._assoc_check_email_duplicates()
        return partners

    def write(self, vals):
        result = super().write(vals)
        if "email" in vals and vals["email"] and not self.env.context.get("assoc_skip_duplicate_check"):
            self.flush_recordset(["assoc_email_key"])
            self._assoc_check_email_duplicates()
        return result

    def _assoc_check_email_duplicates(self):
        """The automatic check: one indexed query records every contact sharing a normalized email."""
        self.env["assoc.partner.email"].flush_model(["email_key", "partner_id"])
        return self.env["assoc.duplicate"]._record_email_matches(self.ids)

    @api.model
    def _assoc_bulk_prepare(self, rows):
        rows = super()._assoc_bulk_prepare(rows)
        for row in rows:
            row.update({name: key or None for name, key in self._assoc_duplicate_keys(row).items()})
        return rows

    @api.model
    def _assoc_bulk_created(self, partner_ids):
        result = super()._assoc_bulk_created(partner_ids)
        self._assoc_fill_duplicate_keys(partner_ids)
        self.env["assoc.duplicate"]._record_email_matches(list(partner_ids))
        return result

    @api.model
    def _assoc_fill_duplicate_keys(self, partner_ids):
        """Stored keys for contacts inserted with SQL without them: one read, one UPDATE."""
        without_keys = " AND ".join(f"{name} IS NULL" for name in KEY_FIELDS)
        self.env.cr.execute(
            "SELECT id, email, firstname, lastname, name, street, zip, phone, mobile "
            f"FROM res_partner WHERE id = ANY(%s) AND {without_keys}",
            [list(partner_ids)],
        )
        columns = [desc[0] for desc in self.env.cr.description]
        rows = [dict(zip(columns, values, strict=True)) for values in self.env.cr.fetchall()]
        if not rows:
            return
        keys = [self._assoc_duplicate_keys(row) for row in rows]
        assignments = ", ".join(f"{name} = v.{name}" for name in KEY_FIELDS)
        unnests = ", ".join(f"unnest(%s::varchar[]) AS {name}" for name in KEY_FIELDS)
        self.env.cr.execute(
            f"UPDATE res_partner p SET {assignments} FROM (SELECT unnest(%s::int[]) AS id, {unnests}) v "
            "WHERE p.id = v.id",
            [[row["id"] for row in rows]] + [[key[name] or None for key in keys] for name in KEY_FIELDS],
        )
        self.invalidate_model(list(KEY_FIELDS))

    def action_assoc_open_duplicates(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("assoc_contacts.action_assoc_duplicate")
        action["domain"] = ["|", ("partner_a_id", "=", self.id), ("partner_b_id", "=", self.id)]
        action["context"] = {"search_default_pending": 1}
        return action
