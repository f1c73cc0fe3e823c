import re

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

COLOR_RE = re.compile(r"#[0-9a-fA-F]{6}")


class ResCompany(models.Model):
    """The association's choices for its member space (Odoo's portal, /my)."""

    _inherit = "res.company"

    assoc_portal_info = fields.Boolean(string="Page “My details”", default=True)
    assoc_portal_history = fields.Boolean(string="Page “My history”", default=True)
    assoc_portal_directory = fields.Boolean(string="Page “Member directory”", default=True)
    assoc_portal_payments = fields.Boolean(string="Page “Payments and receipts”", default=True)
    assoc_portal_card = fields.Boolean(string="Page “My membership card”", default=True)
    assoc_portal_signup = fields.Boolean(
        string="Known contacts can ask for an account",
        default=True,
        help="A person whose email is already in the contacts can ask for their member space: an "
        "invitation is emailed to that address, so only its owner can use it.",
    )
    assoc_portal_donate_url = fields.Char(
        string="“Make a donation” link", help="Your donation form, for example a HelloAsso page."
    )
    assoc_portal_join_url = fields.Char(string="“Become a member” link", help="Your membership form.")
    assoc_portal_renew_url = fields.Char(
        string="Renewal link", help="Where members renew (HelloAsso link or a page); the membership link when empty."
    )
    assoc_portal_renew_days = fields.Integer(
        string="Renewal notice (days)",
        default=30,
        help="The member space shows a renewal notice this many days before the membership ends.",
    )
    assoc_portal_welcome = fields.Html(string="Welcome text", translate=True, sanitize=True)
    assoc_portal_directory_text = fields.Html(string="Directory text", translate=True, sanitize=True)
    assoc_portal_dir_email = fields.Boolean(string="Email in the directory")
    assoc_portal_dir_phone = fields.Boolean(string="Phone in the directory")
    assoc_portal_dir_city = fields.Boolean(string="City in the directory", default=True)
    assoc_portal_dir_department = fields.Boolean(string="Département in the directory", default=True)
    assoc_portal_logo = fields.Binary(string="Member space logo", help="The company logo when empty.")
    assoc_portal_primary_color = fields.Char(string="Main colour", default="#1f6f8b")
    assoc_portal_secondary_color = fields.Char(string="Second colour", default="#e8f1f4")

    @api.constrains("assoc_portal_primary_color", "assoc_portal_secondary_color")
    def _check_assoc_portal_colors(self):
        for company in self:
            for color in (company.assoc_portal_primary_color, company.assoc_portal_secondary_color):
                if color and not COLOR_RE.fullmatch(color):
                    raise ValidationError(_("The colour %(color)s is not a colour code like #1f6f8b.", color=color))

    @api.constrains("assoc_portal_donate_url", "assoc_portal_join_url", "assoc_portal_renew_url")
    def _check_assoc_portal_urls(self):
        for company in self:
            for url in (company.assoc_portal_donate_url, company.assoc_portal_join_url, company.assoc_portal_renew_url):
                if url and not re.match(r"(https?://|/)", url):
                    raise ValidationError(_("The link %(url)s must start with https://, http:// or /.", url=url))

    def _assoc_portal_directory_fields(self):
        """res.partner fields shown in the member directory, in display order."""
        self.ensure_one()
        chosen = [
            ("email", self.assoc_portal_dir_email),
            ("phone", self.assoc_portal_dir_phone),
            ("city", self.assoc_portal_dir_city),
            ("department_id", self.assoc_portal_dir_department),
        ]
        return [name for name, shown in chosen if shown]

    def _assoc_portal_logo_url(self):
        self.ensure_one()
        if self.with_context(bin_size=True).assoc_portal_logo:
            return f"/web/image/res.company/{self.id}/assoc_portal_logo"
        return f"/logo.png?company={self.id}"

    def _assoc_portal_style(self):
        """The portal colours as CSS (the values are checked colour codes)."""
        self.ensure_one()
        primary = self.assoc_portal_primary_color or "#1f6f8b"
        secondary = self.assoc_portal_secondary_color or "#e8f1f4"
        return Markup(
            ".o_assoc_portal .btn-primary{--bs-btn-bg:%(p)s;--bs-btn-border-color:%(p)s;--bs-btn-hover-bg:%(p)s;"
            "--bs-btn-hover-border-color:%(p)s;--bs-btn-active-bg:%(p)s;--bs-btn-active-border-color:%(p)s;"
            "filter:none}.o_assoc_portal a:not(.btn){color:%(p)s}"
            ".o_assoc_portal_banner{background-color:%(s)s;border-bottom:3px solid %(p)s}"
            ".o_assoc_portal_banner .o_assoc_portal_title{color:%(p)s}"
        ) % {"p": primary, "s": secondary}
