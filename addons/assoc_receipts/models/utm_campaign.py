from odoo import fields, models


class UtmCampaign(models.Model):
    _inherit = "utm.campaign"

    assoc_income_account_id = fields.Many2one(
        "account.account",
        string="Gifts income account",
        company_dependent=True,
        help="Income account credited by the gifts of this campaign (754x); empty: the company's.",
    )
    assoc_analytic_account_id = fields.Many2one(
        "account.analytic.account",
        string="Analytic account (gifts)",
        help="Default analytic account of the gifts of this campaign.",
    )
    assoc_donation_ids = fields.One2many("assoc.donation", "campaign_id", string="Gifts")
