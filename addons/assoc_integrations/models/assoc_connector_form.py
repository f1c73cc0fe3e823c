import hmac
from datetime import datetime, timedelta

import pytz

from odoo import _, fields, models
from odoo.tools import email_normalize

# The documented JSON shape (readme/USAGE.md): field -> (type, required)
FORM_FIELDS = {
    "email": (str, True),
    "firstname": (str, False),
    "lastname": (str, False),
    "phone": (str, False),
    "street": (str, False),
    "zip": (str, False),
    "city": (str, False),
    "country": (str, False),
    "consent": (dict, False),
    "group": (str, False),
    "tags": (list, False),
    "message": (str, False),
    "form": (str, False),
    "submitted_at": (str, False),
}
PARIS = pytz.timezone("Europe/Paris")
TYPE_NAMES = {str: "string", dict: "object", list: "array", bool: "boolean"}


class AssocConnector(models.Model):
    _inherit = "assoc.connector"

    form_rate_limit = fields.Integer(
        string="Submissions per minute",
        default=30,
        help="Beyond this, the form webhook answers 429 (Too Many Requests) for a minute.",
    )
    form_group_id = fields.Many2one("assoc.group", string="Add to group", help="Every contact sent by this source.")
    form_tag_ids = fields.Many2many("res.partner.category", string="Add tags", domain=[("assoc_system", "=", False)])

    def _form_connector_for_key(self, api_key):
        """The active form connector whose API key this is (compared in constant time)."""
        if not api_key:
            return self.browse()
        for connector in self.sudo().search([("provider", "=", "form"), ("active", "=", True)]):
            if connector.api_key and hmac.compare_digest(connector.api_key, api_key):
                return connector
        return self.browse()

    def _form_rate_limited(self):
        """Seconds to wait when the source sent too many submissions in the last minute, else 0."""
        self.ensure_one()
        since = fields.Datetime.now() - timedelta(minutes=1)
        recent = (
            self.env["assoc.webhook.event"]
            .sudo()
            .search(
                [("connector_id", "=", self.id), ("received_at", ">=", since)],
                order="received_at",
                limit=self.form_rate_limit,
            )
        )
        if len(recent) < max(self.form_rate_limit, 1):
            return 0
        return max(1, 60 - int((fields.Datetime.now() - recent[0].received_at).total_seconds()))

    def _form_validation_error(self, payload):
        """(field, translated message) for the first problem of a submission, or None."""
        if not isinstance(payload, dict):
            return "$", _("The body must be a JSON object.")
        unknown = sorted(set(payload) - set(FORM_FIELDS))
        if unknown:
            return unknown[0], _(
                "Unknown field “%(field)s”; the fields are: %(fields)s.",
                field=unknown[0],
                fields=", ".join(FORM_FIELDS),
            )
        for field, (kind, required) in FORM_FIELDS.items():
            value = payload.get(field)
            if value in (None, "") and required:
                return field, _("The field “%(field)s” is required.", field=field)
            if value not in (None, "") and not isinstance(value, kind):
                return field, _("The field “%(field)s” must be a %(type)s.", field=field, type=TYPE_NAMES[kind])
        if not email_normalize(payload["email"]):
            return "email", _("“%(value)s” is not a valid email address.", value=payload["email"])
        if any(not isinstance(tag, str) or not tag.strip() for tag in payload.get("tags") or []):
            return "tags", _("The field “tags” must be a list of non-empty strings.")
        consent = payload.get("consent") or {}
        if "newsletter" in consent and not isinstance(consent["newsletter"], bool):
            return "consent.newsletter", _("The field “consent.newsletter” must be true or false.")
        if consent.get("newsletter") and not consent.get("text"):
            return "consent.text", _("Give the wording the person agreed to in “consent.text” (proof of consent).")
        if payload.get("submitted_at"):
            try:
                datetime.fromisoformat(payload["submitted_at"])
            except ValueError:
                return "submitted_at", _("The field “submitted_at” must be an ISO 8601 date and time.")
        if payload.get("group") and not self._form_group(payload["group"]):
            return "group", _("No group named “%(group)s”.", group=payload["group"])
        return None

    def _form_group(self, name):
        return self.env["assoc.group"].sudo().search([("name", "=ilike", name.strip())], limit=1)

    def _webhook_form(self, event, payload):
        """Create or complete the contact, record the consent proof, groups, tags, an interaction."""
        problem = self._form_validation_error(payload)
        if problem:
            return "error", problem[1]
        event.event_type = payload.get("form") or _("Form")
        person = {
            key: payload.get(key)
            for key in ("email", "firstname", "lastname", "phone", "street", "zip", "city", "country")
        }
        [(partner, created)] = self.env["assoc.contact.resolver"]._resolve([person])
        submitted = self._form_date(payload)
        consent = payload.get("consent") or {}
        if consent.get("newsletter"):
            self.env["assoc.contact.resolver"]._create_consents(
                [
                    {
                        "partner_id": partner.id,
                        "purpose_id": self.consent_purpose_id.id,
                        "channel": "newsletter",
                        "state": "granted",
                        "source": "web_form",
                        "date": submitted,
                        "email": partner.email,
                        "proof_text": consent.get("text"),
                        "proof_form": consent.get("url") or payload.get("form") or self.name,
                        "proof_ip": consent.get("ip") or event.remote_addr,
                    }
                ]
            )
        groups = self.form_group_id | (
            self._form_group(payload["group"]) if payload.get("group") else self.env["assoc.group"]
        )
        for group in groups:
            group.sudo().add_partners(partner)
        tags = self.form_tag_ids | self._form_tags(payload.get("tags") or [])
        if tags:
            partner.sudo().write({"category_id": [fields.Command.link(tag.id) for tag in tags]})
        self.env["assoc.interaction"].log_events(
            [
                {
                    "partner_id": partner.id,
                    "type_code": "form_submission",
                    "origin": event,
                    "date": submitted,
                    "name": _("Form “%(form)s” sent", form=payload.get("form") or self.name),
                    "note": payload.get("message") or False,
                    "source": self.name,
                }
            ]
        )
        return "done", None

    def _form_date(self, payload):
        if not payload.get("submitted_at"):
            return fields.Datetime.now()
        moment = datetime.fromisoformat(payload["submitted_at"])
        if not moment.tzinfo:
            moment = PARIS.localize(moment)
        return min(moment.astimezone(pytz.utc).replace(tzinfo=None), fields.Datetime.now())

    def _form_tags(self, names):
        Tag = self.env["res.partner.category"].sudo()
        tags = Tag.browse()
        for name in {name.strip() for name in names}:
            tag = Tag.search([("name", "=ilike", name)], limit=1)
            if tag.assoc_system:
                continue  # automatic tags (member, donor) are never set from outside
            tags |= tag or Tag.create({"name": name})
        return tags
