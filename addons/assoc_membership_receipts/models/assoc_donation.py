from odoo import _, api, models


class AssocDonation(models.Model):
    _inherit = "assoc.donation"

    def _assoc_political_given(self, partner_id, year, company_id):
        """Gifts plus the dues confirmed this calendar year, élus' dues excepted."""
        given = super()._assoc_political_given(partner_id, year, company_id)
        partner = self.env["res.partner"].browse(partner_id)
        if partner.assoc_elected_office:
            return given
        memberships = self.env["assoc.membership"].search(
            [
                ("partner_id", "=", partner_id),
                ("company_id", "=", company_id),
                ("state", "=", "confirmed"),
                ("date", ">=", f"{year}-01-01"),
                ("date", "<=", f"{year}-12-31"),
            ]
        )
        return given + sum(memberships.mapped("amount"))

    @api.model
    def _assoc_cnccfp_rows(self, company, year):
        """The CNCCFP list holds the dues paid too, flagging élus (their dues are outside the cap)."""
        rows = super()._assoc_cnccfp_rows(company, year)
        dues = self.env["assoc.membership"].search(
            [
                ("company_id", "=", company.id),
                ("state", "=", "confirmed"),
                ("amount", ">", 0),
                ("date", ">=", f"{year}-01-01"),
                ("date", "<=", f"{year}-12-31"),
            ]
        )
        methods = dict(dues._fields["payment_method"]._description_selection(self.env))
        return rows + [
            self._assoc_cnccfp_person(membership.partner_id)
            | {
                "reference": membership.display_name,
                "type": _("Dues"),
                "date": membership.date,
                "nationality": "",
                "attestation": "",
                "method": methods.get(membership.payment_method, ""),
                "amount": membership.amount,
                "currency": membership.currency_id.name,
                "receipt_number": "",
                "elected": _("Yes") if membership.partner_id.assoc_elected_office else _("No"),
            }
            for membership in dues
        ]
