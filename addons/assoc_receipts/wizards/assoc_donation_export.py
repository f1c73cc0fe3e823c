import base64
import csv
import io

import xlsxwriter

from odoo import _, fields, models
from odoo.exceptions import UserError


class AssocDonationExport(models.TransientModel):
    """The journal items of a selection of gifts, for an accountant working in another tool
    (the FEC itself is Odoo's own export)."""

    _name = "assoc.donation.export"
    _description = "Export the entries of gifts"

    donation_ids = fields.Many2many("assoc.donation", string="Gifts", required=True)
    file_format = fields.Selection([("csv", "CSV"), ("xlsx", "Excel (XLSX)")], default="csv", required=True)
    data = fields.Binary(readonly=True, attachment=False)
    filename = fields.Char(readonly=True)

    def _headers(self):
        return [_("Date"), _("Journal"), _("Entry"), _("Account"), _("Account name"), _("Partner"), _("Label"),
                _("Debit"), _("Credit"), _("Analytic"), _("Gift"), _("Campaign")]

    def action_export(self):
        rows = self.donation_ids._assoc_export_rows()
        if not rows:
            raise UserError(_("None of these gifts has a journal entry (gifts in kind are not posted)."))
        content = self._to_xlsx(rows) if self.file_format == "xlsx" else self._to_csv(rows)
        self.write({"data": base64.b64encode(content),
                    "filename": _("gift_entries.%s", self.file_format)})
        return {
            "type": "ir.actions.act_url", "target": "self",
            "url": f"/web/content/{self._name}/{self.id}/data/{self.filename}?download=true",
        }

    def _to_csv(self, rows):
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";")
        writer.writerow(self._headers())
        for row in rows:
            writer.writerow([row[0].isoformat(), *row[1:7], f"{row[7]:.2f}".replace(".", ","),
                             f"{row[8]:.2f}".replace(".", ","), *row[9:]])
        return ("\ufeff" + buffer.getvalue()).encode("utf-8")

    def _to_xlsx(self, rows):
        buffer = io.BytesIO()
        workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
        sheet = workbook.add_worksheet(_("Entries"))
        date_format = workbook.add_format({"num_format": "dd/mm/yyyy"})
        money_format = workbook.add_format({"num_format": "#,##0.00"})
        sheet.write_row(0, 0, self._headers(), workbook.add_format({"bold": True}))
        for index, row in enumerate(rows, start=1):
            sheet.write_datetime(index, 0, fields.Datetime.to_datetime(row[0]), date_format)
            sheet.write_row(index, 1, row[1:7])
            sheet.write_number(index, 7, row[7], money_format)
            sheet.write_number(index, 8, row[8], money_format)
            sheet.write_row(index, 9, row[9:])
        workbook.close()
        return buffer.getvalue()
