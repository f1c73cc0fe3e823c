from odoo import fields, models


class AssocDuplicateMergeLine(models.TransientModel):
    _name = "assoc.duplicate.merge.line"
    _description = "Value held differently by two contacts"

    wizard_id = fields.Many2one("assoc.duplicate.merge", required=True, ondelete="cascade")
    field_name = fields.Char(required=True)
    field_label = fields.Char(string="Field", readonly=True)
    value_a = fields.Char(string="First contact", readonly=True)
    value_b = fields.Char(string="Second contact", readonly=True)
    keep = fields.Selection([("a", "First contact"), ("b", "Second contact")], string="Keep")
