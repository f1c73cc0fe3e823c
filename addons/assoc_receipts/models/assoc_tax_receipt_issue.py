import base64
import hashlib
from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_amount

from ..report import cerfa_11580, cerfa_16216

METHOD_BOX = {"cash": "cash", "cheque": "cheque", "transfer": "bank", "card": "bank", "direct_debit": "bank"}


def _fr_date(date):
    return date.strftime("%d/%m/%Y") if date else ""


def _in_french(record):
    """Receipts are French documents: country names in French when French is installed."""
    return record.with_context(lang="fr_FR") if record.env["res.lang"]._lang_get("fr_FR") else record


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
            (company.assoc_receipt_quality != "rup"
             or (company.assoc_receipt_rup_decree_date and company.assoc_receipt_rup_jo_date),
             _("dates of the RUP decree and of its publication")),
            (company.assoc_receipt_quality != "other" or company.assoc_receipt_quality_other,
             _("quality (other)")),
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
        return self._assoc_create_issued([
            {"partner": gifts.partner_id, "donations": gifts, "mode": mode} for gifts in groups.values()])

    @api.model
    def _assoc_create_issued(self, groups, run=None):
        """Create issued receipts, each with its gapless number, donor snapshot, PDF and hash,
        in the current transaction. groups: [{partner, donations, mode, replaced?}]."""
        if not groups:
            return self.browse()
        donations = self.env["assoc.donation"].union(*(group["donations"] for group in groups))
        self._assoc_check_issuable(donations)
        today = fields.Date.context_today(self)
        vals_list = []
        for company in donations.company_id:
            company_groups = [g for g in groups if g["donations"].company_id == company]
            numbers = self._assoc_next_numbers(company, len(company_groups), today)
            vals_list += [self._assoc_receipt_vals(group, number, today, run)
                          for group, number in zip(company_groups, numbers)]
        receipts = self.with_context(assoc_receipt_internal=True, tracking_disable=True).create(vals_list)
        receipts._assoc_store_pdfs()
        receipts._assoc_log(_("Tax receipt %(number)s issued: %(amount)s"))
        to_send = receipts.filtered(lambda r: r.company_id.assoc_receipt_send == "auto")
        if to_send and (run is None or run.send_email):
            to_send._assoc_send_email()
        return receipts

    @api.model
    def _assoc_check_issuable(self, donations):
        for company in donations.company_id:
            if company.assoc_political_mode:
                raise UserError(_("In political party mode, receipts are the numbered forms of the CNCCFP: "
                                  "record their number on each gift. No Cerfa receipt is issued."))
            missing = self._assoc_organisation_missing(company)
            if missing:
                raise UserError(_("Complete the association's data for receipts (Settings): %s.",
                                  ", ".join(missing)))
        for donation in donations:
            if donation.state != "validated" or not donation.gives_receipt:
                raise UserError(_("Gift %s is not a validated gift giving a receipt.", donation.name))
            if donation.receipt_id:
                raise UserError(_("A receipt was already issued for gift %(gift)s: %(receipt)s. Cancel it "
                                  "first to issue a corrected one.", gift=donation.name,
                                  receipt=donation.receipt_id.name))
        missing = self._assoc_missing_items(donations.partner_id)
        if missing:
            raise UserError(_("No receipt was issued: complete these donors first.\n%s", "\n".join(
                "%s: %s" % (self.env["res.partner"].browse(pid).display_name, ", ".join(items))
                for pid, items in missing.items())))

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
        self.env.cr.execute("UPDATE ir_sequence_date_range SET number_next = number_next + %s WHERE id = %s "
                            "RETURNING number_next", [(count - 1) * sequence.number_increment, date_range.id])
        end = self.env.cr.fetchone()[0]
        date_range.invalidate_recordset(["number_next", "number_next_actual"])
        in_range = sequence.with_context(ir_sequence_date=date, ir_sequence_date_range=date_range.date_from)
        step = sequence.number_increment
        return [first] + [in_range.get_next_char(number) for number in range(end - (count - 1) * step, end, step)]

    @api.model
    def _assoc_receipt_vals(self, group, number, today, run):
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
            "expected_reduction": self._assoc_reduction(sum(gifts.mapped("amount")), partner, max(dates),
                                                        gifts.company_id)[0],
            "donor_name": partner.name,
            "donor_lastname": partner.lastname,
            "donor_firstname": partner.firstname,
            "donor_street": ", ".join(filter(None, [partner.street, partner.street2])),
            "donor_zip": partner.zip,
            "donor_city": partner.city,
            "donor_country": _in_french(partner.country_id).name,
            "donor_siren": partner.company_registry,
            "donor_legal_form": partner.assoc_legal_form,
            "replaced_receipt_id": group.get("replaced", self.browse()).id,
            "run_id": run.id if run else False,
        }

    # --------------------------------------------------------------- PDF
    def _assoc_store_pdfs(self):
        """Render once, store as attachments, keep the SHA-256; downloads return these bytes."""
        pdfs = [receipt._assoc_render_pdf() for receipt in self]
        attachments = self.env["ir.attachment"].sudo().create([{
            "name": f"{receipt.name}.pdf",
            "raw": pdf,
            "mimetype": "application/pdf",
            "res_model": self._name,
            "res_id": receipt.id,
        } for receipt, pdf in zip(self, pdfs)])
        rows = [(receipt.id, attachment.id, hashlib.sha256(pdf).hexdigest())
                for receipt, attachment, pdf in zip(self, attachments, pdfs)]
        self.env.cr.execute_values(
            """UPDATE assoc_tax_receipt r SET attachment_id = v.attachment_id, pdf_sha256 = v.sha
               FROM (VALUES %s) AS v(id, attachment_id, sha) WHERE r.id = v.id""", rows)
        self.invalidate_recordset(["attachment_id", "pdf_sha256"])

    def _assoc_render_pdf(self):
        renderer = cerfa_16216 if self.kind == "company" else cerfa_11580
        return renderer.render(self._assoc_pdf_values())

    def _assoc_pdf_values(self):
        company = self.company_id
        gifts = self.donation_ids
        single_date = self.date_from == self.date_to
        descriptions = [d.in_kind_description for d in gifts if d.nature != "cash" and d.in_kind_description]
        image = company.assoc_receipt_logo or company.logo
        return {
            "number": self.name,
            "replaces": self.replaced_receipt_id.name,
            "logo": base64.b64decode(image) if image else None,
            "signature": base64.b64decode(company.assoc_receipt_signature) if company.assoc_receipt_signature else None,
            "sender_address": company.assoc_receipt_sender or ", ".join(
                filter(None, [company.name, company.street, f"{company.zip or ''} {company.city or ''}".strip()])),
            "org": {
                "name": company.name,
                "siren_rna": company.assoc_siren_rna or company.company_registry,
                "street": ", ".join(filter(None, [company.street, company.street2])),
                "zip": company.zip, "city": company.city,
                "country": _in_french(company.country_id).name,
                "object": company.assoc_receipt_object,
                "quality": company.assoc_receipt_quality,
                "quality_other": company.assoc_receipt_quality_other,
                "rup_decree_date": _fr_date(company.assoc_receipt_rup_decree_date),
                "rup_jo_date": _fr_date(company.assoc_receipt_rup_jo_date),
            },
            "articles": {code for code, ticked in (("200", company.assoc_receipt_article_200),
                                                   ("978", company.assoc_receipt_article_978)) if ticked},
            "donor": {
                "lastname": self.donor_lastname, "firstnames": self.donor_firstname, "name": self.donor_name,
                "legal_form": self.donor_legal_form or "", "siren": self.donor_siren,
                "street": self.donor_street, "zip": self.donor_zip, "city": self.donor_city,
                "country": self.donor_country,
            },
            "amount": self.amount, "amount_cash": self.amount_cash, "amount_in_kind": self.amount_in_kind,
            "date_label": _fr_date(self.date_from) if single_date else f"cumul {self.year}",
            "period_from": _fr_date(self.date_from), "period_to": _fr_date(self.date_to),
            "forms": set(gifts.mapped("form")),
            "natures": set(gifts.mapped("nature")),
            "methods": {METHOD_BOX[d.payment_method] for d in gifts if d.nature == "cash" and d.payment_method},
            "in_kind_description": "; ".join(descriptions),
            "place": company.assoc_receipt_place or company.city,
            "issue_date": _fr_date(self.issue_date),
            "signatory_name": company.assoc_receipt_signatory_name,
            "signatory_role": company.assoc_receipt_signatory_role or "",
            "thanks": company.assoc_receipt_thanks or "",
        }

    # ------------------------------------------------------- tax reduction
    def _assoc_reduction(self, amount, partner=None, date=None, company=None):
        """(expected reduction, sentence for the donor) at the rates valid on the last gift's date."""
        partner, date = partner or self.partner_id, date or self.date_to
        company = company or self.company_id
        if not partner or not date:
            return 0.0, ""
        Rule = self.env["assoc.tax.rule"]

        def money(value):
            return format_amount(self.env, value, company.currency_id)

        def number(value):
            return "%g" % value

        if partner.is_company:
            rule = Rule._get_rule("company", date)
            reduction = amount * rule.rate / 100
            return reduction, _(
                "As a company, you may deduct %(rate)s %% of this amount from your corporate or income tax "
                "(%(reduction)s), within %(limit)s or %(permille)s ‰ of your turnover excluding VAT, whichever "
                "is higher.", rate=number(rule.rate), reduction=money(reduction), limit=money(rule.amount_limit),
                permille=number(rule.turnover_permille))
        ordinary = Rule._get_rule("individual", date)
        reduction = amount * ordinary.rate / 100
        text = _("You may deduct %(rate)s %% of this amount from your income tax, within %(percent)s %% of "
                 "your taxable income: %(reduction)s.", rate=number(ordinary.rate),
                 percent=number(ordinary.income_percent), reduction=money(reduction))
        if company.assoc_receipt_regime == "help_people":
            helped = Rule._get_rule("individual_help", date)
            part = min(amount, helped.amount_limit)
            reduction = part * helped.rate / 100 + (amount - part) * ordinary.rate / 100
            text = _("You may deduct %(rate)s %% of this amount from your income tax up to %(limit)s of gifts "
                     "a year to bodies helping people in difficulty, then %(ordinary)s %% within %(percent)s %% "
                     "of your taxable income: %(reduction)s.", rate=number(helped.rate),
                     limit=money(helped.amount_limit), ordinary=number(ordinary.rate),
                     percent=number(ordinary.income_percent), reduction=money(reduction))
        return reduction, text

    # ------------------------------------------------------------- email
    def _assoc_send_email(self):
        """Queue one email per receipt with its stored PDF attached (the same bytes)."""
        receipts = self.filtered(lambda r: r.partner_id.email)
        if not receipts:
            return
        template = self.env.ref("assoc_receipts.mail_template_tax_receipt")
        mails = template.sudo().send_mail_batch(receipts.ids)
        attachment_by_receipt = {receipt.id: receipt.attachment_id.id for receipt in receipts}
        self.env.cr.execute_values(
            "INSERT INTO message_attachment_rel (message_id, attachment_id) VALUES %s ON CONFLICT DO NOTHING",
            [(mail.mail_message_id.id, attachment_by_receipt[mail.res_id]) for mail in mails])
        mails.invalidate_recordset(["attachment_ids"])
        receipts.with_context(assoc_receipt_internal=True).write({"sent_date": fields.Datetime.now()})
