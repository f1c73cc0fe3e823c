from odoo import _, models
from odoo.exceptions import UserError


class MailComposeMessage(models.TransientModel):
    _inherit = "mail.compose.message"

    def _assoc_recipient_count(self):
        self.ensure_one()
        if self.composition_mode == "mass_mail" or self.composition_batch:
            return len(self._evaluate_res_ids())
        return len(self.partner_ids)

    def _action_send_mail(self, auto_commit=False):
        limit = self.env.user._assoc_mass_mail_limit()
        for wizard in self if limit else ():
            count = wizard._assoc_recipient_count()
            if count > limit:
                raise UserError(_(
                    "You may email at most %(limit)s people at once (%(count)s selected): "
                    "ask the national staff for a larger mailing.", limit=limit, count=count))
        return super()._action_send_mail(auto_commit=auto_commit)
