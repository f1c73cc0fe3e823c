from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class AssocCustomField(models.Model):
    _inherit = "assoc.custom.field"

    portal_editable = fields.Boolean(
        string="Editable by the member", help="Shown in “My details” of the member space, where members can change it."
    )
    portal_directory = fields.Boolean(
        string="Shown in the member directory",
        help="Shown, for the members who opted in, in the member directory of the member space.",
    )

    @api.constrains("portal_editable", "portal_directory", "field_type")
    def _check_portal_field_type(self):
        for field in self:
            if field.field_type == "many2one" and (field.portal_editable or field.portal_directory):
                raise ValidationError(
                    _(
                        "A link to a contact cannot be shown in the member space: it would "
                        "reveal another contact (%(label)s).",
                        label=field.label,
                    )
                )
