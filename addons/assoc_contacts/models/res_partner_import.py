from odoo import _, api, fields, models

from .duplicate_keys import email_key

IMPORT_TEMPLATE = "/assoc_contacts/static/xls/modele_import_contacts.xlsx"


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.model
    def get_import_templates(self):
        return [{"label": _("Contacts template (French columns)"), "template": IMPORT_TEMPLATE}]

    def _load_records(self, data_list, update=False, ignore_duplicates=False):
        if self.env.context.get("import_file"):
            self._assoc_match_imported_emails(data_list)
        return super()._load_records(data_list, update=update, ignore_duplicates=ignore_duplicates)

    @api.model
    def _assoc_match_imported_emails(self, data_list):
        """Rows whose email (normalized, main or secondary) is already known update that contact:
        only the filled cells are written, and imported tags are added, never replace the others."""
        rows = [
            data for data in data_list
            if not data.get("xml_id") and not data["values"].get("id") and email_key(data["values"].get("email"))
        ]
        if not rows:
            return
        known = self._assoc_partners_by_email_key({email_key(data["values"]["email"]) for data in rows})
        set_empty = set(self.env.context.get("import_set_empty_fields") or [])
        for data in rows:
            partner_id = known.get(email_key(data["values"]["email"]))
            if partner_id:
                data["values"] = self._assoc_update_values(data["values"], set_empty)
                data["values"]["id"] = partner_id

    @api.model
    def _assoc_partners_by_email_key(self, keys):
        self.flush_model(["assoc_email_key", "active"])
        self.env["assoc.partner.email"].flush_model(["email_key", "partner_id"])
        self.env.cr.execute(
            """SELECT key, min(partner_id) FROM (
                   SELECT assoc_email_key AS key, id AS partner_id FROM res_partner
                    WHERE assoc_email_key = ANY(%(keys)s) AND active
                   UNION ALL SELECT e.email_key, e.partner_id FROM assoc_partner_email e
                     JOIN res_partner p ON p.id = e.partner_id
                    WHERE e.email_key = ANY(%(keys)s) AND p.active) known GROUP BY key""",
            {"keys": list(keys)},
        )
        return dict(self.env.cr.fetchall())

    @api.model
    def _assoc_update_values(self, values, set_empty):
        updated = {}
        for fname, value in values.items():
            if value in (False, None, "") and fname not in set_empty:
                continue
            field = self._fields.get(fname)
            if field and field.type == "many2many" and isinstance(value, list):
                value = [self._assoc_link_instead_of_set(command) for command in value]
                value = [command for commands in value for command in commands]
            updated[fname] = value
        return updated

    @api.model
    def _assoc_link_instead_of_set(self, command):
        if command[0] == fields.Command.SET:
            return [fields.Command.link(record_id) for record_id in command[2]]
        return [command]
