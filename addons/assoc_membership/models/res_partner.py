from odoo import _, api, fields, models
from odoo.exceptions import UserError

STATUS_FIELDS = [
    "assoc_membership_state", "assoc_member_since", "assoc_membership_last_date",
    "assoc_membership_end", "assoc_membership_last_type_id", "assoc_membership_last_amount",
    "assoc_membership_count", "assoc_membership_total", "category_id",
]

# One statement for the status of every partner given (or all): memberships covering a
# person are read through assoc_membership_member_rel, only rows that change are written.
STATUS_SQL = """
WITH cover AS (
    SELECT rel.partner_id, m.id, m.type_id, m.amount, m.date_start, m.date_end, m.date_grace_end
      FROM assoc_membership_member_rel rel
      JOIN assoc_membership m ON m.id = rel.membership_id
     WHERE m.state = 'confirmed' {cover_filter}
), totals AS (
    SELECT partner_id, min(date_start) AS since, count(*) AS total_count, sum(amount) AS total_amount,
           bool_or(date_start <= %(today)s AND date_grace_end >= %(today)s) AS is_member,
           bool_or(date_start <= %(today)s) AS has_started
      FROM cover GROUP BY partner_id
), latest AS (
    SELECT DISTINCT ON (partner_id) partner_id, type_id, amount, date_start, date_end
      FROM cover ORDER BY partner_id, date_end DESC, id DESC
), target AS (
    SELECT p.id,
           CASE WHEN t.is_member THEN 'member' WHEN t.has_started THEN 'former' ELSE 'never' END AS state,
           t.since, l.date_start AS last_date, l.date_end AS end_date, l.type_id, l.amount,
           COALESCE(t.total_count, 0) AS total_count, COALESCE(t.total_amount, 0) AS total_amount
      FROM res_partner p
      LEFT JOIN totals t ON t.partner_id = p.id
      LEFT JOIN latest l ON l.partner_id = p.id
     WHERE TRUE {partner_filter}
)
UPDATE res_partner p
   SET assoc_membership_state = target.state, assoc_member_since = target.since,
       assoc_membership_last_date = target.last_date, assoc_membership_end = target.end_date,
       assoc_membership_last_type_id = target.type_id, assoc_membership_last_amount = target.amount,
       assoc_membership_count = target.total_count, assoc_membership_total = target.total_amount
  FROM target
 WHERE p.id = target.id
   AND (p.assoc_membership_state, p.assoc_member_since, p.assoc_membership_last_date,
        p.assoc_membership_end, p.assoc_membership_last_type_id, p.assoc_membership_last_amount,
        p.assoc_membership_count, p.assoc_membership_total)
       IS DISTINCT FROM
       (target.state, target.since, target.last_date, target.end_date, target.type_id, target.amount,
        target.total_count, target.total_amount)
"""

TAGS_SQL = """
DELETE FROM res_partner_res_partner_category_rel rel
 USING res_partner p
 WHERE rel.partner_id = p.id {partner_filter}
   AND ((rel.category_id = %(tag_member)s AND p.assoc_membership_state IS DISTINCT FROM 'member')
     OR (rel.category_id = %(tag_former)s AND p.assoc_membership_state IS DISTINCT FROM 'former'));
INSERT INTO res_partner_res_partner_category_rel (category_id, partner_id)
SELECT CASE p.assoc_membership_state WHEN 'member' THEN %(tag_member)s ELSE %(tag_former)s END, p.id
  FROM res_partner p
 WHERE p.assoc_membership_state IN ('member', 'former') {partner_filter}
ON CONFLICT DO NOTHING;
"""

RENEWED_SQL = """
UPDATE assoc_membership m SET is_renewed = r.renewed
  FROM (SELECT m.id, EXISTS (SELECT 1 FROM assoc_membership later
                              WHERE later.partner_id = m.partner_id AND later.state = 'confirmed'
                                AND later.date_start > m.date_start) AS renewed
          FROM assoc_membership m WHERE TRUE {holder_filter}) r
 WHERE m.id = r.id AND m.is_renewed IS DISTINCT FROM r.renewed
"""


class ResPartner(models.Model):
    _inherit = "res.partner"

    assoc_membership_ids = fields.Many2many(
        "assoc.membership", "assoc_membership_member_rel", "partner_id", "membership_id",
        string="Memberships", help="Memberships that cover this contact (own or family ones).")
    assoc_membership_state = fields.Selection(
        [("member", "Member"), ("former", "Former member"), ("never", "Never member")],
        string="Membership status", default="never", readonly=True, index=True, copy=False)
    assoc_member_since = fields.Date(string="Member since", readonly=True, copy=False)
    assoc_membership_last_date = fields.Date(string="Last membership", readonly=True, copy=False,
                                             help="Start of the latest membership.")
    assoc_membership_end = fields.Date(string="Membership valid until", readonly=True, copy=False,
                                       index=True)
    assoc_membership_last_type_id = fields.Many2one(
        "assoc.membership.type", string="Last membership type", readonly=True, copy=False, index=True)
    assoc_membership_last_amount = fields.Float(string="Last dues", digits=(16, 2), readonly=True,
                                                copy=False)
    assoc_membership_count = fields.Integer(string="Number of memberships", readonly=True, copy=False)
    assoc_membership_total = fields.Float(string="Total dues", digits=(16, 2), readonly=True, copy=False)
    assoc_member_number = fields.Char(string="Member number", readonly=True, copy=False, index=True)
    assoc_member_on = fields.Date(
        string="Member on", compute="_compute_assoc_member_on", search="_search_assoc_member_on",
        help="Search the people who were members on a given day.")

    _sql_constraints = [
        ("assoc_member_number_unique", "UNIQUE (assoc_member_number)", "A member number is unique."),
    ]

    def _compute_assoc_member_on(self):
        self.assoc_member_on = False

    def _search_assoc_member_on(self, operator, value):
        if operator != "=" or not value:
            raise UserError(_("Search the members on one day with “Member on” = a date."))
        return [("id", "in", self._assoc_member_ids_at(fields.Date.to_date(value)))]

    @api.model
    def _assoc_member_ids_at(self, day):
        self.env["assoc.membership"].flush_model()
        self.env.cr.execute("""
            SELECT DISTINCT rel.partner_id
              FROM assoc_membership_member_rel rel
              JOIN assoc_membership m ON m.id = rel.membership_id
             WHERE m.state = 'confirmed' AND m.date_start <= %s AND m.date_grace_end >= %s
        """, [day, day])
        return [row[0] for row in self.env.cr.fetchall()]

    def _assoc_membership_state_at(self, day):
        """{partner id: 'member' | 'former' | 'never'} on the given day."""
        self.env["assoc.membership"].flush_model()
        self.env.cr.execute("""
            SELECT rel.partner_id,
                   bool_or(m.date_start <= %(day)s AND m.date_grace_end >= %(day)s),
                   bool_or(m.date_start <= %(day)s)
              FROM assoc_membership_member_rel rel
              JOIN assoc_membership m ON m.id = rel.membership_id
             WHERE m.state = 'confirmed' AND rel.partner_id = ANY(%(ids)s)
             GROUP BY rel.partner_id
        """, {"day": day, "ids": self.ids})
        found = {pid: "member" if member else "former" if started else "never"
                 for pid, member, started in self.env.cr.fetchall()}
        return {partner.id: found.get(partner.id, "never") for partner in self}

    # ------------------------------------------------------------- updates
    @api.model
    def _assoc_update_membership_status(self, partner_ids=None, today=None):
        """Recompute status, tags and renewals set-based, for the partners given or for all.
        Returns the number of contacts whose status changed."""
        self.env.flush_all()
        params = {
            "today": today or fields.Date.context_today(self),
            "ids": list(partner_ids or []),
            "tag_member": self.env.ref("assoc_contacts.tag_member").id,
            "tag_former": self.env.ref("assoc_contacts.tag_former_member").id,
        }
        only = partner_ids is not None
        cr = self.env.cr
        cr.execute(STATUS_SQL.format(
            cover_filter="AND rel.partner_id = ANY(%(ids)s)" if only else "",
            partner_filter="AND p.id = ANY(%(ids)s)" if only else ""), params)
        changed = cr.rowcount
        cr.execute(TAGS_SQL.format(partner_filter="AND p.id = ANY(%(ids)s)" if only else ""), params)
        cr.execute(RENEWED_SQL.format(holder_filter="AND m.partner_id = ANY(%(ids)s)" if only else ""), params)
        self.invalidate_model(STATUS_FIELDS)
        self.env["res.partner.category"].invalidate_model(["partner_ids"])
        self.env["assoc.membership"].invalidate_model(["is_renewed"])
        return changed

    @api.model
    def _cron_update_membership_status(self):
        self._assoc_update_membership_status()

    @api.model
    def _assoc_bulk_created(self, partner_ids):
        partner_ids = super()._assoc_bulk_created(partner_ids)
        self.env.cr.execute(
            "UPDATE res_partner SET assoc_membership_state = 'never', assoc_membership_count = 0, "
            "assoc_membership_total = 0 WHERE id = ANY(%s) AND assoc_membership_state IS NULL",
            [list(partner_ids)])
        self.invalidate_model(STATUS_FIELDS)
        return partner_ids

    def _assoc_assign_member_numbers(self):
        """Give a member number, for life, to the people who have none (gapless sequence)."""
        sequence = self.env["ir.sequence"].sudo()
        for partner in self.sudo().filtered(lambda p: not p.assoc_member_number).sorted("id"):
            partner.assoc_member_number = sequence.next_by_code("assoc.member.number")

    # ----------------------------------------------------------- documents
    def _assoc_membership_documents(self):
        """The valid (or upcoming) membership of each contact, for cards printed from contacts."""
        today = fields.Date.context_today(self)
        memberships, missing = self.env["assoc.membership"], self.browse()
        for partner in self:
            valid = partner.assoc_membership_ids.filtered(
                lambda m: m.state == "confirmed" and m.date_grace_end >= today).sorted("date_start")
            memberships += valid[:1]  # keeps duplicates: one card per person
            missing |= partner if not valid else self.browse()
        if missing:
            raise UserError(_("These contacts have no valid membership, so no card or attestation "
                              "can be issued: %s", ", ".join(missing.mapped("display_name"))))
        return memberships, list(self)

    def action_assoc_new_membership(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("assoc_membership.action_assoc_membership")
        action.update({"views": [(False, "form")], "view_mode": "form",
                       "context": {"default_partner_id": self.id}})
        return action
