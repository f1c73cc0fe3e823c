from odoo import models

from ..report.address_fr import french_address_lines


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _assoc_postal_values(self):
        self.ensure_one()
        company = self.parent_id.commercial_partner_id if self.parent_id and not self.is_company else False
        return {
            "title": self.title.shortcut or self.title.name or "",
            "firstname": self.firstname or "",
            "lastname": self.lastname or "",
            "name": self.name or "",
            "is_company": self.is_company,
            "company": company.name if company else "",
            "street": self.street or "",
            "street2": self.street2 or "",
            "zip": self.zip or "",
            "city": self.city or "",
            "country_code": self.country_id.code or "",
            "country_name": self.country_id.name or "",
        }

    def _assoc_address_lines(self):
        """The postal address block in the French format (NF Z10-011)."""
        return [french_address_lines(partner._assoc_postal_values()) for partner in self]
