import base64

from odoo import _, fields, models
from odoo.exceptions import UserError

from odoo.addons.assoc_contacts.tools.tabular import to_csv, to_xlsx


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
        return [
            _("Date"),
            _("Journal"),
            _("Entry"),
            _("Account"),
            _("Account name"),
            _("Partner"),
            _("Label"),
            _("Debit"),
            _("Credit"),
            _("Analytic"),
            _("Gift"),
            _("Campaign"),
        ]

    def action_export(self):
        rows = self.donation_ids._assoc_export_rows()
        if not rows:
            raise UserError(_("None of these gifts has a journal entry (gifts in kind are not posted)."))
        content = (
            to_xlsx(_("Entries"), self._headers(), rows)
            if self.file_format == "xlsx"
            else to_csv(self._headers(), rows)
        )
        self.write({"data": base64.b64encode(content), "filename": _("gift_entries.%s", self.file_format)})
        return {
            "type": "ir.actions.act_url",
            "target": "self",
            "url": f"/web/content/{self._name}/{self.id}/data/{self.filename}?download=true",
        }
