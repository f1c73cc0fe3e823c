from odoo import _, api, fields, models
from odoo.exceptions import UserError


class AssocInteractionSearch(models.TransientModel):
    """Find the contacts with an interaction of some types within a period."""

    _name = "assoc.interaction.search"
    _description = "Search contacts by interaction"

    type_ids = fields.Many2many("assoc.interaction.type", string="Types")
    category = fields.Selection(selection="_category_selection")
    label_ids = fields.Many2many("assoc.interaction.label", string="Labels")
    date_from = fields.Date(string="Since")
    date_to = fields.Date(string="Until")
    without = fields.Boolean(string="Contacts WITHOUT such an interaction")
    segment_name = fields.Char(string="Save as segment named")

    @api.model
    def _category_selection(self):
        return self.env["assoc.interaction.type"]._fields["category"].selection

    def _interaction_domain(self):
        domain = []
        if self.type_ids:
            domain.append(("type_id", "in", self.type_ids.ids))
        if self.category:
            domain.append(("category", "=", self.category))
        if self.label_ids:
            domain.append(("label_ids", "in", self.label_ids.ids))
        if self.date_from:
            domain.append(("date", ">=", fields.Datetime.to_string(self.date_from)))
        if self.date_to:
            domain.append(("date", "<", fields.Datetime.to_string(fields.Date.add(self.date_to, days=1))))
        return domain

    def _partner_domain(self):
        operator = "not any" if self.without else "any"
        return [("assoc_interaction_ids", operator, self._interaction_domain())]

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for wizard in self:
            if wizard.date_from and wizard.date_to and wizard.date_to < wizard.date_from:
                raise UserError(_("The end of the period comes before its start."))

    def action_search(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Contacts by interaction"),
            "res_model": "res.partner",
            "view_mode": "list,kanban,form",
            "domain": self._partner_domain(),
        }

    def action_save_segment(self):
        self.ensure_one()
        if not self.segment_name:
            raise UserError(_("Give the segment a name."))
        segment = self.env["assoc.segment"].create({"name": self.segment_name, "domain": repr(self._partner_domain())})
        return {"type": "ir.actions.act_window", "res_model": "assoc.segment", "res_id": segment.id,
                "view_mode": "form"}
