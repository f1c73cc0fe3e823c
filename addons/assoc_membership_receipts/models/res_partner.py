from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    assoc_elected_office = fields.Boolean(
        string="Holds an elected office",
        help="Political party mode: the dues of national or local elected officials are outside the "
        "yearly cap (loi n° 88-227, art. 11-4 al. 2).")
