from odoo import models


class AssocDonation(models.Model):
    _inherit = "assoc.donation"

    def _assoc_reverse_payments(self, reason):
        """A gift paid on HelloAsso shares its day's summary entry with other payments: only
        its own payment is taken out of the books, never the whole entry."""
        summarized = self.filtered(lambda donation: donation.payment_id.assoc_helloasso_summarized)
        for donation in summarized:
            self.env["assoc.helloasso.money"]._unbook(donation.payment_id, donation.payment_id.date, reason)
        return super(AssocDonation, self - summarized)._assoc_reverse_payments(reason)
