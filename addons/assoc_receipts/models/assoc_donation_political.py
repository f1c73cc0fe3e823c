from collections import defaultdict

from odoo import _, api, models
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
                raise UserError(
                    _(
                        "%s is a legal person: only natural persons may give to a political party "
                        "(loi n° 88-227, art. 11-4).",
                        donation.partner_id.display_name,
                    )
                )
            if not donation.political_attestation:
                raise UserError(
                    _(
                        "Gift %s: record the donor's attestation (French nationality or residence "
                        "in France) before validating.",
                        donation.name,
                    )
                )
            cash_limit = Rule._get_rule("political_cash", donation.date).amount_limit
            if donation.payment_method == "cash" and donation.amount > cash_limit:
                raise UserError(
                    _(
                        "Gift %(ref)s: a gift above %(limit)s € must be paid by cheque, transfer, "
                        "direct debit or card.",
                        ref=donation.name,
                        limit=cash_limit,
                    )
                )
        political._assoc_check_political_cap()

    def _assoc_check_political_cap(self):
        asked = defaultdict(float)
        for donation in self:
            asked[(donation.partner_id.id, donation.date.year, donation.company_id.id)] += donation.amount
        self._assoc_refuse_above_cap(asked)

    @api.model
    def _assoc_refuse_above_cap(self, asked):
        """asked: {(partner id, year, company id): amount about to be paid}. Refuse what would take
        a person above the yearly cap of gifts and dues (the membership bridge calls it for dues)."""
        for (partner_id, year, company_id), amount in asked.items():
            given = self._assoc_political_given(partner_id, year, company_id)
            cap = self.env["assoc.tax.rule"]._get_rule("political_cap", f"{year}-12-31").amount_limit
            if given + amount > cap:
                partner = self.env["res.partner"].browse(partner_id)
                raise UserError(
                    _(
                        "%(name)s cannot pay %(amount)s € more in %(year)s: with %(given)s € already paid in "
                        "gifts and dues, the yearly cap of %(cap)s € per person (loi n° 88-227, art. 11-4) "
                        "would be exceeded.",
                        name=partner.display_name,
                        amount=amount,
                        year=year,
                        given=given,
                        cap=cap,
                    )
                )

    def _assoc_political_given(self, partner_id, year, company_id):
        """What the person already paid this calendar year and that counts towards the cap
        (the membership bridge adds the dues of people without an elected office)."""
        domain = [
            ("partner_id", "=", partner_id),
            ("company_id", "=", company_id),
            ("state", "=", "validated"),
            ("kind", "=", "gift"),
            ("date", ">=", f"{year}-01-01"),
            ("date", "<=", f"{year}-12-31"),
        ]
        return sum(self.search(domain).mapped("amount"))

    @api.model
    def _assoc_cnccfp_rows(self, company, year):
        """One row (a dict, see assoc.cnccfp.export's COLUMNS) per gift of the calendar year; the
        bridge with memberships adds the dues."""
        gifts = self.search(
            [
                ("company_id", "=", company.id),
                ("state", "=", "validated"),
                ("kind", "=", "gift"),
                ("date", ">=", f"{year}-01-01"),
                ("date", "<=", f"{year}-12-31"),
            ]
        )
        labels = {
            "method": dict(self._fields["payment_method"]._description_selection(self.env)),
            "attestation": dict(self._fields["political_attestation"]._description_selection(self.env)),
        }
        return [
            self._assoc_cnccfp_person(gift.partner_id)
            | {
                "reference": gift.name,
                "type": _("Gift"),
                "date": gift.date,
                "nationality": gift.political_nationality_id.name or "",
                "attestation": labels["attestation"].get(gift.political_attestation, ""),
                "method": labels["method"].get(gift.payment_method, ""),
                "amount": gift.amount,
                "currency": gift.currency_id.name,
                "receipt_number": gift.cnccfp_receipt_number or "",
            }
            for gift in gifts
        ]

    @api.model
    def _assoc_cnccfp_person(self, partner):
        return {
            "donor_id": partner.ref or str(partner.id),
            "civility": partner.title.name or "",
            "firstname": partner.firstname or "",
            "lastname": partner.lastname or partner.name or "",
            "street": ", ".join(filter(None, [partner.street, partner.street2])),
            "zip": partner.zip or "",
            "city": partner.city or "",
            "country": partner.country_id.name or "",
            "elected": "",
        }
