from collections import defaultdict

from odoo import _, models
from odoo.exceptions import UserError


class AssocDonation(models.Model):
    """Political party mode (loi n° 88-227 art. 11-4, domain-fr.md §4)."""

    _inherit = "assoc.donation"

    def _assoc_check_political(self):
        political = self.filtered(lambda d: d.company_id.assoc_political_mode)
        if not political:
            return
        Rule = self.env["assoc.tax.rule"]
        for donation in political:
            if donation.donor_is_company:
                raise UserError(_("%s is a legal person: only natural persons may give to a political party "
                                  "(loi n° 88-227, art. 11-4).", donation.partner_id.display_name))
            if not donation.political_attestation:
                raise UserError(_("Gift %s: record the donor's attestation (French nationality or residence "
                                  "in France) before validating.", donation.name))
            cash_limit = Rule._get_rule("political_cash", donation.date).amount_limit
            if donation.payment_method == "cash" and donation.amount > cash_limit:
                raise UserError(_("Gift %(ref)s: a gift above %(limit)s € must be paid by cheque, transfer, "
                                  "direct debit or card.", ref=donation.name, limit=cash_limit))
        political._assoc_check_political_cap()

    def _assoc_check_political_cap(self):
        asked = defaultdict(float)
        for donation in self:
            asked[(donation.partner_id.id, donation.date.year, donation.company_id.id)] += donation.amount
        for (partner_id, year, company_id), amount in asked.items():
            given = self._assoc_political_given(partner_id, year, company_id)
            cap = self.env["assoc.tax.rule"]._get_rule("political_cap", f"{year}-12-31").amount_limit
            if given + amount > cap:
                partner = self.env["res.partner"].browse(partner_id)
                raise UserError(_(
                    "%(name)s cannot give %(amount)s € more in %(year)s: with %(given)s € already paid in gifts "
                    "and dues, the yearly cap of %(cap)s € per person (loi n° 88-227, art. 11-4) would be exceeded.",
                    name=partner.display_name, amount=amount, year=year, given=given, cap=cap))

    def _assoc_political_given(self, partner_id, year, company_id):
        """What the person already paid this calendar year and that counts towards the cap
        (the membership bridge adds the dues of people without an elected office)."""
        domain = [("partner_id", "=", partner_id), ("company_id", "=", company_id), ("state", "=", "validated"),
                  ("kind", "=", "gift"),
                  ("date", ">=", f"{year}-01-01"), ("date", "<=", f"{year}-12-31")]
        return sum(self.search(domain).mapped("amount"))
