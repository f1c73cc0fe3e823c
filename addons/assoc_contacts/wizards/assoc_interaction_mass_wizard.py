from odoo import _, fields, models


class AssocInteractionMassWizard(models.TransientModel):
    _name = "assoc.interaction.mass.wizard"
    _inherit = "assoc.partner.mass.mixin"
    _description = "Record an interaction with many contacts"

    type_id = fields.Many2one(
        "assoc.interaction.type", string="Type", required=True, domain=[("automatic", "=", False)]
    )
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    name = fields.Char(string="Summary", required=True)
    note = fields.Html()
    label_ids = fields.Many2many("assoc.interaction.label", string="Labels")

    def action_apply(self):
        self.ensure_one()
        self._check_partners()
        self.env["assoc.interaction"].create([
            {
                "partner_id": partner.id, "type_id": self.type_id.id, "date": self.date, "name": self.name,
                "note": self.note, "label_ids": [fields.Command.set(self.label_ids.ids)],
            }
            for partner in self.partner_ids
        ])
        return self._done(_("Interaction recorded for %(count)s contacts.", count=self.partner_count))
