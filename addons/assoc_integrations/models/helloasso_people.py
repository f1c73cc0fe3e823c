from odoo import _, api, fields, models

from odoo.addons.assoc_contacts.models.duplicate_keys import name_key

from .helloasso_tools import YES_ANSWERS, paris_date, paris_datetime


class AssocHelloassoImport(models.AbstractModel):
    """The people of HelloAsso orders: payers and beneficiaries resolved to contacts for a whole
    page at once, and the newsletter consents they give on the forms."""

    _inherit = "assoc.helloasso.import"

    @api.model
    def _people_of(self, data):
        """The payer, then each item's beneficiary when it is someone else (a child, a friend)."""
        payer = data.get("payer") or {}
        base = {
            "email": payer.get("email"),
            "firstname": payer.get("firstName"),
            "lastname": payer.get("lastName"),
            "street": payer.get("address"),
            "zip": payer.get("zipCode"),
            "city": payer.get("city"),
            "country": payer.get("country"),
        }
        if payer.get("dateOfBirth") and not payer["dateOfBirth"].startswith("0001"):
            base["birthdate"] = paris_date(payer["dateOfBirth"])
        people = {"payer": base}
        payer_names = (name_key(base["lastname"]), name_key(base["firstname"]))
        for item in data.get("items") or []:
            user = item.get("user") or {}
            if (
                user.get("lastName")
                and (name_key(user.get("lastName")), name_key(user.get("firstName"))) != payer_names
            ):
                people[item["id"]] = dict(
                    base, email=False, birthdate=False, firstname=user.get("firstName"), lastname=user.get("lastName")
                )
        return people

    @api.model
    def _resolve_people(self, orders):
        """{(order id, 'payer' | item id): partner} for a batch, in one resolution (normalized
        e-mails looked up at once, then the duplicate rules for the rest)."""
        slots, persons = [], []
        for data in orders:
            for slot, person in self._people_of(data).items():
                slots.append((data["id"], slot))
                persons.append(person)
        resolved = self.env["assoc.contact.resolver"]._resolve(persons) if persons else []
        return {slot: partner for slot, (partner, _created) in zip(slots, resolved, strict=False)}

    @api.model
    def _record_consents(self, connector, orders):
        """Newsletter consents given on the forms, for (order data, payer) pairs, in one batch."""
        question = (connector.helloasso_consent_question or "").strip().lower()
        if not question:
            return
        vals_list = [vals for data, payer in orders if (vals := self._consent_vals(connector, question, data, payer))]
        if vals_list:
            self.env["assoc.contact.resolver"]._create_consents(vals_list)

    @api.model
    def _consent_vals(self, connector, question, data, payer):
        if not payer.email:
            return None
        answers = [
            field
            for item in data["items"]
            for field in item.get("customFields") or []
            if question in (field.get("name") or "").lower()
        ]
        if not any((field.get("answer") or "").strip().lower() in YES_ANSWERS for field in answers):
            return None
        return {
            "partner_id": payer.id,
            "purpose_id": connector.consent_purpose_id.id,
            "channel": "newsletter",
            "state": "granted",
            "source": "integration",
            "date": paris_datetime(data.get("date")) or fields.Datetime.now(),
            "email": payer.email,
            "proof_text": answers[0]["name"],
            "proof_form": _(
                "HelloAsso form %(form)s (%(type)s), order %(id)s",
                form=data.get("formSlug"),
                type=data.get("formType"),
                id=data["id"],
            ),
        }
