from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .assoc_tax_receipt_pdf import french_names


class AssocTaxReceipt(models.Model):
    _inherit = "assoc.tax.receipt"

    # ------------------------------------------------------- completeness
    @api.model
    def _assoc_missing_items(self, partners):
        """{partner id: [missing items]} for donors whose receipt would be incomplete: the law
        wants the full identity and address, so nothing is guessed."""
        missing = {}
        for partner in partners:
            items = []
            if partner.is_company:
                items += [_("name")] if not partner.name else []
                items += [_("SIREN number")] if not partner.company_registry else []
            else:
                items += [_("last name")] if not partner.lastname else []
                items += [_("first name")] if not partner.firstname else []
            items += [_("street")] if not partner.street else []
            items += [_("postal code")] if not partner.zip else []
            items += [_("city")] if not partner.city else []
            items += [_("country")] if not partner.country_id else []
            if items:
                missing[partner.id] = items
        return missing

    @api.model
    def _assoc_organisation_missing(self, company):
        checks = [
            (company.assoc_siren_rna or company.company_registry, _("SIREN or RNA number")),
            (company.street and company.zip and company.city and company.country_id, _("full address")),
            (company.assoc_receipt_object, _("object")),
            (company.assoc_receipt_quality, _("quality")),
            (
                company.assoc_receipt_quality != "rup"
                or (company.assoc_receipt_rup_decree_date and company.assoc_receipt_rup_jo_date),
                _("dates of the RUP decree and of its publication"),
            ),
            (company.assoc_receipt_quality != "other" or company.assoc_receipt_quality_other, _("quality (other)")),
            (company.assoc_receipt_article_200 or company.assoc_receipt_article_978, _("CGI article")),
            (company.assoc_receipt_signatory_name, _("signatory")),
        ]
        return [label for ok, label in checks if not ok]

    # ------------------------------------------------------------ issuing
    @api.model
    def _assoc_issue_for_donations(self, donations, mode):
        """One receipt per gift (mode gift), or one per donor and calendar year (mode annual)."""
        groups = defaultdict(lambda: self.env["assoc.donation"])
        for donation in donations:
            key = (donation.id,) if mode == "gift" else (donation.partner_id.id, donation.date.year)
            groups[key] |= donation
        return self._assoc_create_issued(
            [{"partner": gifts.partner_id, "donations": gifts, "mode": mode} for gifts in groups.values()]
        )

    @api.model
    def _assoc_create_issued(self, groups, run=None, send=True):
        """Create issued receipts, each with its gapless number, donor snapshot, PDF and hash,
        in the current transaction. groups: [{partner, donations, mode, replaced?}]. With send,
        they are emailed when the company emails receipts automatically (and the run allows it)."""
        if not groups:
            return self.browse()
        donations = self.env["assoc.donation"].union(*(group["donations"] for group in groups))
        self._assoc_check_issuable(donations)
        today = fields.Date.context_today(self)
        countries = french_names(donations.partner_id.country_id)
        vals_list = []
        for company in donations.company_id:
            company_groups = [g for g in groups if g["donations"].company_id == company]
            numbers = self._assoc_next_numbers(company, len(company_groups), today)
            vals_list += [
                self._assoc_receipt_vals(group, number, today, run, countries)
                for group, number in zip(company_groups, numbers, strict=True)
            ]
        receipts = self.with_context(assoc_receipt_internal=True, tracking_disable=True).create(vals_list)
        receipts._assoc_store_pdfs()
        receipts._assoc_log("tax_receipt", _("Tax receipt %(number)s issued: %(amount)s"))
        to_send = receipts.filtered(lambda r: r.company_id.assoc_receipt_send == "auto")
        if send and to_send and (run is None or run.send_email):
            to_send._assoc_send_email()
        return receipts

    @api.model
    def _assoc_check_issuable(self, donations):
        for company in donations.company_id:
            if company.assoc_political_mode:
                raise UserError(
                    _(
                        "In political party mode, receipts are the numbered forms of the CNCCFP: "
                        "record their number on each gift. No Cerfa receipt is issued."
                    )
                )
            missing = self._assoc_organisation_missing(company)
            if missing:
                raise UserError(_("Complete the association's data for receipts (Settings): %s.", ", ".join(missing)))
        for donation in donations:
            if donation.state != "validated" or not donation.gives_receipt:
                raise UserError(_("Gift %s is not a validated gift giving a receipt.", donation.name))
            if donation.receipt_id:
                raise UserError(
                    _(
                        "A receipt was already issued for gift %(gift)s: %(receipt)s. Cancel it "
                        "first to issue a corrected one.",
                        gift=donation.name,
                        receipt=donation.receipt_id.name,
                    )
                )
        missing = self._assoc_missing_items(donations.partner_id)
        if missing:
            raise UserError(
                _("No receipt was issued: complete these donors first.\n%s", self._assoc_missing_lines(missing))
            )

    @api.model
    def _assoc_missing_lines(self, missing):
        """One line per incomplete donor: « name: missing items »."""
        names = {partner.id: partner.display_name for partner in self.env["res.partner"].browse(list(missing))}
        return "\n".join(f"{names[pid]}: {', '.join(items)}" for pid, items in missing.items())

    @api.model
    def _assoc_next_numbers(self, company, count, date):
        """Gapless numbers from the company's no_gap sequence, taken in the issuing transaction.
        Concurrent issuers queue on the sequence row (a real update, held until commit): the
        second one then fails with a serialization error and is retried (by Odoo for requests,
        by the next cron run for batches) with a snapshot that sees the first one's numbers and
        the year's date range, so no number is given twice nor skipped."""
        company._assoc_receipts_ensure_sequence()
        sequence = company.sudo().assoc_receipt_sequence_id
        self.env.cr.execute("UPDATE ir_sequence SET number_next = number_next WHERE id = %s", [sequence.id])
        first = sequence.next_by_id(sequence_date=date)
        if count == 1:
            return [first]
        # The year's counter is now locked by this transaction: reserve the other numbers at once.
        date_range = sequence.date_range_ids.filtered(lambda r: r.date_from <= date <= r.date_to)
        self.env.cr.execute(
            "UPDATE ir_sequence_date_range SET number_next = number_next + %s WHERE id = %s RETURNING number_next",
            [(count - 1) * sequence.number_increment, date_range.id],
        )
        end = self.env.cr.fetchone()[0]
        date_range.invalidate_recordset(["number_next", "number_next_actual"])
        in_range = sequence.with_context(ir_sequence_date=date, ir_sequence_date_range=date_range.date_from)
        step = sequence.number_increment
        return [first] + [in_range.get_next_char(number) for number in range(end - (count - 1) * step, end, step)]

    @api.model
    def _assoc_receipt_vals(self, group, number, today, run, countries):
        partner, gifts = group["partner"], group["donations"]
        cash = gifts.filtered(lambda d: d.nature == "cash")
        dates = gifts.mapped("date")
        return {
            "name": number,
            "company_id": gifts.company_id.id,
            "partner_id": partner.id,
            "kind": "company" if partner.is_company else "individual",
            "mode": group["mode"],
            "year": min(dates).year,
            "date_from": min(dates),
            "date_to": max(dates),
            "issue_date": today,
            "donation_ids": [(6, 0, gifts.ids)],
            "amount": sum(gifts.mapped("amount")),
            "amount_cash": sum(cash.mapped("amount")),
            "amount_in_kind": sum((gifts - cash).mapped("amount")),
            "expected_reduction": self._assoc_reduction(
                sum(gifts.mapped("amount")), partner, max(dates), gifts.company_id, with_text=False
            )[0],
            "donor_name": partner.name,
            "donor_lastname": partner.lastname,
            "donor_firstname": partner.firstname,
            "donor_street": ", ".join(filter(None, [partner.street, partner.street2])),
            "donor_zip": partner.zip,
            "donor_city": partner.city,
            "donor_country": countries.get(partner.country_id.id),
            "donor_siren": partner.company_registry,
            "donor_legal_form": partner.assoc_legal_form,
            "replaced_receipt_id": group.get("replaced", self.browse()).id,
            "run_id": run.id if run else False,
        }
