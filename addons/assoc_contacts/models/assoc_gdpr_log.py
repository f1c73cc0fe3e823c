from odoo import fields, models


class AssocGdprLog(models.Model):
    """Register of the data protection requests handled (art. 5-2 GDPR accountability):
    what was done, when, by whom. It holds no personal data beyond the contact's id."""

    _name = "assoc.gdpr.log"
    _description = "Data protection request"
    _order = "date desc, id desc"

    partner_id = fields.Many2one("res.partner", string="Contact", index=True, ondelete="set null")
    kind = fields.Selection(
        [("access", "Right of access (export)"), ("erasure", "Right to erasure"), ("archive", "Automatic archiving")],
        required=True,
    )
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    user_id = fields.Many2one("res.users", string="Handled by", default=lambda self: self.env.user)
    note = fields.Text()
