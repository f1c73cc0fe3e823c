from odoo import models


class AssocDonation(models.Model):
    _inherit = "assoc.donation"

    def _assoc_political_given(self, partner_id, year, company_id):
        """Gifts plus the dues confirmed this calendar year, élus' dues excepted."""
        given = super()._assoc_political_given(partner_id, year, company_id)
        partner = self.env["res.partner"].browse(partner_id)
        if partner.assoc_elected_office:
            return given
        memberships = self.env["assoc.membership"].search([
            ("partner_id", "=", partner_id), ("company_id", "=", company_id), ("state", "=", "confirmed"),
            ("date", ">=", f"{year}-01-01"), ("date", "<=", f"{year}-12-31")])
        return given + sum(memberships.mapped("amount"))
