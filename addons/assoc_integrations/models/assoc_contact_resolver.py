from collections import defaultdict

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
        found.update(self._match_rules([p for p, k in zip(people, keys, strict=False) if k not in found], keys))
        to_create = {}
        for person, key in zip(people, keys, strict=False):
            if key not in found and key not in to_create:
                to_create[key] = self._partner_vals(person)
        created = Partner.create(list(to_create.values())) if to_create else Partner
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
    def _match_rules(self, people, keys):
        """The duplicate rules: same first and last name with the same street address or the same
        phone. A contact whose email differs from the person's is another person."""
        wanted = [(p, self._person_key(p)) for p in people if name_key(p.get("lastname"))]
        if not wanted:
            return {}
        lastnames = list({name_key(p.get("lastname")) for p, _key in wanted})
        candidates = (
            self.env["res.partner"]
            .sudo()
            .search_fetch(
                [("assoc_lastname_key", "in", lastnames)],
                [
                    "assoc_firstname_key",
                    "assoc_lastname_key",
                    "assoc_street_key",
                    "assoc_phone_key",
                    "assoc_mobile_key",
                    "assoc_email_key",
                ],
                order="id",
            )
        )
        by_name = defaultdict(list)
        for candidate in candidates:
            by_name[(candidate.assoc_lastname_key, candidate.assoc_firstname_key)].append(candidate)
        matches = {}
        for person, key in wanted:
            same_name = by_name.get((name_key(person.get("lastname")), name_key(person.get("firstname")))) or []
            partner = self._same_person(person, same_name)
            if partner:
                matches.setdefault(key, partner.id)
        return matches

    @api.model
    def _same_person(self, person, partners):
        """The first of `partners` (who bear the person's name) with the person's street
        address or phone, unless its email says it is someone else."""
        if not partners:
            return None
        mail = email_key(person.get("email"))
        street = street_key(person.get("street"), person.get("zip"))
        phone = phone_key(person.get("phone"))
        for partner in partners:
            if mail and partner.assoc_email_key and partner.assoc_email_key != mail:
                continue
            if (street and street == partner.assoc_street_key) or (
                phone and phone in (partner.assoc_phone_key, partner.assoc_mobile_key)
            ):
                return partner
        return None

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
