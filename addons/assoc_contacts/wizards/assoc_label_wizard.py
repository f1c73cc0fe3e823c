from odoo import fields, models


class AssocLabelWizard(models.TransientModel):
    _name = "assoc.label.wizard"
    _inherit = "assoc.partner.mass.mixin"
    _description = "Print address labels"

    layout = fields.Selection(
        [("L7160", "Avery L7160 (21 per sheet, 63.5 x 38.1 mm)"),
         ("L7163", "Avery L7163 (14 per sheet, 99.1 x 38.1 mm)")],
        required=True, default="L7160",
    )
    skip = fields.Integer(string="Labels already used", default=0,
                          help="Start after this many labels on the first sheet, to reuse a partly used sheet.")

    def action_print(self):
        self.ensure_one()
        self._check_partners()
        report = self.env.ref(f"assoc_contacts.action_report_address_labels_{self.layout.lower()}")
        per_sheet = 21 if self.layout == "L7160" else 14
        data = {"skip": self.skip % per_sheet, "partner_ids": self.partner_ids.ids}
        return report.report_action(self.partner_ids, data=data, config=False)
