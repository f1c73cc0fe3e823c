from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    assoc_retention_prospect_years = fields.Integer(
        string="Prospects (years)", default=3, config_parameter="assoc_contacts.retention_prospect_years",
        help="CNIL: 3 years from collection or the last contact coming from the prospect.",
    )
    assoc_retention_donor_years = fields.Integer(
        string="Donors (years)", default=3, config_parameter="assoc_contacts.retention_donor_years",
        help="CNIL: 3 years after the last gift or contact, for solicitation.",
    )
    assoc_retention_former_member_years = fields.Integer(
        string="Former members (years)", default=3,
        config_parameter="assoc_contacts.retention_former_member_years",
        help="3 years after leaving, by analogy with the CNIL guidance for donors.",
    )
    assoc_mass_mail_limit = fields.Integer(
        string="Recipients per email (local profiles)", default=50,
        config_parameter="assoc_contacts.mass_mail_limit",
        help="Territory delegates, animators, collectors and volunteers cannot email more people at once.",
    )
