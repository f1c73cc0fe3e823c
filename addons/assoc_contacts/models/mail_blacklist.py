from odoo import _, api, models


class MailBlacklist(models.Model):
    """Keep consents and Odoo's email blacklist in step: blacklisting an address records a
    withdrawal for its contacts, lifting the blacklist records a grant."""

    _inherit = "mail.blacklist"

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        records._assoc_record_consents()
        return records

    def write(self, vals):
        result = super().write(vals)
        if "active" in vals:
            self._assoc_record_consents()
        return result

    def _assoc_record_consents(self):
        if self.env.context.get("assoc_from_consent") or not self:
            return
        partners = self.env["res.partner"].sudo().with_context(active_test=False).search(
            [("email_normalized", "in", self.mapped("email"))]
        )
        state_by_email = {record.email: "withdrawn" if record.active else "granted" for record in self}
        author = self.env.user.name
        self.env["assoc.consent"].sudo().with_context(assoc_from_blacklist=True).create([
            {
                "partner_id": partner.id,
                "channel": "email",
                "state": state_by_email[partner.email_normalized],
                "source": "blacklist",
                "email": partner.email_normalized,
                "proof_text": (_("Added to the email blacklist by %(user)s", user=author)
                               if state_by_email[partner.email_normalized] == "withdrawn"
                               else _("Removed from the email blacklist by %(user)s", user=author)),
            }
            for partner in partners
        ])
