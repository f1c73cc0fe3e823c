from odoo import models


class MailComposeMessage(models.TransientModel):
    """Cards and attestations sent through the composer, whatever the path (buttons, the
    list's mass sending, or the template chosen by hand), appear on the members' timeline."""

    _inherit = "mail.compose.message"

    def _action_send_mail(self, auto_commit=False):
        result = super()._action_send_mail(auto_commit=auto_commit)
        Membership = self.env["assoc.membership"]
        for wizard in self.filtered(lambda w: w.model == Membership._name and w.template_id):
            kind = Membership._document_kind_of(wizard.template_id)
            if kind:
                memberships = (
                    Membership.search(wizard._evaluate_res_domain())
                    if wizard.res_domain
                    else Membership.browse(wizard._evaluate_res_ids())
                )
                memberships._log_document_sent(kind)
        return result
