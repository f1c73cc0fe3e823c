from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    assoc_email_invalid = fields.Boolean(
        string="Email invalid",
        copy=False,
        index=True,
        help="An emailing tool reported a hard bounce: the address does not exist. Correcting the email clears it.",
    )

    def write(self, vals):
        corrected = self.browse()
        if "email" in vals and "assoc_email_invalid" not in vals:
            corrected = self.filtered(lambda partner: partner.assoc_email_invalid and partner.email != vals["email"])
        result = super().write(vals)
        if corrected:
            super(ResPartner, corrected).write({"assoc_email_invalid": False})
        return result
