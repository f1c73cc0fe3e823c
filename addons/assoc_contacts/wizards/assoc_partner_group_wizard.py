from odoo import _, fields, models


class AssocPartnerGroupWizard(models.TransientModel):
    _name = "assoc.partner.group.wizard"
    _inherit = "assoc.partner.mass.mixin"
    _description = "Add contacts to a group"

    group_id = fields.Many2one("assoc.group", string="Group", required=True)
    date_join = fields.Date(string="Joined on", required=True, default=fields.Date.context_today)

    def action_apply(self):
        self.ensure_one()
        self._check_partners()
        self.group_id.add_partners(self.partner_ids, date_join=self.date_join)
        return self._done(_("%(count)s contacts added to the group %(group)s.", count=self.partner_count,
                            group=self.group_id.name))
