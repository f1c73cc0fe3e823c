from odoo import models

from odoo.addons.base_import.models.base_import import ImportValidationError


class BaseImport(models.TransientModel):
    _inherit = "base_import.import"

    def _convert_import_data(self, fields, options):
        data, import_fields = super()._convert_import_data(fields, options)
        stats = self.env.context.get("assoc_import_stats")
        if stats is not None:
            stats["rows"] = len(data)
        return data, import_fields

    def _parse_date_from_data(self, data, index, name, field_type, options):
        """Odoo names the line of a bad date only in its message: give the error its row too,
        so that the import log and the web client point at it."""
        values = [line[index] for line in data]
        try:
            return super()._parse_date_from_data(data, index, name, field_type, options)
        except ImportValidationError as error:
            error.rows = next(({"from": num, "to": num} for num, value in enumerate(values)
                               if not self._assoc_date_parses(value, index, name, field_type, options)), False)
            raise

    def _assoc_date_parses(self, value, index, name, field_type, options):
        try:
            super()._parse_date_from_data([[value] * (index + 1)], index, name, field_type, options)
        except ImportValidationError:
            return False
        return True

    def execute_import(self, fields, columns, options, dryrun=False):
        if dryrun or self.res_model != "res.partner":
            return super().execute_import(fields, columns, options, dryrun=dryrun)
        self.env.cr.execute("SELECT COALESCE(max(id), 0) FROM res_partner")
        last_id_before = self.env.cr.fetchone()[0]
        stats = {"rows": 0}
        result = super(BaseImport, self.with_context(assoc_import_stats=stats)).execute_import(
            fields, columns, options, dryrun=dryrun
        )
        self._assoc_log_import(result, stats["rows"], last_id_before, options)
        return result

    def _assoc_column_label(self, message):
        """Parsing errors name the field, not its label."""
        fname = message.get("field") or (message.get("field_path") or [""])[0]
        field = self.env[self.res_model]._fields.get(fname)
        return field._description_string(self.env) if field else fname

    def _assoc_log_import(self, result, row_count, last_id_before, options):
        ids = result.get("ids") or []
        errors = [message for message in result.get("messages", []) if message.get("type") == "error"]
        first_row = 1 + (1 if options.get("has_headers") else 0) + (options.get("skip") or 0)
        self.env["assoc.import.log"].sudo().create({
            "file_name": self.file_name,
            "res_model": self.res_model,
            "row_count": row_count,
            "created_count": len([pid for pid in ids if pid > last_id_before]),
            "updated_count": len(set(pid for pid in ids if pid <= last_id_before)),
            "error_count": len(errors),
            "state": "failed" if errors else "done",
            "line_ids": [
                (0, 0, {
                    "row": message["rows"]["from"] + first_row if message.get("rows") else 0,
                    "column": message.get("field_name") or self._assoc_column_label(message),
                    "message": message.get("message"),
                })
                for message in errors
            ],
        })
