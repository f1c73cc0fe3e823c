from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    assoc_portal_info = fields.Boolean(related="company_id.assoc_portal_info", readonly=False)
    assoc_portal_history = fields.Boolean(related="company_id.assoc_portal_history", readonly=False)
    assoc_portal_directory = fields.Boolean(related="company_id.assoc_portal_directory", readonly=False)
    assoc_portal_payments = fields.Boolean(related="company_id.assoc_portal_payments", readonly=False)
    assoc_portal_card = fields.Boolean(related="company_id.assoc_portal_card", readonly=False)
    assoc_portal_signup = fields.Boolean(related="company_id.assoc_portal_signup", readonly=False)
    assoc_portal_donate_url = fields.Char(related="company_id.assoc_portal_donate_url", readonly=False)
    assoc_portal_join_url = fields.Char(related="company_id.assoc_portal_join_url", readonly=False)
    assoc_portal_renew_url = fields.Char(related="company_id.assoc_portal_renew_url", readonly=False)
    assoc_portal_renew_days = fields.Integer(related="company_id.assoc_portal_renew_days", readonly=False)
    assoc_portal_welcome = fields.Html(related="company_id.assoc_portal_welcome", readonly=False)
    assoc_portal_directory_text = fields.Html(related="company_id.assoc_portal_directory_text", readonly=False)
    assoc_portal_dir_email = fields.Boolean(related="company_id.assoc_portal_dir_email", readonly=False)
    assoc_portal_dir_phone = fields.Boolean(related="company_id.assoc_portal_dir_phone", readonly=False)
    assoc_portal_dir_city = fields.Boolean(related="company_id.assoc_portal_dir_city", readonly=False)
    assoc_portal_dir_department = fields.Boolean(related="company_id.assoc_portal_dir_department", readonly=False)
    assoc_portal_logo = fields.Binary(related="company_id.assoc_portal_logo", readonly=False)
    assoc_portal_primary_color = fields.Char(related="company_id.assoc_portal_primary_color", readonly=False)
    assoc_portal_secondary_color = fields.Char(related="company_id.assoc_portal_secondary_color", readonly=False)
