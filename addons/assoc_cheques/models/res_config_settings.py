from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    assoc_cheque_journal_id = fields.Many2one(related="company_id.assoc_cheque_journal_id", readonly=False)
    assoc_cheque_income_account_id = fields.Many2one(
        related="company_id.assoc_cheque_income_account_id", readonly=False
    )
    assoc_slip_show_number = fields.Boolean(related="company_id.assoc_slip_show_number", readonly=False)
    assoc_slip_show_drawer = fields.Boolean(related="company_id.assoc_slip_show_drawer", readonly=False)
    assoc_slip_show_bank = fields.Boolean(related="company_id.assoc_slip_show_bank", readonly=False)
    assoc_slip_show_partner = fields.Boolean(related="company_id.assoc_slip_show_partner", readonly=False)
    assoc_slip_show_received_date = fields.Boolean(related="company_id.assoc_slip_show_received_date", readonly=False)
    assoc_slip_show_memo = fields.Boolean(related="company_id.assoc_slip_show_memo", readonly=False)
