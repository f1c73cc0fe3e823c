from odoo import _, api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    assoc_legal_form = fields.Char(string="Legal form", help="Printed on company gift receipts (SAS, SARL…).")
    assoc_donation_ids = fields.One2many("assoc.donation", "partner_id", string="Gifts")
    assoc_donation_total = fields.Monetary(string="Total given", readonly=True, currency_field="assoc_currency_id")
    assoc_donation_count = fields.Integer(string="Number of gifts", readonly=True)
    assoc_donation_average = fields.Monetary(string="Average gift", readonly=True,
                                             currency_field="assoc_currency_id")
    assoc_donation_first_date = fields.Date(string="First gift", readonly=True)
    assoc_donation_last_date = fields.Date(string="Last gift", readonly=True, index=True)
    assoc_currency_id = fields.Many2one("res.currency", compute="_compute_assoc_currency_id")
    assoc_receipt_count = fields.Integer(string="Receipts", compute="_compute_assoc_receipt_count")

    def _compute_assoc_currency_id(self):
        self.assoc_currency_id = self.env.company.currency_id

    def _compute_assoc_receipt_count(self):
        counts = dict(self.env["assoc.tax.receipt"]._read_group(
            [("partner_id", "in", self.ids)], ["partner_id"], ["__count"]))
        for partner in self:
            partner.assoc_receipt_count = counts.get(partner, 0)

    @api.model
    def _assoc_update_donor_stats(self, partner_ids):
        """Recompute the donor statistics and the automatic Donor tag, set-based."""
        if not partner_ids:
            return
        ids = list(set(partner_ids))
        self.env["assoc.donation"].flush_model(["partner_id", "amount", "date", "state", "kind"])
        self.env.cr.execute("""
            UPDATE res_partner p
               SET assoc_donation_total = COALESCE(s.total, 0),
                   assoc_donation_count = COALESCE(s.cnt, 0),
                   assoc_donation_average = CASE WHEN s.cnt > 0 THEN s.total / s.cnt ELSE 0 END,
                   assoc_donation_first_date = s.first_date,
                   assoc_donation_last_date = s.last_date
              FROM (SELECT p2.id, SUM(d.amount) AS total, COUNT(d.id) AS cnt,
                           MIN(d.date) AS first_date, MAX(d.date) AS last_date
                      FROM res_partner p2
                 LEFT JOIN assoc_donation d ON d.partner_id = p2.id AND d.state = 'validated' AND d.kind = 'gift'
                     WHERE p2.id = ANY(%s)
                  GROUP BY p2.id) s
             WHERE p.id = s.id
        """, [ids])
        tag = self.env.ref("assoc_contacts.tag_donor")
        # Two lists, then no join: right after a bulk insert the planner's statistics are stale,
        # and a join of the tag table with a long id list was planned as a nested loop (minutes).
        self.env.cr.execute("SELECT id, assoc_donation_count > 0 FROM res_partner WHERE id = ANY(%s)", [ids])
        rows = self.env.cr.fetchall()
        self.env.cr.execute("""
            INSERT INTO res_partner_res_partner_category_rel (partner_id, category_id)
            SELECT unnest(%s::int[]), %s ON CONFLICT DO NOTHING
        """, [[pid for pid, gives in rows if gives], tag.id])
        self.env.cr.execute(
            "DELETE FROM res_partner_res_partner_category_rel WHERE category_id = %s AND partner_id = ANY(%s)",
            [tag.id, [pid for pid, gives in rows if not gives]],
        )
        self.browse(ids).invalidate_recordset([
            "assoc_donation_total", "assoc_donation_count", "assoc_donation_average",
            "assoc_donation_first_date", "assoc_donation_last_date", "category_id"])

    def action_assoc_view_donations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("assoc_receipts.action_assoc_donation")
        action.update(domain=[("partner_id", "=", self.id)], context={"default_partner_id": self.id})
        return action

    def action_assoc_view_receipts(self):
        self.ensure_one()
        return self.env["assoc.tax.receipt"].search([("partner_id", "=", self.id)])._get_records_action(
            name=_("Tax receipts"))

    def _assoc_gdpr_other_records(self):
        """The right of access covers the contact's payments too (gifts are paid by them); like
        the gifts and receipts, an erasure keeps them: they are accounting records."""
        found = super()._assoc_gdpr_other_records()
        payments = self.env["account.payment"].sudo().search([("partner_id", "=", self.id)])
        if payments:
            found["account.payment"] = payments
        return found
