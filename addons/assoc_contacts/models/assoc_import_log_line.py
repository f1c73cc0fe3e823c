from odoo import fields, models


class AssocImportLogLine(models.Model):
    _name = "assoc.import.log.line"
    _description = "Contact import error"
    _order = "log_id, row, id"

    log_id = fields.Many2one("assoc.import.log", required=True, index=True, ondelete="cascade")
    row = fields.Integer(readonly=True, help="Row of the file, as numbered by the spreadsheet.")
    column = fields.Char(readonly=True)
    message = fields.Text(readonly=True)
