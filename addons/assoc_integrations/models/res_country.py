from odoo import api, models, tools


class ResCountry(models.Model):
    _inherit = "res.country"

    @api.model
    @tools.ormcache("code")
    def _search_country_id(self, code):
        """Country id by ISO alpha-2 code, cached: integrations look it up for every person."""
        return self.search([("code", "=", code)], limit=1).id
