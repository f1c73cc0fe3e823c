import base64

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.assoc_contacts.tools.tabular import to_csv, to_xlsx

COLUMNS = [
    "reference",
    "type",
    "date",
    "donor_id",
    "civility",
    "firstname",
    "lastname",
    "street",
    "zip",
    "city",
    "country",
    "nationality",
    "attestation",
    "method",
    "amount",
    "currency",
    "receipt_number",
    "elected",
]


class AssocCnccfpExport(models.TransientModel):
    """Political party mode: the yearly list of the persons who gave gifts or paid dues, with
    their identity, address and each payment, that the party's financial agent gives the CNCCFP
    (loi n° 88-227 art. 11-4, domain-fr.md §4)."""

    _name = "assoc.cnccfp.export"
    _description = "CNCCFP list of donors and contributors"

    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)
    year = fields.Integer(required=True, default=lambda self: fields.Date.context_today(self).year - 1)
    file_format = fields.Selection([("csv", "CSV"), ("xlsx", "Excel (XLSX)")], default="xlsx", required=True)
    data = fields.Binary(readonly=True, attachment=False)
    filename = fields.Char(readonly=True)

    @api.model
    def _headers(self):
        return [
            _("Reference"),
            _("Type"),
            _("Date"),
            _("Donor id"),
            _("Civility"),
            _("First name"),
            _("Last name"),
            _("Street"),
            _("Postal code"),
            _("City"),
            _("Country"),
            _("Nationality"),
            _("Attestation"),
            _("Payment method"),
            _("Amount"),
            _("Currency"),
            _("CNCCFP receipt number"),
            _("Elected office"),
        ]

    def action_export(self):
        self.ensure_one()
        if not self.company_id.assoc_political_mode:
            raise UserError(_("The CNCCFP list exists only in political party mode (Settings)."))
        rows = self._in_columns(self.env["assoc.donation"]._assoc_cnccfp_rows(self.company_id, self.year))
        if not rows:
            raise UserError(_("No gift nor dues was received in %s.", self.year))
        content = (
            to_xlsx(_("CNCCFP %s", self.year), self._headers(), rows)
            if self.file_format == "xlsx"
            else to_csv(self._headers(), rows)
        )
        self.write({"data": base64.b64encode(content), "filename": f"cnccfp_{self.year}.{self.file_format}"})
        return {
            "type": "ir.actions.act_url",
            "target": "self",
            "url": f"/web/content/{self._name}/{self.id}/data/{self.filename}?download=true",
        }

    @api.model
    def _in_columns(self, rows):
        """The rows by person (name, first name, id), then by date, as lists in COLUMNS order."""
        rows = sorted(
            rows,
            key=lambda row: (
                row["lastname"].lower(),
                row["firstname"].lower(),
                row["donor_id"],
                row["date"],
                row["reference"],
            ),
        )
        return [[row[column] for column in COLUMNS] for row in rows]
