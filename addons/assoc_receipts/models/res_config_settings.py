from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    assoc_siren_rna = fields.Char(related="company_id.assoc_siren_rna", readonly=False)
    assoc_receipt_object = fields.Text(related="company_id.assoc_receipt_object", readonly=False)
    assoc_receipt_quality = fields.Selection(related="company_id.assoc_receipt_quality", readonly=False)
    assoc_receipt_quality_other = fields.Char(related="company_id.assoc_receipt_quality_other", readonly=False)
    assoc_receipt_rup_decree_date = fields.Date(related="company_id.assoc_receipt_rup_decree_date", readonly=False)
    assoc_receipt_rup_jo_date = fields.Date(related="company_id.assoc_receipt_rup_jo_date", readonly=False)
    assoc_receipt_article_200 = fields.Boolean(related="company_id.assoc_receipt_article_200", readonly=False)
    assoc_receipt_article_978 = fields.Boolean(related="company_id.assoc_receipt_article_978", readonly=False)
    assoc_receipt_regime = fields.Selection(related="company_id.assoc_receipt_regime", readonly=False)
    assoc_receipt_mode = fields.Selection(related="company_id.assoc_receipt_mode", readonly=False)
    assoc_receipt_send = fields.Selection(related="company_id.assoc_receipt_send", readonly=False)
    assoc_receipt_place = fields.Char(related="company_id.assoc_receipt_place", readonly=False)
    assoc_receipt_signatory_name = fields.Char(related="company_id.assoc_receipt_signatory_name", readonly=False)
    assoc_receipt_signatory_role = fields.Char(related="company_id.assoc_receipt_signatory_role", readonly=False)
    assoc_receipt_signature = fields.Image(related="company_id.assoc_receipt_signature", readonly=False)
    assoc_receipt_logo = fields.Image(related="company_id.assoc_receipt_logo", readonly=False)
    assoc_receipt_thanks = fields.Text(related="company_id.assoc_receipt_thanks", readonly=False)
    assoc_receipt_sender = fields.Text(related="company_id.assoc_receipt_sender", readonly=False)
    assoc_political_mode = fields.Boolean(related="company_id.assoc_political_mode", readonly=False)
    assoc_donation_account_id = fields.Many2one(related="company_id.assoc_donation_account_id", readonly=False)
    assoc_patronage_account_id = fields.Many2one(related="company_id.assoc_patronage_account_id", readonly=False)
    assoc_donation_bank_journal_id = fields.Many2one(
        related="company_id.assoc_donation_bank_journal_id", readonly=False
    )
    assoc_donation_cash_journal_id = fields.Many2one(
        related="company_id.assoc_donation_cash_journal_id", readonly=False
    )
    assoc_cheque_journal_id = fields.Many2one(related="company_id.assoc_cheque_journal_id", readonly=False)
