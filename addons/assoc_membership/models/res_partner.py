from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression
from odoo.tools import SQL

from odoo.addons.base.models.ir_sequence import _update_nogap

# partner field -> field of assoc.membership.status
STATUS_FIELDS = {
    "assoc_membership_state": "state",
    "assoc_member_since": "member_since",
    "assoc_membership_last_date": "last_date",
    "assoc_membership_end": "end_date",
    "assoc_membership_last_type_id": "last_type_id",
    "assoc_membership_last_amount": "last_amount",
    "assoc_membership_count": "membership_count",
    "assoc_membership_total": "total",
}
STATES = ("member", "former", "never")
MEMBER_NUMBER_CODE = "assoc.member.number"
# fields of assoc.membership the status statements read
MEMBERSHIP_STATUS_SOURCES = [
    "partner_id",
    "member_ids",
    "type_id",
    "amount",
    "state",
    "date_start",
    "date_end",
    "date_grace_end",
    "is_renewed",
]

# One statement for the status of the partners given (or of all): memberships covering a
# person are read through assoc_membership_member_rel; only rows that change are written.
STATUS_SQL = """
WITH cover AS (
    SELECT rel.partner_id, m.id, m.type_id, m.amount, m.date_start, m.date_end, m.date_grace_end
      FROM assoc_membership_member_rel rel
      JOIN assoc_membership m ON m.id = rel.membership_id
     WHERE m.state = 'confirmed' {partner_filter}
), totals AS (
    SELECT partner_id, min(date_start) AS since, count(*) AS total_count, sum(amount) AS total_amount,
           bool_or(date_start <= %(today)s AND date_grace_end >= %(today)s) AS is_member,
           bool_or(date_start <= %(today)s) AS has_started
      FROM cover GROUP BY partner_id
), latest AS (
    SELECT DISTINCT ON (partner_id) partner_id, type_id, amount, date_start, date_end
      FROM cover ORDER BY partner_id, date_end DESC, id DESC
)
INSERT INTO assoc_membership_status AS s (partner_id, state, member_since, last_date, end_date, last_type_id,
                                          last_amount, membership_count, total)
SELECT t.partner_id,
       CASE WHEN t.is_member THEN 'member' WHEN t.has_started THEN 'former' ELSE 'never' END,
       t.since, l.date_start, l.date_end, l.type_id, l.amount, t.total_count, t.total_amount
  FROM totals t JOIN latest l ON l.partner_id = t.partner_id
ON CONFLICT (partner_id) DO UPDATE
   SET state = EXCLUDED.state, member_since = EXCLUDED.member_since, last_date = EXCLUDED.last_date,
       end_date = EXCLUDED.end_date, last_type_id = EXCLUDED.last_type_id, last_amount = EXCLUDED.last_amount,
       membership_count = EXCLUDED.membership_count, total = EXCLUDED.total
 WHERE (s.state, s.member_since, s.last_date, s.end_date, s.last_type_id, s.last_amount, s.membership_count,
        s.total)
       IS DISTINCT FROM
       (EXCLUDED.state, EXCLUDED.member_since, EXCLUDED.last_date, EXCLUDED.end_date, EXCLUDED.last_type_id,
        EXCLUDED.last_amount, EXCLUDED.membership_count, EXCLUDED.total)
"""

# Status rows of people left without any confirmed membership.
STATUS_CLEANUP_SQL = """
DELETE FROM assoc_membership_status s
 WHERE TRUE {status_filter}
   AND NOT EXISTS (SELECT 1 FROM assoc_membership_member_rel rel
                     JOIN assoc_membership m ON m.id = rel.membership_id
                    WHERE rel.partner_id = s.partner_id AND m.state = 'confirmed')
"""

TAGS_SQL = """
DELETE FROM res_partner_res_partner_category_rel rel
 WHERE rel.category_id IN (%(tag_member)s, %(tag_former)s) {rel_filter}
   AND NOT EXISTS (SELECT 1 FROM assoc_membership_status s
                    WHERE s.partner_id = rel.partner_id
                      AND s.state = CASE WHEN rel.category_id = %(tag_member)s THEN 'member' ELSE 'former' END);
INSERT INTO res_partner_res_partner_category_rel (category_id, partner_id)
SELECT CASE s.state WHEN 'member' THEN %(tag_member)s ELSE %(tag_former)s END, s.partner_id
  FROM assoc_membership_status s
 WHERE s.state IN ('member', 'former') {status_filter}
ON CONFLICT DO NOTHING;
"""

# A membership is renewed when its holder has a later confirmed one: one window pass.
RENEWED_SQL = """
UPDATE assoc_membership m SET is_renewed = r.renewed
  FROM (SELECT id, COALESCE(date_start < max(date_start) FILTER (WHERE state = 'confirmed')
                                         OVER (PARTITION BY partner_id), FALSE) AS renewed
          FROM assoc_membership m WHERE TRUE {holder_filter}) r
 WHERE m.id = r.id AND m.is_renewed IS DISTINCT FROM r.renewed
"""


def _search_status(status_field):
    """Search a status field of contacts through the status table (whoever searches)."""

    def search(self, operator, value):
        return [("id", "in", self._assoc_status_partners([(status_field, operator, value)]))]

    return search


class ResPartner(models.Model):
    _inherit = "res.partner"

    assoc_membership_ids = fields.Many2many(
        "assoc.membership",
        "assoc_membership_member_rel",
        "partner_id",
        "membership_id",
        string="Memberships",
        help="Memberships that cover this contact (own or family ones).",
    )
    assoc_membership_state = fields.Selection(
        [("member", "Member"), ("former", "Former member"), ("never", "Never member")],
        string="Membership status",
        compute="_compute_assoc_membership_status",
        search="_search_assoc_membership_state",
    )
    assoc_member_since = fields.Date(
        string="Member since", compute="_compute_assoc_membership_status", search=_search_status("member_since")
    )
    assoc_membership_last_date = fields.Date(
        string="Last membership",
        compute="_compute_assoc_membership_status",
        search=_search_status("last_date"),
        help="Start of the latest membership.",
    )
    assoc_membership_end = fields.Date(
        string="Membership valid until", compute="_compute_assoc_membership_status", search=_search_status("end_date")
    )
    assoc_membership_last_type_id = fields.Many2one(
        "assoc.membership.type",
        string="Last membership type",
        compute="_compute_assoc_membership_status",
        search=_search_status("last_type_id"),
    )
    assoc_membership_last_amount = fields.Float(
        string="Last dues",
        digits=(16, 2),
        compute="_compute_assoc_membership_status",
        search=_search_status("last_amount"),
    )
    assoc_membership_count = fields.Integer(
        string="Number of memberships",
        compute="_compute_assoc_membership_status",
        search=_search_status("membership_count"),
    )
    assoc_membership_total = fields.Float(
        string="Total dues", digits=(16, 2), compute="_compute_assoc_membership_status", search=_search_status("total")
    )
    # looked up through the index of its UNIQUE constraint
    assoc_member_number = fields.Char(string="Member number", readonly=True, copy=False)
    assoc_member_on = fields.Date(
        string="Member on",
        compute="_compute_assoc_member_on",
        search="_search_assoc_member_on",
        help="Search the people who were members on a given day.",
    )

    _sql_constraints = [
        ("assoc_member_number_unique", "UNIQUE (assoc_member_number)", "A member number is unique."),
    ]

    def _compute_assoc_membership_status(self):
        """Read the status rows in one query and fill the cache field by field: emailing pushes
        and exports read these fields on tens of thousands of contacts at once."""
        self.env["assoc.membership.status"].flush_model()
        origin_ids = [partner._origin.id for partner in self]
        self.env.cr.execute(
            SQL(
                "SELECT partner_id, %s FROM assoc_membership_status WHERE partner_id = ANY(%s)",
                SQL(", ").join(SQL.identifier(name) for name in STATUS_FIELDS.values()),
                [pid for pid in origin_ids if pid],
            )
        )
        rows = {row[0]: row[1:] for row in self.env.cr.fetchall()}
        never = tuple("never" if name == "state" else None for name in STATUS_FIELDS.values())
        for position, partner_field in enumerate(STATUS_FIELDS):
            field = self._fields[partner_field]
            self.env.cache.update(
                self,
                field,
                [field.convert_to_cache(rows.get(pid, never)[position], self, validate=False) for pid in origin_ids],
            )

    def _search_assoc_membership_state(self, operator, value):
        if operator not in ("=", "!=", "in", "not in"):
            raise UserError(_("Search the membership status with “is” or “is in”."))
        values = {v or "never" for v in (value if isinstance(value, (list, tuple)) else [value])}
        if operator in ("!=", "not in"):
            values = set(STATES) - values
        started = [state for state in ("member", "former") if state in values]
        domains = [[("id", "in", self._assoc_status_partners([("state", "in", started)]))]] if started else []
        if "never" in values:
            domains.append([("id", "not in", self._assoc_status_partners([("state", "in", ["member", "former"])]))])
        return expression.OR(domains) if domains else expression.FALSE_DOMAIN

    @api.model
    def _assoc_status_partners(self, domain):
        return self.env["assoc.membership.status"].sudo()._search(domain).subselect("partner_id")

    def _compute_assoc_member_on(self):
        self.assoc_member_on = False

    def _search_assoc_member_on(self, operator, value):
        if operator != "=" or not value:
            raise UserError(_("Search the members on one day with “Member on” = a date."))
        return [("id", "in", self._assoc_member_ids_at(fields.Date.to_date(value)))]

    @api.model
    def _assoc_member_ids_at(self, day):
        self.env["assoc.membership"].flush_model()
        self.env.cr.execute(
            """
            SELECT DISTINCT rel.partner_id
              FROM assoc_membership_member_rel rel
              JOIN assoc_membership m ON m.id = rel.membership_id
             WHERE m.state = 'confirmed' AND m.date_start <= %s AND m.date_grace_end >= %s
        """,
            [day, day],
        )
        return [row[0] for row in self.env.cr.fetchall()]

    def _assoc_membership_state_at(self, day):
        """{partner id: 'member' | 'former' | 'never'} on the given day."""
        self.env["assoc.membership"].flush_model()
        self.env.cr.execute(
            """
            SELECT rel.partner_id,
                   bool_or(m.date_start <= %(day)s AND m.date_grace_end >= %(day)s),
                   bool_or(m.date_start <= %(day)s)
              FROM assoc_membership_member_rel rel
              JOIN assoc_membership m ON m.id = rel.membership_id
             WHERE m.state = 'confirmed' AND rel.partner_id = ANY(%(ids)s)
             GROUP BY rel.partner_id
        """,
            {"day": day, "ids": self.ids},
        )
        found = {
            pid: "member" if member else "former" if started else "never"
            for pid, member, started in self.env.cr.fetchall()
        }
        return {partner.id: found.get(partner.id, "never") for partner in self}

    # ------------------------------------------------------------- updates
    @api.model
    def _assoc_update_membership_status(self, partner_ids=None, today=None):
        """Recompute status, tags and renewals set-based, for the partners given or for all.
        Returns the number of status rows written."""
        self._assoc_flush_membership_status_sources()
        params = {
            "today": today or fields.Date.context_today(self),
            "ids": list(partner_ids or []),
            "tag_member": self.env.ref("assoc_contacts.tag_member").id,
            "tag_former": self.env.ref("assoc_contacts.tag_former_member").id,
        }
        only = partner_ids is not None
        cr = self.env.cr
        # Just-in-time compilation costs more than it saves on these short set-based statements.
        cr.execute("SELECT current_setting('jit')")
        jit = cr.fetchone()[0]
        cr.execute("SET LOCAL jit = off")
        cr.execute(STATUS_SQL.format(partner_filter="AND rel.partner_id = ANY(%(ids)s)" if only else ""), params)
        changed = cr.rowcount
        cr.execute(STATUS_CLEANUP_SQL.format(status_filter="AND s.partner_id = ANY(%(ids)s)" if only else ""), params)
        changed += cr.rowcount
        cr.execute(
            TAGS_SQL.format(
                rel_filter="AND rel.partner_id = ANY(%(ids)s)" if only else "",
                status_filter="AND s.partner_id = ANY(%(ids)s)" if only else "",
            ),
            params,
        )
        cr.execute(RENEWED_SQL.format(holder_filter="AND m.partner_id = ANY(%(ids)s)" if only else ""), params)
        cr.execute("SELECT set_config('jit', %s, true)", [jit])
        self.env["assoc.membership.status"].invalidate_model()
        self.invalidate_model([*STATUS_FIELDS, "category_id"])
        self.env["res.partner.category"].invalidate_model(["partner_ids"])
        self.env["assoc.membership"].invalidate_model(["is_renewed"])
        return changed

    @api.model
    def _assoc_flush_membership_status_sources(self):
        """Write what the status statements read, and only that: flushing everything would pay
        here for the pending computations of whatever the caller is doing (payments, entries)."""
        self.env["assoc.membership"].flush_model(MEMBERSHIP_STATUS_SOURCES)
        self.env["assoc.membership.status"].flush_model()
        self.flush_model(["assoc_membership_ids", "category_id"])
        self.env["res.partner.category"].flush_model(["partner_ids"])

    @api.model
    def _cron_update_membership_status(self):
        self._assoc_update_membership_status()

    def _assoc_assign_member_numbers(self):
        """Give a member number, for life, to the people who have none (gapless sequence), in
        the order of their ids."""
        todo = self.sudo().filtered(lambda p: not p.assoc_member_number).sorted("id")
        if not todo:
            return
        for partner, number in zip(todo, self._assoc_next_member_numbers(len(todo)), strict=True):
            partner.assoc_member_number = number

    @api.model
    def _assoc_next_member_numbers(self, count):
        """The next `count` member numbers, those `count` calls of next_by_code would give, with
        one lock and one update of the gapless sequence instead of a lookup and a lock each."""
        Sequence = self.env["ir.sequence"].sudo()
        sequence = Sequence.search(
            [("code", "=", MEMBER_NUMBER_CODE), ("company_id", "in", [self.env.company.id, False])],
            order="company_id",
            limit=1,
        )
        if not sequence or sequence.implementation != "no_gap" or sequence.use_date_range:
            return [Sequence.next_by_code(MEMBER_NUMBER_CODE) for _index in range(count)]
        step = sequence.number_increment
        first = _update_nogap(sequence, step * count)
        return [sequence.get_next_char(first + index * step) for index in range(count)]

    # ----------------------------------------------------------- documents
    def _assoc_membership_documents(self):
        """The valid (or upcoming) membership of each contact, for cards printed from contacts."""
        today = fields.Date.context_today(self)
        memberships, missing = self.env["assoc.membership"], self.browse()
        for partner in self:
            valid = partner.assoc_membership_ids.filtered(
                lambda m: m.state == "confirmed" and m.date_grace_end >= today
            ).sorted("date_start")
            memberships += valid[:1]  # keeps duplicates: one card per person
            missing |= partner if not valid else self.browse()
        if missing:
            raise UserError(
                _(
                    "These contacts have no valid membership, so no card or attestation can be issued: %s",
                    ", ".join(missing.mapped("display_name")),
                )
            )
        return memberships, list(self)

    def action_assoc_new_membership(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("assoc_membership.action_assoc_membership")
        action.update({"views": [(False, "form")], "view_mode": "form", "context": {"default_partner_id": self.id}})
        return action

    def _assoc_gdpr_other_records(self):
        """The right of access covers the payments of the dues too; like the memberships, an
        erasure keeps them: they are accounting records."""
        found = super()._assoc_gdpr_other_records()
        payments = self.env["account.payment"].sudo().search([("partner_id", "=", self.id)])
        if payments:
            found["account.payment"] = payments
        return found
