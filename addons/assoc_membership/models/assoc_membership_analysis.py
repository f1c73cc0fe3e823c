from odoo import fields, models, tools


class AssocMembershipAnalysis(models.Model):
    """One row per confirmed membership with what renewal statistics need: new member,
    renewed, lapsed. Rates are averages of 0/100 values, so a pivot or graph grouped by year
    and type reads the renewal rate and the churn directly."""

    _name = "assoc.membership.analysis"
    _description = "Membership analysis"
    _auto = False
    _rec_name = "membership_id"
    _order = "date_start desc"

    membership_id = fields.Many2one("assoc.membership", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Member", readonly=True)
    type_id = fields.Many2one("assoc.membership.type", string="Membership type", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    date_start = fields.Date(string="Valid from", readonly=True)
    date_end = fields.Date(string="Valid until", readonly=True)
    year = fields.Char(readonly=True, help="Year in which the membership starts.")
    amount = fields.Float(string="Dues", readonly=True)
    membership_count = fields.Integer(string="Memberships", readonly=True, aggregator="sum")
    new_count = fields.Integer(string="New members", readonly=True, aggregator="sum")
    renewed_count = fields.Integer(string="Renewed", readonly=True, aggregator="sum")
    lapsed_count = fields.Integer(string="Lapsed", readonly=True, aggregator="sum")
    renewal_rate = fields.Float(
        string="Renewal rate (%)", readonly=True, aggregator="avg", help="Renewed among the memberships already ended."
    )
    churn_rate = fields.Float(string="Churn (%)", readonly=True, aggregator="avg", help="Lapsed among all memberships.")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(f"""
            CREATE OR REPLACE VIEW {self._table} AS (
                SELECT m.id, m.id AS membership_id, m.partner_id, m.type_id, m.company_id,
                       m.date_start, m.date_end, to_char(m.date_start, 'YYYY') AS year, m.amount,
                       1 AS membership_count,
                       CASE WHEN earlier.id IS NULL THEN 1 ELSE 0 END AS new_count,
                       CASE WHEN m.is_renewed THEN 1 ELSE 0 END AS renewed_count,
                       CASE WHEN lapsed THEN 1 ELSE 0 END AS lapsed_count,
                       CASE WHEN m.is_renewed THEN 100.0 WHEN lapsed THEN 0.0 END AS renewal_rate,
                       CASE WHEN lapsed THEN 100.0 ELSE 0.0 END AS churn_rate
                  FROM assoc_membership m
                  CROSS JOIN LATERAL (SELECT NOT m.is_renewed AND m.date_grace_end < CURRENT_DATE AS lapsed) l
                  LEFT JOIN LATERAL (SELECT e.id FROM assoc_membership e
                                      WHERE e.partner_id = m.partner_id AND e.state = 'confirmed'
                                        AND e.date_start < m.date_start LIMIT 1) earlier ON TRUE
                 WHERE m.state = 'confirmed'
            )
        """)
