from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class AssocEmailingAttribute(models.Model):
    """A contact field sent to the emailing tools, and its name there (FNAME, ZIP...)."""

    _name = "assoc.emailing.attribute"
    _description = "Emailing attribute"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    field_name = fields.Char(string="Contact field", required=True, help="Technical name of the field on contacts.")
    remote_name = fields.Char(
        string="Name in the emailing tool",
        required=True,
        help="Upper case, as Brevo and Mailchimp expect (FNAME, LNAME...).",
    )

    @api.constrains("field_name")
    def _check_field_name(self):
        Partner = self.env["res.partner"]
        for attribute in self:
            if attribute.field_name not in Partner._fields:
                raise ValidationError(_("Contacts have no field %(field)s.", field=attribute.field_name))

    def _values(self, partners):
        """{partner id: {remote name: text}} for these attributes, read in one go."""
        names = [name for name in self.mapped("field_name") if name in partners._fields]
        rows = partners.read(names) if names else [{"id": pid} for pid in partners.ids]
        labels = {
            name: dict(partners._fields[name]._description_selection(self.env))
            for name in names
            if partners._fields[name].type == "selection"
        }
        result = {}
        for row in rows:
            values = {}
            for attribute in self:
                value = row.get(attribute.field_name)
                if attribute.field_name in labels:
                    value = labels[attribute.field_name].get(value, "")
                elif isinstance(value, tuple):
                    value = value[1]
                elif value is False or value is None:
                    value = ""
                values[attribute.remote_name] = str(value)
            result[row["id"]] = values
        return result
