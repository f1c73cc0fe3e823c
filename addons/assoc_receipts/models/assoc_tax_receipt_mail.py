from odoo import _, fields, models
from odoo.tools import format_amount


def _number(value):
    return f"{value:g}"


class AssocTaxReceipt(models.Model):
    _inherit = "assoc.tax.receipt"

    # ------------------------------------------------------- tax reduction
    def _assoc_reduction(self, amount, partner=None, date=None, company=None, with_text=True):
        """(expected reduction, sentence for the donor, or "" without with_text) at the rates
        valid on the last gift's date."""
        partner, date = partner or self.partner_id, date or self.date_to
        company = company or self.company_id
        if not partner or not date:
            return 0.0, ""
        Rule = self.env["assoc.tax.rule"]
        if partner.is_company:
            rule = Rule._get_rule("company", date)
            reduction = amount * rule.rate / 100
            return reduction, self._assoc_company_reduction_text(rule, reduction, company) if with_text else ""
        ordinary = Rule._get_rule("individual", date)
        helped = Rule._get_rule("individual_help", date) if company.assoc_receipt_regime == "help_people" else None
        if helped:
            part = min(amount, helped.amount_limit)
            reduction = part * helped.rate / 100 + (amount - part) * ordinary.rate / 100
        else:
            reduction = amount * ordinary.rate / 100
        text = self._assoc_individual_reduction_text(ordinary, helped, reduction, company) if with_text else ""
        return reduction, text

    def _assoc_company_reduction_text(self, rule, reduction, company):
        return _(
            "As a company, you may deduct %(rate)s %% of this amount from your corporate or income tax "
            "(%(reduction)s), within %(limit)s or %(permille)s ‰ of your turnover excluding VAT, whichever "
            "is higher.",
            rate=_number(rule.rate),
            reduction=format_amount(self.env, reduction, company.currency_id),
            limit=format_amount(self.env, rule.amount_limit, company.currency_id),
            permille=_number(rule.turnover_permille),
        )

    def _assoc_individual_reduction_text(self, ordinary, helped, reduction, company):
        money = format_amount(self.env, reduction, company.currency_id)
        if helped:
            return _(
                "You may deduct %(rate)s %% of this amount from your income tax up to %(limit)s of gifts "
                "a year to bodies helping people in difficulty, then %(ordinary)s %% within %(percent)s %% "
                "of your taxable income: %(reduction)s.",
                rate=_number(helped.rate),
                limit=format_amount(self.env, helped.amount_limit, company.currency_id),
                ordinary=_number(ordinary.rate),
                percent=_number(ordinary.income_percent),
                reduction=money,
            )
        return _(
            "You may deduct %(rate)s %% of this amount from your income tax, within %(percent)s %% of "
            "your taxable income: %(reduction)s.",
            rate=_number(ordinary.rate),
            percent=_number(ordinary.income_percent),
            reduction=money,
        )

    # ------------------------------------------------------------- email
    def _assoc_send_email(self):
        """Queue one email per receipt with its stored PDF attached (the same bytes)."""
        sent = self._assoc_queue_mails(
            "assoc_receipts.mail_template_tax_receipt", {receipt.id: receipt.attachment_id.ids for receipt in self}
        )
        sent.with_context(assoc_receipt_internal=True).write({"sent_date": fields.Datetime.now()})

    def _assoc_notify_cancelled(self):
        """Tell the donors who got their receipt by email, or whose association emails receipts,
        that it is cancelled and why; a replacing receipt goes with the notice, attached."""
        told = self.filtered(lambda r: r.sent_date or r.company_id.assoc_receipt_send == "auto")
        replacements = {receipt.id: receipt._assoc_issued_replacements() for receipt in told}
        notified = told._assoc_queue_mails(
            "assoc_receipts.mail_template_tax_receipt_cancelled",
            {receipt_id: receipts.attachment_id.ids for receipt_id, receipts in replacements.items()},
        )
        self.env["assoc.tax.receipt"].union(*(replacements[receipt.id] for receipt in notified)).with_context(
            assoc_receipt_internal=True
        ).write({"sent_date": fields.Datetime.now()})

    def _assoc_issued_replacements(self):
        return self.replacement_ids.filtered(lambda r: r.state == "issued")

    def _assoc_queue_mails(self, template_xmlid, attachment_ids):
        """Queue one mail.mail per receipt whose donor has an email, rendered in batch from the
        template, with the given stored attachments {receipt id: [attachment ids]} linked as
        they are (no copy). Returns the receipts mailed."""
        receipts = self.filtered(lambda r: r.partner_id.email)
        if not receipts:
            return receipts
        mails = self.env.ref(template_xmlid).sudo().send_mail_batch(receipts.ids)
        rows = [
            (mail.mail_message_id.id, attachment_id)
            for mail in mails
            for attachment_id in attachment_ids.get(mail.res_id, [])
        ]
        if rows:
            self.env.cr.execute_values(
                "INSERT INTO message_attachment_rel (message_id, attachment_id) VALUES %s ON CONFLICT DO NOTHING", rows
            )
            mails.invalidate_recordset(["attachment_ids"])
        return receipts
