from odoo import fields, models


class AssocImportLog(models.Model):
    """One import of contacts: who imported which file, what it created, updated or refused."""

    _name = "assoc.import.log"
    _description = "Contact import"
    _order = "id desc"
    _rec_name = "file_name"

    file_name = fields.Char(string="File", readonly=True)
    res_model = fields.Char(string="Model", readonly=True)
    user_id = fields.Many2one("res.users", string="Imported by", readonly=True, default=lambda self: self.env.user)
    date = fields.Datetime(readonly=True, default=fields.Datetime.now)
    row_count = fields.Integer(string="Rows", readonly=True)
    created_count = fields.Integer(string="Created", readonly=True)
    updated_count = fields.Integer(string="Updated", readonly=True)
    error_count = fields.Integer(string="Errors", readonly=True)
    state = fields.Selection([("done", "Imported"), ("failed", "Refused")], readonly=True, required=True)
    line_ids = fields.One2many("assoc.import.log.line", "log_id", string="Errors by row", readonly=True)
