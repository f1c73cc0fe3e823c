from odoo import fields, models, tools


class AssocReceiptStatement(models.Model):
    """Yearly declaration of art. 222 bis CGI: per company and calendar year of the gifts, the
    total of the gifts on issued receipts and the number of receipts issued."""

    _name = "assoc.receipt.statement"
    _description = "Receipts statement (art. 222 bis CGI)"
    _auto = False
    _order = "year desc, company_id"

    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    year = fields.Integer(readonly=True)
    receipt_count = fields.Integer(string="Receipts issued", readonly=True)
    amount_total = fields.Monetary(string="Total of gifts", readonly=True)
    individual_count = fields.Integer(string="Receipts to individuals", readonly=True)
    individual_amount = fields.Monetary(string="Gifts by individuals", readonly=True)
    company_count = fields.Integer(string="Receipts to companies", readonly=True)
    company_amount = fields.Monetary(string="Gifts by companies", readonly=True)
    cancelled_count = fields.Integer(string="Receipts cancelled", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(f"""
            CREATE VIEW {self._table} AS (
                SELECT MIN(r.id) AS id, r.company_id, r.year,
                       COUNT(*) FILTER (WHERE r.state = 'issued') AS receipt_count,
                       COALESCE(SUM(r.amount) FILTER (WHERE r.state = 'issued'), 0) AS amount_total,
                       COUNT(*) FILTER (WHERE r.state = 'issued' AND r.kind = 'individual') AS individual_count,
                       COALESCE(SUM(r.amount) FILTER (WHERE r.state = 'issued' AND r.kind = 'individual'), 0)
                           AS individual_amount,
                       COUNT(*) FILTER (WHERE r.state = 'issued' AND r.kind = 'company') AS company_count,
                       COALESCE(SUM(r.amount) FILTER (WHERE r.state = 'issued' AND r.kind = 'company'), 0)
                           AS company_amount,
                       COUNT(*) FILTER (WHERE r.state = 'cancelled') AS cancelled_count
                  FROM assoc_tax_receipt r
              GROUP BY r.company_id, r.year
            )""")
