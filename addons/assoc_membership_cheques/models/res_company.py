from odoo import models


class ResCompany(models.Model):
    _inherit = "res.company"

    def _assoc_cheques_setup(self):
        super()._assoc_cheques_setup()
        self._assoc_membership_use_cheque_journal()

    def _assoc_membership_use_cheque_journal(self):
        for company in self.filtered("assoc_cheque_journal_id"):
            company.assoc_membership_cheque_journal_id = company.assoc_cheque_journal_id
