from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    assoc_dues_account_id = fields.Many2one(related="company_id.assoc_dues_account_id", readonly=False)
    assoc_dues_counterpart_account_id = fields.Many2one(
        related="company_id.assoc_dues_counterpart_account_id", readonly=False
    )
    assoc_membership_bank_journal_id = fields.Many2one(
        related="company_id.assoc_membership_bank_journal_id", readonly=False
    )
    assoc_membership_cash_journal_id = fields.Many2one(
        related="company_id.assoc_membership_cash_journal_id", readonly=False
    )
    assoc_membership_cheque_journal_id = fields.Many2one(
        related="company_id.assoc_membership_cheque_journal_id", readonly=False
    )
