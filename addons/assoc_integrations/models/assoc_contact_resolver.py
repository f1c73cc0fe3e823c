from odoo import api, models

from odoo.addons.assoc_contacts.models.duplicate_keys import email_key, name_key, phone_key, street_key

# HelloAsso sends ISO 3166 alpha-3 codes; Odoo knows alpha-2.
ALPHA3 = {
    "FRA": "FR",
    "BEL": "BE",
    "CHE": "CH",
    "LUX": "LU",
    "MCO": "MC",
    "DEU": "DE",
    "ESP": "ES",
    "ITA": "IT",
    "GBR": "GB",
    "PRT": "PT",
    "NLD": "NL",
    "CAN": "CA",
    "USA": "US",
    "MAR": "MA",
    "DZA": "DZ",
    "TUN": "TN",
    "SEN": "SN",
    "REU": "RE",
    "GLP": "GP",
    "MTQ": "MQ",
    "GUF": "GF",
    "MYT": "YT",
    "NCL": "NC",
    "PYF": "PF",
    "SPM": "PM",
    "BLM": "BL",
    "MAF": "MF",
    "WLF": "WF",
}
PERSON_FIELDS = ("firstname", "lastname", "email", "phone", "street", "zip", "city", "birthdate")
RULE_KEYS = (
    "assoc_firstname_key",
    "assoc_lastname_key",
    "assoc_street_key",
    "assoc_phone_key",
    "assoc_mobile_key",
    "assoc_email_key",
)
# For each person (index, name keys, street, phone and email keys), the oldest active contact of
# the same name with the same street or phone and no other email; a missing first name only
# matches contacts without one. Each branch is served by the (last name, first name) index.
RULES_SQL = """
WITH person AS (
    SELECT * FROM unnest(%s::int[], %s::varchar[], %s::varchar[], %s::varchar[], %s::varchar[], %s::varchar[])
                  AS w(idx, lastname, firstname, street, phone, email)
), same_name AS (
    SELECT w.*, p.id, p.active, p.assoc_email_key, p.assoc_street_key, p.assoc_phone_key, p.assoc_mobile_key
      FROM person w
      JOIN res_partner p ON p.assoc_lastname_key = w.lastname AND p.assoc_firstname_key = w.firstname
    UNION ALL
    SELECT w.*, p.id, p.active, p.assoc_email_key, p.assoc_street_key, p.assoc_phone_key, p.assoc_mobile_key
      FROM person w
      JOIN res_partner p ON p.assoc_lastname_key = w.lastname AND p.assoc_firstname_key IS NULL
     WHERE w.firstname IS NULL
)
SELECT DISTINCT ON (idx) idx, id
  FROM same_name
 WHERE active
   AND (email IS NULL OR assoc_email_key IS NULL OR assoc_email_key = email)
   AND (assoc_street_key = street OR phone IN (assoc_phone_key, assoc_mobile_key))
 ORDER BY idx, id
"""


class AssocContactResolver(models.AbstractModel):
    """Find the contact behind a person described by an integration (HelloAsso payer, form),
    by normalized email first, then by the duplicate rules (same name and address, or same
    name and phone), and create it when nobody matches. Works on batches: a few queries per
    batch, whatever its size."""

    _name = "assoc.contact.resolver"
    _description = "Contact resolution for integrations"

    @api.model
    def _resolve(self, people):
        """people: dicts with the keys of PERSON_FIELDS (+ country as alpha-2 or alpha-3).
        Returns [(partner, created)] in the same order; the same person twice gives one contact."""
        Partner = self.env["res.partner"].sudo()
        keys = [self._person_key(person) for person in people]
        found = self._match_emails({email_key(p.get("email")) for p in people} - {False})
        found.update(self._match_rules([p for p, k in zip(people, keys, strict=False) if k not in found]))
        to_create = {}
        for person, key in zip(people, keys, strict=False):
            if key not in found and key not in to_create:
                to_create[key] = self._partner_vals(person)
        # account's default of this form-only field counts the invoice layouts once per contact
        creator = Partner.with_context(default_display_invoice_template_pdf_report_id=False)
        created = creator.create(list(to_create.values())) if to_create else Partner
        found.update(zip(to_create, created.ids, strict=False))
        self._fill_blanks(people, keys, found, set(created.ids))
        result = []
        for key in keys:
            result.append((Partner.browse(found[key]), found[key] in created.ids))
        return result

    @api.model
    def _person_key(self, person):
        """Who a person is within one batch: the email key, else name + address."""
        return email_key(person.get("email")) or (
            "~{}|{}|{}".format(
                name_key(person.get("firstname")), name_key(person.get("lastname")), person.get("zip") or ""
            )
        )

    @api.model
    def _match_emails(self, keys):
        if not keys:
            return {}
        Partner = self.env["res.partner"].sudo()
        matches = {}
        for partner in Partner.search_fetch([("assoc_email_key", "in", list(keys))], ["assoc_email_key"], order="id"):
            matches.setdefault(partner.assoc_email_key, partner.id)
        secondary = (
            self.env["assoc.partner.email"]
            .sudo()
            .search_fetch(
                [("email_key", "in", list(keys - set(matches))), ("partner_id.active", "=", True)],
                ["email_key", "partner_id"],
                order="id",
            )
        )
        for line in secondary:
            matches.setdefault(line.email_key, line.partner_id.id)
        return matches

    @api.model
    def _match_rules(self, people):
        """The duplicate rules: same first and last name with the same street address or the same
        phone. A contact whose email differs from the person's is another person. The oldest
        active contact that qualifies wins. One indexed query for the batch (by name)."""
        wanted = [
            (self._person_key(person), person, name_key(person.get("lastname")))
            for person in people
            if name_key(person.get("lastname"))
        ]
        if not wanted:
            return {}
        Partner = self.env["res.partner"]
        Partner.flush_model(["active", *RULE_KEYS])
        self.env.cr.execute(
            RULES_SQL,
            [
                list(range(len(wanted))),
                [lastname for _key, _person, lastname in wanted],
                [name_key(person.get("firstname")) or None for _key, person, _lastname in wanted],
                [street_key(person.get("street"), person.get("zip")) or None for _key, person, _lastname in wanted],
                [phone_key(person.get("phone")) or None for _key, person, _lastname in wanted],
                [email_key(person.get("email")) or None for _key, person, _lastname in wanted],
            ],
        )
        matches = {}
        for index, partner_id in sorted(self.env.cr.fetchall()):
            matches.setdefault(wanted[index][0], partner_id)
        return matches

    @api.model
    def _country_id(self, code):
        code = (code or "").strip().upper()
        code = ALPHA3.get(code, code)
        if len(code) != 2:
            return False
        return self.env["res.country"].sudo()._search_country_id(code)

    @api.model
    def _partner_vals(self, person):
        vals = {
            name: (person.get(name) or "").strip() if isinstance(person.get(name), str) else person.get(name)
            for name in PERSON_FIELDS
            if person.get(name)
        }
        if not vals.get("lastname") and not vals.get("firstname"):
            vals["name"] = vals.get("email") or "?"
        country = self._country_id(person.get("country"))
        if country:
            vals["country_id"] = country
        return vals

    @api.model
    def _fill_blanks(self, people, keys, found, created_ids):
        """Existing contacts get what they lack (phone, address...), never an overwrite."""
        Partner = self.env["res.partner"].sudo()
        existing = Partner.browse({pid for pid in found.values() if pid not in created_ids})
        if not existing:
            return
        existing.fetch(list(PERSON_FIELDS) + ["country_id"])
        updates = {}
        for person, key in zip(people, keys, strict=False):
            partner = Partner.browse(found[key])
            if partner.id in created_ids:
                continue
            vals = {
                name: value
                for name, value in self._partner_vals(person).items()
                if name != "name" and not partner[name]
            }
            if vals.get("street") and (partner.zip or partner.city):
                # half an address from each source would be a wrong address
                vals = {k: v for k, v in vals.items() if k not in ("street", "zip", "city", "country_id")}
            if vals:
                updates.setdefault(partner, {}).update(vals)
        for partner, vals in updates.items():
            partner.write(vals)

    @api.model
    def _create_consents(self, vals_list):
        """Record consents and keep the email blacklist in step: a withdrawal blacklists the
        address, a grant (a new explicit opt-in) lifts it. The blacklist is written here rather
        than by assoc.consent's own sync, whose messages fail to format in this version."""
        consents = self.env["assoc.consent"].sudo().with_context(assoc_from_blacklist=True).create(vals_list)
        Blacklist = self.env["mail.blacklist"].sudo().with_context(assoc_from_consent=True)
        emailed = consents.filtered(lambda c: c.channel in ("newsletter", "email") and c.email)
        granted = emailed.filtered(lambda c: c.state == "granted")
        listed = set(Blacklist.search([("email", "in", [email_key(c.email) for c in granted])]).mapped("email"))
        for consent in emailed:
            if consent.state == "withdrawn":
                Blacklist._add(consent.email, message=consent.proof_text)
            elif email_key(consent.email) in listed:
                Blacklist._remove(consent.email, message=consent.proof_text)
        return consents
