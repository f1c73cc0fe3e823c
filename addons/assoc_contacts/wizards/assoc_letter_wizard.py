from odoo import _, fields, models
from odoo.exceptions import UserError


class AssocLetterWizard(models.TransientModel):
    _name = "assoc.letter.wizard"
    _inherit = "assoc.partner.mass.mixin"
    _description = "Print a letter for contacts"

    template_id = fields.Many2one("assoc.letter.template", string="Letter", required=True)
    date = fields.Date(required=True, default=fields.Date.context_today)

    def action_print(self):
        self.ensure_one()
        self._check_partners()
        if not self.template_id.body_html:
            raise UserError(_("The letter %(name)s has no text yet.", name=self.template_id.name))
        return self.env.ref("assoc_contacts.action_report_assoc_letter").report_action(self, config=False)

    def _letters(self):
        return self.template_id._render_letters(self.partner_ids)

    def _date_label(self):
        return self.date.strftime("%d/%m/%Y")
