from odoo import models


class BasePartnerMergeAutomaticWizard(models.TransientModel):
    _inherit = "base.partner.merge.automatic.wizard"

    def _update_foreign_keys(self, src_partners, dst_partner):
        """Whatever screen starts a merge, the reviewed pairs record it before the links move."""
        self.env["assoc.duplicate"]._merged(src_partners, dst_partner)
        return super()._update_foreign_keys(src_partners, dst_partner)
