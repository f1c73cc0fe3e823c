from markupsafe import escape

from odoo import api, fields, models

FORM_VIEW = "assoc_contacts.view_res_partner_form_assoc_custom"
SEARCH_VIEW = "assoc_contacts.view_res_partner_search_assoc_custom"
LIST_VIEW = "assoc_contacts.view_res_partner_list_assoc_custom"
PLACEHOLDER = '<xpath expr="/*" position="inside"/>'


class AssocCustomSection(models.Model):
    """A named group of custom contact fields, shown as a page of the contact form."""

    _name = "assoc.custom.section"
    _description = "Custom field section"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    field_ids = fields.One2many("assoc.custom.field", "section_id", string="Fields", copy=False)
    field_count = fields.Integer(compute="_compute_field_count")

    @api.depends("field_ids")
    def _compute_field_count(self):
        for section in self:
            section.field_count = len(section.field_ids)

    @api.model_create_multi
    def create(self, vals_list):
        sections = super().create(vals_list)
        self._rebuild_partner_views()
        return sections

    def write(self, vals):
        result = super().write(vals)
        if {"name", "sequence"} & set(vals):
            self._rebuild_partner_views()
        return result

    def unlink(self):
        technical = self.field_ids.field_id.sudo()
        result = super().unlink()
        self._rebuild_partner_views()
        technical.exists().unlink()
        return result

    def action_apply(self):
        """Reload the web client on the contacts so that the new fields show at once."""
        return {
            "type": "ir.actions.client",
            "tag": "reload",
            "params": {"action_id": self.env.ref("assoc_contacts.action_assoc_contacts").id},
        }

    # ---------------------------------------------------------------- views
    @api.model
    def _rebuild_partner_views(self):
        """Write the three inherited contact views from the sections and their fields."""
        sections = self.sudo().search([])
        custom_fields = sections.field_ids.filtered("field_id").sorted(lambda f: (f.section_id.sequence,
                                                                               f.section_id.id, f.sequence, f.id))
        archs = {
            FORM_VIEW: self._form_arch(sections),
            SEARCH_VIEW: self._search_arch(custom_fields),
            LIST_VIEW: self._list_arch(custom_fields),
        }
        for xmlid, arch in archs.items():
            self.env.ref(xmlid).sudo().write({"arch_db": arch})

    @api.model
    def _form_arch(self, sections):
        pages = []
        for section in sections:
            names = section.field_ids.filtered("field_id").sorted(lambda f: (f.sequence, f.id)).mapped("name")
            if not names:
                continue
            field_tags = "".join(f'<field name="{name}"/>' for name in names)
            pages.append(
                f'<page string="{escape(section.name)}" name="assoc_custom_section_{section.id}">'
                f"<group>{field_tags}</group></page>"
            )
        if not pages:
            return PLACEHOLDER
        return f'<xpath expr="//notebook" position="inside">{"".join(pages)}</xpath>'

    @api.model
    def _search_arch(self, custom_fields):
        items, group_bys = [], []
        for field in custom_fields:
            label = escape(field.label)
            if field.field_type == "boolean":
                domain = f"[('{field.name}', '=', True)]"
                items.append(f'<filter name="{field.name}_set" string="{label}" domain="{domain}"/>')
            elif field.field_type != "date":
                items.append(f'<field name="{field.name}"/>')
            if field.field_type in ("boolean", "selection", "many2one"):
                group_bys.append(
                    f'<filter name="group_{field.name}" string="{label}" context="{{\'group_by\': \'{field.name}\'}}"/>'
                )
        if not items:
            return PLACEHOLDER
        group = f"<group>{''.join(group_bys)}</group>" if group_bys else ""
        return f'<xpath expr="/search" position="inside">{"".join(items)}{group}</xpath>'

    @api.model
    def _list_arch(self, custom_fields):
        if not custom_fields:
            return PLACEHOLDER
        columns = "".join(
            f'<field name="{field.name}" optional="{"show" if field.show_in_list else "hide"}"/>'
            for field in custom_fields
        )
        return f'<xpath expr="/list" position="inside">{columns}</xpath>'
