from odoo import api, fields, models

from .duplicate_keys import email_key


class AssocPartnerEmail(models.Model):
    _inherit = "assoc.partner.email"

    email_key = fields.Char(compute="_compute_email_key", store=True, index=True, copy=False)

    @api.depends("email")
    def _compute_email_key(self):
        for record in self:
            record.email_key = email_key(record.email)

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        if not self.env.context.get("assoc_skip_duplicate_check"):
            records.partner_id._assoc_check_email_duplicates()
        return records

    def write(self, vals):
        result = super().write(vals)
        if vals.get("email") and not self.env.context.get("assoc_skip_duplicate_check"):
            self.partner_id._assoc_check_email_duplicates()
        return result
