import base64
import hashlib

from odoo import models

from ..report import cerfa_11580, cerfa_16216

METHOD_BOX = {"cash": "cash", "cheque": "cheque", "transfer": "bank", "card": "bank", "direct_debit": "bank"}


def fr_date(date):
    return date.strftime("%d/%m/%Y") if date else ""


def french_names(records):
    """{id: name} read in French when French is installed: receipts are French documents."""
    if records.env["res.lang"]._lang_get("fr_FR"):
        records = records.with_context(lang="fr_FR")
    return {record.id: record.name for record in records}


class AssocTaxReceipt(models.Model):
    _inherit = "assoc.tax.receipt"

    def _assoc_store_pdfs(self):
        """Render once, store as attachments, keep the SHA-256; downloads return these bytes."""
        company_values = {company.id: self._assoc_company_pdf_values(company) for company in self.company_id}
        pdfs = [receipt._assoc_render_pdf(company_values[receipt.company_id.id]) for receipt in self]
        attachments = (
            self.env["ir.attachment"]
            .sudo()
            .create(
                [
                    {
                        "name": f"{receipt.name}.pdf",
                        "raw": pdf,
                        "mimetype": "application/pdf",
                        "res_model": self._name,
                        "res_id": receipt.id,
                    }
                    for receipt, pdf in zip(self, pdfs, strict=True)
                ]
            )
        )
        rows = [
            (receipt.id, attachment.id, hashlib.sha256(pdf).hexdigest())
            for receipt, attachment, pdf in zip(self, attachments, pdfs, strict=True)
        ]
        self.env.cr.execute_values(
            """UPDATE assoc_tax_receipt r SET attachment_id = v.attachment_id, pdf_sha256 = v.sha
               FROM (VALUES %s) AS v(id, attachment_id, sha) WHERE r.id = v.id""",
            rows,
        )
        self.invalidate_recordset(["attachment_id", "pdf_sha256"])

    def _assoc_render_pdf(self, company_values=None):
        renderer = cerfa_16216 if self.kind == "company" else cerfa_11580
        values = company_values or self._assoc_company_pdf_values(self.company_id)
        return renderer.render(values | self._assoc_pdf_values())

    def _assoc_company_pdf_values(self, company):
        """What every receipt of a company prints the same: read once per batch."""
        image = company.assoc_receipt_logo or company.logo
        signature = company.assoc_receipt_signature
        return {
            "logo": base64.b64decode(image) if image else None,
            "signature": base64.b64decode(signature) if signature else None,
            "sender_address": company.assoc_receipt_sender
            or ", ".join(
                filter(None, [company.name, company.street, f"{company.zip or ''} {company.city or ''}".strip()])
            ),
            "org": {
                "name": company.name,
                "siren_rna": company.assoc_siren_rna or company.company_registry,
                "street": ", ".join(filter(None, [company.street, company.street2])),
                "zip": company.zip,
                "city": company.city,
                "country": french_names(company.country_id).get(company.country_id.id),
                "object": company.assoc_receipt_object,
                "quality": company.assoc_receipt_quality,
                "quality_other": company.assoc_receipt_quality_other,
                "rup_decree_date": fr_date(company.assoc_receipt_rup_decree_date),
                "rup_jo_date": fr_date(company.assoc_receipt_rup_jo_date),
            },
            "articles": {
                code
                for code, ticked in (
                    ("200", company.assoc_receipt_article_200),
                    ("978", company.assoc_receipt_article_978),
                )
                if ticked
            },
            "place": company.assoc_receipt_place or company.city,
            "signatory_name": company.assoc_receipt_signatory_name,
            "signatory_role": company.assoc_receipt_signatory_role or "",
            "thanks": company.assoc_receipt_thanks or "",
        }

    def _assoc_pdf_values(self):
        """The receipt's own values, from its snapshot of the donor and its gifts."""
        gifts = self.donation_ids
        single_date = self.date_from == self.date_to
        descriptions = [d.in_kind_description for d in gifts if d.nature != "cash" and d.in_kind_description]
        return {
            "number": self.name,
            "replaces": self.replaced_receipt_id.name,
            "donor": {
                "lastname": self.donor_lastname,
                "firstnames": self.donor_firstname,
                "name": self.donor_name,
                "legal_form": self.donor_legal_form or "",
                "siren": self.donor_siren,
                "street": self.donor_street,
                "zip": self.donor_zip,
                "city": self.donor_city,
                "country": self.donor_country,
            },
            "amount": self.amount,
            "amount_cash": self.amount_cash,
            "amount_in_kind": self.amount_in_kind,
            "date_label": fr_date(self.date_from) if single_date else f"cumul {self.year}",
            "period_from": fr_date(self.date_from),
            "period_to": fr_date(self.date_to),
            "forms": {gift.form for gift in gifts},
            "natures": {gift.nature for gift in gifts},
            "methods": {METHOD_BOX[d.payment_method] for d in gifts if d.nature == "cash" and d.payment_method},
            "in_kind_description": "; ".join(descriptions),
            "issue_date": fr_date(self.issue_date),
        }
