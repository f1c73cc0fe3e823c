from odoo import fields, models

from ..report.amount_words import format_amount_fr


class AssocAmountTimeline(models.AbstractModel):
    """What gifts and receipts share: an amount shown the French way, and events on the donor's
    timeline (partner_id, company_id, amount, currency_id on the inheriting model)."""

    _name = "assoc.amount.timeline"
    _description = "Gift or receipt shown on the donor's timeline"

    def _assoc_amount_label(self):
        return f"{format_amount_fr(self.amount)} {self.currency_id.symbol}"

    def _assoc_log(self, type_code, label, **params):
        """One timeline event per record; label may use %(ref)s or %(number)s (the record's name),
        %(amount)s and the given params."""
        self.env["assoc.interaction"].log_events(
            [
                {
                    "partner_id": record.partner_id.id,
                    "type_code": type_code,
                    "name": label
                    % dict(params, ref=record.name, number=record.name, amount=record._assoc_amount_label()),
                    "date": fields.Datetime.now(),
                    "origin": record,
                    "company_id": record.company_id.id,
                }
                for record in self
            ]
        )
