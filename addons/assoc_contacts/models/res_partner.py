import re

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression

FRENCH_COUNTRY_CODES = ("FR", "GP", "MQ", "GF", "RE", "YT", "PM", "BL", "MF")


class ResPartner(models.Model):
    _inherit = "res.partner"

    firstname = fields.Char(string="First name", index=True)
    lastname = fields.Char(string="Last name", index=True)
    birthdate = fields.Date(string="Birth date")
    assoc_email_ids = fields.One2many("assoc.partner.email", "partner_id", string="Secondary emails")
    assoc_interaction_ids = fields.One2many("assoc.interaction", "partner_id", string="Interactions")
    assoc_interaction_count = fields.Integer(string="Interactions (count)", readonly=True, default=0)
    assoc_first_interaction_date = fields.Datetime(string="First interaction", readonly=True)
    assoc_last_interaction_date = fields.Datetime(string="Last interaction", readonly=True, index=True)
    household_id = fields.Many2one("assoc.household", string="Household", index=True, ondelete="set null")

    # ------------------------------------------------------------------ names
    @api.model
    def _assoc_compose_name(self, firstname, lastname):
        return " ".join(part.strip() for part in (firstname, lastname) if part and part.strip()) or False

    @api.model
    def _assoc_split_name(self, name):
        """Guess (firstname, lastname) from a full name: words in capitals are the last name
        ("Marie DUPONT", "DUPONT Marie"), otherwise the first word is the first name."""
        words = (name or "").split()
        if not words:
            return False, False
        upper = [w for w in words if len(w) > 1 and w.isupper()]
        if upper and len(upper) < len(words):
            rest = [w for w in words if w not in upper]
            return " ".join(rest), " ".join(upper)
        if len(words) == 1:
            return False, words[0]
        return words[0], " ".join(words[1:])

    def _assoc_is_person(self, vals):
        return not vals.get("is_company", self.is_company if self else False)

    def _assoc_prepare_names(self, vals):
        """Fill name from firstname/lastname, or the other way round, for people."""
        if not self._assoc_is_person(vals):
            return vals
        if "firstname" in vals or "lastname" in vals:
            firstname = vals.get("firstname", self.firstname if self else False)
            lastname = vals.get("lastname", self.lastname if self else False)
            composed = self._assoc_compose_name(firstname, lastname)
            if composed:
                vals["name"] = composed
        elif vals.get("name"):
            vals["firstname"], vals["lastname"] = self._assoc_split_name(vals["name"])
            vals["name"] = " ".join(vals["name"].split())
        return vals

    @api.onchange("firstname", "lastname")
    def _onchange_assoc_names(self):
        if not self.is_company:
            self.name = self._assoc_compose_name(self.firstname, self.lastname) or self.name

    # ----------------------------------------------------------- phone, zip
    def _assoc_prepare_contact_details(self, vals):
        country_id = vals.get("country_id", self.country_id.id if self else False)
        country = self.env["res.country"].browse(country_id) if country_id else self.env.ref("base.fr")
        for fname in ("phone", "mobile"):
            if vals.get(fname):
                formatted = self._phone_format(number=vals[fname], country=country, force_format="INTERNATIONAL")
                vals[fname] = formatted or vals[fname]
        if vals.get("zip") and country.code in FRENCH_COUNTRY_CODES:
            vals["zip"] = re.sub(r"\s+", "", vals["zip"])
        return vals

    @api.onchange("phone", "country_id", "company_id")
    def _onchange_phone_validation(self):
        if self.phone:
            country = self.country_id or self.env.ref("base.fr")
            formatted = self._phone_format(number=self.phone, country=country, force_format="INTERNATIONAL")
            self.phone = formatted or self.phone

    @api.onchange("mobile", "country_id", "company_id")
    def _onchange_mobile_validation(self):
        if self.mobile:
            country = self.country_id or self.env.ref("base.fr")
            self.mobile = (
                self._phone_format(number=self.mobile, country=country, force_format="INTERNATIONAL") or self.mobile
            )

    @api.constrains("zip", "country_id")
    def _check_assoc_french_zip(self):
        for partner in self:
            if partner.zip and partner.country_id.code in FRENCH_COUNTRY_CODES and not re.fullmatch(
                r"\d{5}", partner.zip
            ):
                raise ValidationError(
                    _("The French postal code %(zip)s of %(name)s must have exactly 5 digits.",
                      zip=partner.zip, name=partner.display_name)
                )

    # ------------------------------------------------------------ CRUD
    @api.model_create_multi
    def create(self, vals_list):
        vals_list = [self._assoc_prepare_contact_details(self._assoc_prepare_names(dict(vals))) for vals in vals_list]
        partners = super().create(vals_list)
        if not self.env.context.get("assoc_system_tags") and any("category_id" in vals for vals in vals_list):
            if partners.category_id.filtered("assoc_system"):
                raise UserError(self._assoc_system_tag_message(partners.category_id.filtered("assoc_system")))
        return partners

    def write(self, vals):
        guard = "category_id" in vals and not self.env.context.get("assoc_system_tags")
        system_before = {partner.id: partner.category_id.filtered("assoc_system") for partner in self} if guard else {}
        if self._assoc_needs_per_record_write(vals):
            for partner in self:
                prepared = partner._assoc_prepare_contact_details(partner._assoc_prepare_names(dict(vals)))
                super(ResPartner, partner).write(prepared)
        else:
            first = self[:1]
            super().write(first._assoc_prepare_contact_details(first._assoc_prepare_names(dict(vals))))
        if guard:
            changed = self.env["res.partner.category"]
            for partner in self:
                after, before = partner.category_id.filtered("assoc_system"), system_before[partner.id]
                changed |= (after - before) | (before - after)
            if changed:
                raise UserError(self._assoc_system_tag_message(changed))
        return True

    def _assoc_needs_per_record_write(self, vals):
        """Names and phone formats depend on each record's other values."""
        if len(self) < 2:
            return False
        per_record = {"firstname", "lastname", "name", "phone", "mobile", "zip"}
        return bool(per_record & set(vals))

    @api.model
    def _assoc_system_tag_message(self, tags):
        return _(
            "The tags %(tags)s are set automatically by the association's software and cannot be added "
            "or removed by hand.",
            tags=", ".join(tags.mapped("name")),
        )

    @api.model
    def _search_display_name(self, operator, value):
        """Several words also find a person whose first and last names hold them in any order."""
        domain = super()._search_display_name(operator, value)
        words = value.split() if operator in ("ilike", "not ilike") and isinstance(value, str) else []
        if len(words) < 2:
            return domain
        in_any_order = expression.AND(
            [["|", ("firstname", "ilike", word), ("lastname", "ilike", word)] for word in words])
        if operator == "ilike":
            return expression.OR([domain, in_any_order])
        return expression.AND([domain, ["!", *in_any_order]])

    # ---------------------------------------------------------- bulk hooks
    @api.model
    def _assoc_bulk_prepare(self, rows):
        """Extension point called before partners are inserted in bulk with SQL: each addon adds
        to the rows (dicts of column values) the stored values it computes, so that each row is
        written once. Rows must hold name, firstname, lastname, is_company, email, phone, mobile,
        street, zip, city and country_id."""
        for row in rows:
            if not row["is_company"] and row["name"] and not (row["firstname"] or row["lastname"]):
                firstname, lastname = self._assoc_split_name(row["name"])
                row.update(firstname=firstname or None, lastname=lastname or None)
        return rows

    @api.model
    def _assoc_bulk_created(self, partner_ids):
        """Extension point called after partners were inserted in bulk with SQL (generator,
        fast imports): each addon overrides it to fill its stored fields set-based."""
        self._assoc_fill_names_sql(partner_ids)
        self._assoc_refresh_interaction_stats(partner_ids)
        return partner_ids

    @api.model
    def _assoc_fill_names_sql(self, partner_ids=None):
        """Split the stored name of people without first/last name (install, raw inserts)."""
        query = (
            "SELECT id, name FROM res_partner WHERE NOT is_company AND name IS NOT NULL "
            "AND firstname IS NULL AND lastname IS NULL"
        )
        params = []
        if partner_ids is not None:
            query += " AND id = ANY(%s)"
            params.append(list(partner_ids))
        self.env.cr.execute(query, params)
        rows = [(pid, *self._assoc_split_name(name)) for pid, name in self.env.cr.fetchall()]
        if rows:
            self.env.cr.execute(
                "UPDATE res_partner p SET firstname = v.firstname, lastname = v.lastname "
                "FROM (SELECT unnest(%s::int[]) AS id, unnest(%s::varchar[]) AS firstname, "
                "unnest(%s::varchar[]) AS lastname) v WHERE p.id = v.id",
                [[r[0] for r in rows], [r[1] or None for r in rows], [r[2] or None for r in rows]],
            )
        self.invalidate_model(["firstname", "lastname"])

    @api.model
    def _assoc_refresh_interaction_stats(self, partner_ids=None):
        """Recompute count, first and last interaction dates, set-based (two UPDATEs)."""
        scope, params = ("", []) if partner_ids is None else ("WHERE partner_id = ANY(%s)", [list(partner_ids)])
        self.env.cr.execute(
            f"""
            UPDATE res_partner p
               SET assoc_interaction_count = s.total,
                   assoc_first_interaction_date = s.first_date,
                   assoc_last_interaction_date = s.last_date
              FROM (SELECT partner_id, count(*) AS total, min(date) AS first_date, max(date) AS last_date
                      FROM assoc_interaction {scope} GROUP BY partner_id) s
             WHERE p.id = s.partner_id
               AND (p.assoc_interaction_count IS DISTINCT FROM s.total
                    OR p.assoc_first_interaction_date IS DISTINCT FROM s.first_date
                    OR p.assoc_last_interaction_date IS DISTINCT FROM s.last_date)
            """,
            params,
        )
        partner_scope = "" if partner_ids is None else "AND p.id = ANY(%s)"
        self.env.cr.execute(
            f"""
            UPDATE res_partner p
               SET assoc_interaction_count = 0, assoc_first_interaction_date = NULL,
                   assoc_last_interaction_date = NULL
             WHERE p.assoc_interaction_count > 0 {partner_scope}
               AND NOT EXISTS (SELECT 1 FROM assoc_interaction i WHERE i.partner_id = p.id)
            """,
            params,
        )
        self.invalidate_model(
            ["assoc_interaction_count", "assoc_first_interaction_date", "assoc_last_interaction_date"]
        )
