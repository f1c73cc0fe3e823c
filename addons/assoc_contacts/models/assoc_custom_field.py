import re
import unicodedata

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError, ValidationError

FIELD_TYPES = [
    ("boolean", "Yes/No"),
    ("char", "Short text"),
    ("text", "Long text"),
    ("integer", "Whole number"),
    ("float", "Decimal number"),
    ("date", "Date"),
    ("selection", "Choice list"),
    ("many2one", "Link to a contact"),
]


def slugify(text, max_length=30):
    folded = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", folded.lower()).strip("_")[:max_length] or "field"


class AssocCustomField(models.Model):
    """A contact field added from the UI: a real `x_` field of res.partner, so that it can be
    searched, filtered, exported, imported and used in segments."""

    _name = "assoc.custom.field"
    _description = "Custom contact field"
    _order = "section_id, sequence, id"
    _rec_name = "label"

    section_id = fields.Many2one("assoc.custom.section", string="Section", required=True, ondelete="cascade",
                                 index=True)
    label = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    field_type = fields.Selection(FIELD_TYPES, string="Type", required=True, default="char")
    selection_options = fields.Text(
        string="Choices", help="One choice per line, for the 'Choice list' type."
    )
    show_in_list = fields.Boolean(string="Column shown in the list")
    help_text = fields.Char(string="Help")
    field_id = fields.Many2one("ir.model.fields", string="Technical field", readonly=True, ondelete="cascade")
    name = fields.Char(string="Technical name", related="field_id.name")

    @api.constrains("field_type", "selection_options")
    def _check_selection_options(self):
        for field in self:
            if field.field_type == "selection" and not field._options():
                raise ValidationError(_("The choice list %(label)s needs at least one choice.", label=field.label))

    def _options(self):
        lines = [line.strip() for line in (self.selection_options or "").splitlines()]
        return [line for line in lines if line]

    def _selection_commands(self):
        commands, seen = [], set()
        for sequence, option in enumerate(self._options()):
            key = slugify(option, 60)
            while key in seen:
                key += "_"
            seen.add(key)
            commands.append(Command.create({"value": key, "name": option, "sequence": sequence}))
        return commands

    @api.model
    def _free_technical_name(self, label):
        base = f"x_assoc_{slugify(label)}"
        taken = set(self.env["res.partner"]._fields) | set(
            self.env["ir.model.fields"].sudo().search([("model", "=", "res.partner"), ("name", "=like", f"{base}%")])
            .mapped("name")
        )
        name, counter = base, 2
        while name in taken:
            name, counter = f"{base}_{counter}", counter + 1
        return name

    def _ir_field_values(self):
        values = {
            "model_id": self.env["ir.model"]._get_id("res.partner"),
            "name": self._free_technical_name(self.label),
            "field_description": self.label,
            "help": self.help_text,
            "ttype": self.field_type,
            "state": "manual",
            "copied": False,
        }
        if self.field_type == "selection":
            values["selection_ids"] = self._selection_commands()
        elif self.field_type == "many2one":
            values.update(relation="res.partner", on_delete="set null")
        return values

    @api.model_create_multi
    def create(self, vals_list):
        custom_fields = super().create(vals_list)
        for field in custom_fields:
            field.field_id = self.env["ir.model.fields"].sudo().create(field._ir_field_values())
        self.env["assoc.custom.section"]._rebuild_partner_views()
        return custom_fields

    def write(self, vals):
        if "field_type" in vals and any(field.field_type != vals["field_type"] for field in self):
            raise UserError(_("The type of a field cannot change once created: add a new field instead."))
        result = super().write(vals)
        for field in self.filtered("field_id"):
            technical = field.field_id.sudo()
            if {"label", "help_text"} & set(vals):
                technical.write({"field_description": field.label, "help": field.help_text})
            if "selection_options" in vals and field.field_type == "selection":
                field._update_selection(technical)
        if {"section_id", "sequence", "show_in_list", "label"} & set(vals):
            self.env["assoc.custom.section"]._rebuild_partner_views()
        return result

    def _update_selection(self, technical):
        """Keep the existing choices (values already stored on contacts), add the new ones."""
        existing = {selection.name: selection for selection in technical.selection_ids}
        wanted = self._options()
        removed = technical.selection_ids.filtered(lambda s: s.name not in wanted)
        if removed:
            raise UserError(_("Choices cannot be removed once created (contacts may hold them): %(choices)s",
                              choices=", ".join(removed.mapped("name"))))
        new_commands = [command for command in self._selection_commands() if command[2]["name"] not in existing]
        if new_commands:
            technical.write({"selection_ids": new_commands})

    def unlink(self):
        technical = self.field_id.sudo()
        result = super().unlink()
        self.env["assoc.custom.section"]._rebuild_partner_views()
        technical.exists().unlink()
        return result
