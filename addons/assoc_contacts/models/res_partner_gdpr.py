import base64
import csv
import hashlib
import hmac
import io
import json
import secrets
import zipfile
from datetime import date, datetime

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.osv import expression
from odoo.tools import email_normalize

SECRET_PARAM = "assoc_contacts.erasure_secret"
# Personal fields cleared by an erasure, besides every custom field (x_...).
ERASED_FIELDS = (
    "firstname", "lastname", "title", "birthdate", "street", "street2", "zip", "city", "state_id",
    "email", "phone", "mobile", "website", "function", "comment", "vat", "ref", "company_name",
    "image_1920", "parent_id", "household_id", "user_id",
)
TECHNICAL_FIELDS = {"id", "display_name", "complete_name", "commercial_partner_id", "assoc_email_hash",
                    "message_main_attachment_id", "signup_token", "calendar_last_notif_ack"}


def _jsonable(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, models.BaseModel):
        return ", ".join(value.mapped("display_name"))
    return value


class ResPartner(models.Model):
    _inherit = "res.partner"

    assoc_consent_ids = fields.One2many("assoc.consent", "partner_id", string="Consents")
    assoc_email_hash = fields.Char(
        string="Erased email pseudonym", index="btree_not_null", copy=False, readonly=True,
        groups="assoc_contacts.group_assoc_manager",
        help="Keyed hash of the email of an erased contact, kept only to recognise a re-import.",
    )
    assoc_erased = fields.Boolean(string="Erased", copy=False, readonly=True)
    assoc_previously_erased = fields.Boolean(
        string="Asked to be erased before", copy=False, readonly=True,
        help="The email matches a contact erased at their request: do not solicit them.",
    )

    # ------------------------------------------------------------ pseudonym
    @api.model
    def _assoc_email_hash(self, email, secret=None):
        normalized = email_normalize(email or "")
        if not normalized:
            return False
        secret = secret or self._assoc_hash_secret()
        return hmac.new(secret.encode(), normalized.encode(), hashlib.sha256).hexdigest()

    @api.model
    def _assoc_hash_secret(self):
        params = self.env["ir.config_parameter"].sudo()
        secret = params.get_param(SECRET_PARAM)
        if not secret:
            secret = secrets.token_hex(32)
            params.set_param(SECRET_PARAM, secret)
        return secret

    @api.model_create_multi
    def create(self, vals_list):
        partners = super().create(vals_list)
        if any(vals.get("email") for vals in vals_list):
            partners._assoc_flag_previously_erased()
        return partners

    def write(self, vals):
        result = super().write(vals)
        if vals.get("email"):
            self._assoc_flag_previously_erased()
        if "active" in vals and not vals["active"]:
            self._assoc_leave_groups()
        return result

    def _assoc_leave_groups(self):
        """Archived contacts leave the current member lists of their groups."""
        lines = self.env["assoc.group.member"].sudo().search(
            [("partner_id", "in", self.ids), ("is_current", "=", True)])
        lines.write({"date_leave": fields.Date.context_today(self)})

    def _assoc_flag_previously_erased(self):
        """A contact created again with the email of an erased one keeps its objection."""
        secret = self._assoc_hash_secret()
        hashes = {partner: self._assoc_email_hash(partner.email, secret) for partner in self if partner.email}
        hashes = {partner: digest for partner, digest in hashes.items() if digest}
        if not hashes:
            return
        # ordered by id: the default order (complete_name) would write the new contacts' names on its own
        erased = self.sudo().with_context(active_test=False).search_read(
            [("assoc_email_hash", "in", list(hashes.values())), ("assoc_erased", "=", True)], ["assoc_email_hash"],
            order="id",
        )
        known = {row["assoc_email_hash"] for row in erased}
        flagged = self.browse([partner.id for partner, digest in hashes.items() if digest in known])
        if flagged:
            flagged.sudo().write({"assoc_previously_erased": True})
            blacklist = self.env["mail.blacklist"].sudo()
            for email in set(flagged.mapped("email_normalized")):
                blacklist._add(email, message=_("This address belonged to a contact erased at their request."))

    # -------------------------------------------------------- right of access
    def _assoc_gdpr_data(self):
        """Everything held about this contact, as {section: [row dicts]}. Every addon that stores
        personal data extends it (super() then its own sections)."""
        self.ensure_one()
        partner = self.sudo()
        return {
            "contact": [partner._assoc_gdpr_partner_values()],
            "consents": partner._assoc_gdpr_rows(partner.assoc_consent_ids, [
                "date", "purpose_id", "channel", "state", "source", "email", "proof_text", "proof_form", "proof_ip"]),
            "interactions": partner._assoc_gdpr_rows(partner.assoc_interaction_ids, [
                "date", "type_id", "category", "name", "note", "user_id", "source"]),
            "engagements": partner._assoc_gdpr_rows(partner.assoc_engagement_ids, [
                "type_id", "source", "date_start", "date_end", "note"]),
            "affiliations": partner._assoc_gdpr_rows(partner.assoc_affiliation_ids, [
                "organisation_id", "function", "date_start", "date_end", "note"]),
            "groups": partner._assoc_gdpr_rows(partner.assoc_group_member_ids, [
                "group_id", "role", "date_join", "date_leave"]),
            "secondary_emails": partner._assoc_gdpr_rows(partner.assoc_email_ids, ["email", "label"]),
            "messages": partner._assoc_gdpr_rows(
                self.env["mail.message"].sudo().search([("model", "=", "res.partner"), ("res_id", "=", partner.id),
                                                        ("message_type", "!=", "user_notification")]),
                ["date", "author_id", "subject", "body", "message_type"]),
            "attachments": partner._assoc_gdpr_rows(
                partner._assoc_gdpr_attachments(), ["name", "mimetype", "create_date"]),
            "documents": partner._assoc_gdpr_rows(
                partner._assoc_gdpr_document_attachments(), ["name", "res_model", "mimetype", "create_date"]),
            **{model.replace(".", "_"): partner._assoc_gdpr_rows(records, partner._assoc_gdpr_field_names(records))
               for model, records in partner._assoc_gdpr_other_records().items()},
        }

    def _assoc_gdpr_other_records(self):
        """Records of the other association models that name this contact in partner_id
        (memberships, gifts, receipts...), found from the registry so that every addon's data is
        covered even before it extends the hook."""
        covered = {"assoc.consent", "assoc.interaction", "assoc.engagement", "assoc.affiliation",
                   "assoc.group.member", "assoc.partner.email", "assoc.gdpr.log"}
        found = {}
        for name in sorted(self.env.registry.models):
            Model = self.env[name]
            field = Model._fields.get("partner_id")
            if (not name.startswith("assoc.") or name in covered or Model._transient or Model._abstract
                    or not Model._auto or not field or field.type != "many2one" or field.comodel_name != "res.partner"
                    or not field.store):
                continue
            records = Model.sudo().with_context(active_test=False).search([("partner_id", "=", self.id)])
            if records:
                found[name] = records
        return found

    @api.model
    def _assoc_gdpr_field_names(self, records):
        return [name for name, field in records._fields.items()
                if field.store and field.type not in ("binary", "one2many", "many2many")
                and name not in TECHNICAL_FIELDS and not name.startswith(("message_", "activity_"))
                and name not in ("create_uid", "write_uid", "write_date", "partner_id")]

    def _assoc_gdpr_partner_values(self):
        values = {}
        for name, field in self._fields.items():
            if (not field.store or name in TECHNICAL_FIELDS or field.type in ("binary", "one2many")
                    or name.startswith(("message_", "activity_", "website_message"))):
                continue
            values[field.string or name] = _jsonable(self[name])
        return values

    @api.model
    def _assoc_gdpr_rows(self, records, field_names):
        labels = {name: records._fields[name].string for name in field_names}
        return [{labels[name]: _jsonable(record[name]) for name in field_names} for record in records]

    def _assoc_gdpr_attachments(self):
        return self.env["ir.attachment"].sudo().search(
            [("res_model", "=", "res.partner"), ("res_id", "=", self.id), ("res_field", "=", False)]
        )

    def _assoc_gdpr_document_attachments(self):
        """Documents attached to the contact's other records (issued receipts, membership cards,
        attestations...): part of the export, and kept with their records by an erasure."""
        domains = [[("res_model", "=", model), ("res_id", "in", records.ids)]
                   for model, records in self._assoc_gdpr_other_records().items()]
        if not domains:
            return self.env["ir.attachment"]
        return self.env["ir.attachment"].sudo().search(expression.OR(domains))

    def _assoc_gdpr_zip(self):
        """The ZIP file: data.json with every section, one CSV per section, the attachments of
        the contact and the documents of its other records."""
        self.ensure_one()
        data = self._assoc_gdpr_data()
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("data.json", json.dumps(data, ensure_ascii=False, indent=2, default=str))
            for section, rows in data.items():
                archive.writestr(f"{section}.csv", self._assoc_csv(rows))
            for attachment in self._assoc_gdpr_attachments():
                archive.writestr(f"attachments/{attachment.id}-{attachment.name}", attachment.raw or b"")
            for attachment in self._assoc_gdpr_document_attachments():
                archive.writestr(f"documents/{attachment.id}-{attachment.name}", attachment.raw or b"")
        return buffer.getvalue()

    @api.model
    def _assoc_csv(self, rows):
        out = io.StringIO()
        columns = list(dict.fromkeys(key for row in rows for key in row))
        writer = csv.DictWriter(out, fieldnames=columns, delimiter=";")
        writer.writeheader()
        writer.writerows({key: "" if value in (None, False) else value for key, value in row.items()} for row in rows)
        return out.getvalue().encode("utf-8-sig")

    def _assoc_check_gdpr_right(self, group):
        if not self.env.user.has_group(group) and not self.env.is_superuser():
            raise AccessError(_("Only the association's data protection managers may handle this request."))

    def action_assoc_gdpr_export(self):
        """Right of access (art. 15): store the ZIP on the contact and download it."""
        self.ensure_one()
        self._assoc_check_gdpr_right("assoc_contacts.group_assoc_bureau")
        self.check_access("read")
        attachment = self.env["ir.attachment"].sudo().create({
            "name": _("personal-data-%(id)s-%(date)s.zip", id=self.id, date=fields.Date.today()),
            "datas": base64.b64encode(self._assoc_gdpr_zip()),
            "mimetype": "application/zip",
            "res_model": "res.partner",
            "res_id": self.id,
        })
        self.env["assoc.gdpr.log"].sudo().create({"partner_id": self.id, "kind": "access",
                                                  "note": attachment.name})
        return {"type": "ir.actions.act_url", "url": f"/web/content/{attachment.id}?download=true", "target": "self"}

    # ------------------------------------------------------- right to erasure
    def _assoc_gdpr_erase(self):
        """Delete or anonymize what this addon holds about the contact; return notes on what
        the law makes us keep. Addons extend it (super() then their own data)."""
        self.ensure_one()
        partner = self.sudo().with_context(active_test=False)
        self.env["assoc.duplicate"].sudo().search(
            ["|", ("partner_a_id", "=", partner.id), ("partner_b_id", "=", partner.id)]).unlink()
        for records in (partner.assoc_consent_ids, partner.assoc_interaction_ids, partner.assoc_engagement_ids,
                        partner.assoc_affiliation_ids, partner.assoc_organisation_member_ids,
                        partner.assoc_group_member_ids, partner.assoc_email_ids, partner.activity_ids,
                        partner._assoc_gdpr_attachments()):
            records.unlink()
        self.env["mail.message"].sudo().search([("model", "=", "res.partner"), ("res_id", "=", partner.id)]).unlink()
        partner.message_follower_ids.unlink()
        if partner.email_normalized:
            self.env["mail.blacklist"].sudo().with_context(active_test=False).search(
                [("email", "=", partner.email_normalized)]).unlink()
        return [
            _("Kept (legal obligations, accounting): %(model)s × %(count)s",
              model=self.env["ir.model"]._get(name).name, count=len(records))
            for name, records in partner._assoc_gdpr_other_records().items()
        ]

    def action_assoc_gdpr_erase(self):
        """Right to erasure (art. 17): anonymize the contact, keep what the law requires."""
        self._assoc_check_gdpr_right("assoc_contacts.group_assoc_manager")
        for partner in self:
            if partner.user_ids or partner in self.env["res.company"].sudo().search([]).partner_id:
                raise UserError(_("%(name)s is a user or a company of this database and cannot be erased.",
                                  name=partner.display_name))
            kept = partner._assoc_gdpr_erase()
            email_hash = self._assoc_email_hash(partner.email)
            custom = {name: False for name, field in partner._fields.items()
                      if name.startswith("x_") and field.store and not field.readonly}
            partner.sudo().with_context(assoc_system_tags=True).write({
                **{name: False for name in ERASED_FIELDS if name in partner._fields}, **custom,
                "name": _("Erased contact %(id)s", id=partner.id),
                "category_id": [fields.Command.clear()],
                "assoc_email_hash": email_hash,
                "assoc_erased": True,
                "active": False,
            })
            self.env["assoc.gdpr.log"].sudo().create({
                "partner_id": partner.id, "kind": "erasure",
                "note": "\n".join([_("Personal data erased."), *kept]),
            })
        return True
