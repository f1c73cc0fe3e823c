from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import email_normalize


class AssocPartnerEmail(models.Model):
    """An additional email address of a contact (work, old address, ...)."""

    _name = "assoc.partner.email"
    _description = "Secondary email"
    _order = "partner_id, sequence, id"
    _rec_name = "email"

    partner_id = fields.Many2one("res.partner", string="Contact", required=True, index=True, ondelete="cascade")
    email = fields.Char(required=True, index=True)
    label = fields.Char(help="For example: work, former address.")
    sequence = fields.Integer(default=10)

    @api.constrains("email")
    def _check_email(self):
        for record in self:
            if not email_normalize(record.email):
                raise ValidationError(_("%(email)s is not a valid email address.", email=record.email))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("email"):
                vals["email"] = vals["email"].strip()
        return super().create(vals_list)
