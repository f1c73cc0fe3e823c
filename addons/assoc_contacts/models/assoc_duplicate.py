from odoo import _, api, fields, models
from odoo.exceptions import UserError

CRITERIA = [
    ("email", "Same email"),
    ("phone", "Same phone"),
    ("fullname", "Same first and last name"),
    ("swapped", "First and last name swapped"),
    ("lastname", "Same last name and postal code"),
    ("address", "Same postal address"),
]
BASE_SCORES = {"email": 90, "phone": 70, "fullname": 80, "swapped": 70, "lastname": 40, "address": 50}
# Each other key that also matches adds to the score of a pair.
SCORE_BONUS = """5 * (
    COALESCE(a.assoc_email_key = b.assoc_email_key, FALSE)::int
  + COALESCE(a.assoc_phone_key = b.assoc_phone_key OR a.assoc_mobile_key = b.assoc_mobile_key, FALSE)::int
  + COALESCE(a.assoc_firstname_key = b.assoc_firstname_key AND a.assoc_lastname_key = b.assoc_lastname_key, FALSE)::int
  + COALESCE(a.assoc_street_key = b.assoc_street_key, FALSE)::int
  + COALESCE(a.birthdate = b.birthdate, FALSE)::int)"""
PERSON = "p.active AND NOT p.is_company"
# Rows (id, key) per criterion that groups contacts; "swapped" joins instead of grouping.
KEYED_QUERIES = {
    "email": """SELECT p.id, p.assoc_email_key FROM res_partner p WHERE p.active AND p.assoc_email_key IS NOT NULL
                UNION SELECT e.partner_id, e.email_key FROM assoc_partner_email e
                JOIN res_partner p ON p.id = e.partner_id WHERE p.active AND e.email_key IS NOT NULL""",
    "phone": """SELECT p.id, p.assoc_phone_key FROM res_partner p WHERE p.active AND p.assoc_phone_key IS NOT NULL
                UNION SELECT p.id, p.assoc_mobile_key FROM res_partner p
                WHERE p.active AND p.assoc_mobile_key IS NOT NULL""",
    "fullname": f"""SELECT p.id, p.assoc_firstname_key || '|' || p.assoc_lastname_key FROM res_partner p
                WHERE {PERSON} AND p.assoc_firstname_key IS NOT NULL AND p.assoc_lastname_key IS NOT NULL""",
    "lastname": f"""SELECT p.id, p.assoc_lastname_key || '|' || p.zip FROM res_partner p
                WHERE {PERSON} AND p.assoc_lastname_key IS NOT NULL AND p.zip IS NOT NULL""",
    "address": """SELECT p.id, p.assoc_street_key FROM res_partner p
                WHERE p.active AND p.assoc_street_key IS NOT NULL""",
}
SWAPPED_PAIRS = f"""
    WITH named AS (
        SELECT p.assoc_firstname_key AS f, p.assoc_lastname_key AS l, array_agg(p.id) AS ids
          FROM res_partner p
         WHERE {PERSON} AND p.assoc_firstname_key IS NOT NULL AND p.assoc_lastname_key IS NOT NULL
           AND p.assoc_firstname_key <> p.assoc_lastname_key
         GROUP BY 1, 2 HAVING count(*) <= %(cap)s)
    SELECT LEAST(i, j) AS a, GREATEST(i, j) AS b
      FROM named x JOIN named y ON y.f = x.l AND y.l = x.f AND x.f < x.l,
           unnest(x.ids) AS i, unnest(y.ids) AS j"""
GROUPED_PAIRS = """
    WITH keyed (id, key) AS ({keyed}),
    grouped AS (SELECT array_agg(DISTINCT id) AS ids FROM keyed GROUP BY key
                 HAVING count(DISTINCT id) BETWEEN 2 AND %(cap)s)
    SELECT DISTINCT i AS a, j AS b FROM grouped, unnest(ids) AS i, unnest(ids) AS j WHERE i < j"""
INSERT_PAIRS = f"""
    INSERT INTO assoc_duplicate (partner_a_id, partner_b_id, criterion, score, state,
                                 create_uid, create_date, write_uid, write_date)
    SELECT pairs.a, pairs.b, %(criterion)s, LEAST(100, %(base)s + {SCORE_BONUS}), 'pending',
           %(uid)s, now() at time zone 'UTC', %(uid)s, now() at time zone 'UTC'
      FROM ({{pairs}}) pairs
      JOIN res_partner a ON a.id = pairs.a
      JOIN res_partner b ON b.id = pairs.b
     WHERE a.parent_id IS DISTINCT FROM b.id AND b.parent_id IS DISTINCT FROM a.id
       -- people of one household share an address and often a name: not duplicates for that alone
       AND NOT COALESCE(a.household_id = b.household_id AND %(criterion)s IN ('address', 'lastname'), FALSE)
    ON CONFLICT (partner_a_id, partner_b_id) DO UPDATE
       SET criterion = EXCLUDED.criterion, score = EXCLUDED.score
     WHERE assoc_duplicate.state = 'pending' AND EXCLUDED.score > assoc_duplicate.score"""
# The automatic check runs at every creation: one SELECT on indexed keys (cheap to plan);
# the INSERT, heavier to plan, only runs when a match was found.
EMAIL_MATCHES = """
    WITH fresh AS (
        SELECT p.id, p.parent_id, p.assoc_email_key AS key FROM res_partner p
         WHERE p.id = ANY(%(ids)s) AND p.active AND p.assoc_email_key IS NOT NULL
        UNION ALL SELECT p.id, p.parent_id, e.email_key FROM assoc_partner_email e
          JOIN res_partner p ON p.id = e.partner_id
         WHERE e.partner_id = ANY(%(ids)s) AND p.active AND e.email_key IS NOT NULL),
    owners AS (
        SELECT p.id, p.parent_id, p.assoc_email_key AS key FROM res_partner p
         WHERE p.assoc_email_key IN (SELECT key FROM fresh) AND p.active
        UNION ALL SELECT p.id, p.parent_id, e.email_key FROM assoc_partner_email e
          JOIN res_partner p ON p.id = e.partner_id
         WHERE e.email_key IN (SELECT key FROM fresh) AND p.active)
    SELECT DISTINCT LEAST(fresh.id, owners.id), GREATEST(fresh.id, owners.id)
      FROM fresh JOIN owners ON owners.key = fresh.key
     WHERE owners.id <> fresh.id
       AND owners.id IS DISTINCT FROM fresh.parent_id AND owners.parent_id IS DISTINCT FROM fresh.id"""
GIVEN_PAIRS = "SELECT * FROM unnest(%(a)s::int[], %(b)s::int[]) AS given(a, b)"


class AssocDuplicate(models.Model):
    """A pair of contacts that may be one person, why we think so, and what was decided."""

    _name = "assoc.duplicate"
    _description = "Possible duplicate"
    _order = "state_sequence, score desc, id desc"
    _rec_name = "partner_a_id"

    partner_a_id = fields.Many2one("res.partner", string="Contact", required=True, index=True, ondelete="cascade")
    partner_b_id = fields.Many2one("res.partner", string="Possible duplicate", index=True, ondelete="cascade")
    partner_b_name = fields.Char(
        string="Merged contact", readonly=True, help="Name of the contact merged into the first one."
    )
    criterion = fields.Selection(CRITERIA, required=True, readonly=True)
    score = fields.Integer(readonly=True, aggregator="avg", help="Likelihood, out of 100, that both are one person.")
    state = fields.Selection(
        [("pending", "To review"), ("merged", "Merged"), ("distinct", "Kept distinct"),
         ("household", "Distinct, same household")],
        string="Decision", required=True, default="pending", readonly=True, index=True,
    )
    state_sequence = fields.Integer(compute="_compute_state_sequence", store=True)
    decision_uid = fields.Many2one("res.users", string="Decided by", readonly=True)
    decision_date = fields.Datetime(string="Decided on", readonly=True)
    email_a = fields.Char(related="partner_a_id.email", string="Email")
    email_b = fields.Char(related="partner_b_id.email", string="Email (duplicate)")
    city_a = fields.Char(related="partner_a_id.city", string="City")
    city_b = fields.Char(related="partner_b_id.city", string="City (duplicate)")

    _sql_constraints = [
        ("pair_unique", "unique(partner_a_id, partner_b_id)", "A pair of contacts is reviewed once."),
        ("pair_ordered", "check(partner_b_id IS NULL OR partner_a_id < partner_b_id)",
         "The first contact of a pair is the older one."),
    ]

    @api.depends("state")
    def _compute_state_sequence(self):
        for duplicate in self:
            duplicate.state_sequence = 0 if duplicate.state == "pending" else 1

    # --------------------------------------------------------------- detection
    @api.model
    def _insert_pairs(self, criterion, pairs_sql, params):
        """Record candidate pairs found by one SQL query; decided pairs are never proposed again."""
        self.env.flush_all()
        query = INSERT_PAIRS.replace("{pairs}", pairs_sql)
        self.env.cr.execute(
            query, dict(params, criterion=criterion, base=BASE_SCORES[criterion], uid=self.env.uid)
        )
        self.invalidate_model()
        return self.env.cr.rowcount

    @api.model
    def _record_email_matches(self, partner_ids):
        """Pairs of these contacts with any contact sharing a normalized email (main or secondary)."""
        if not partner_ids:
            return 0
        self.env.cr.execute(EMAIL_MATCHES, {"ids": list(partner_ids)})
        pairs = self.env.cr.fetchall()
        if not pairs:
            return 0
        firsts, seconds = zip(*sorted(pairs), strict=True)
        return self._insert_pairs("email", GIVEN_PAIRS, {"a": list(firsts), "b": list(seconds)})

    @api.model
    def _group_cap(self):
        """Groups larger than this are homonyms or shared mailboxes, not duplicates."""
        return int(self.env["ir.config_parameter"].sudo().get_param("assoc_contacts.duplicate_group_cap", 10))

    @api.model
    def _scan(self, criterion):
        """One set-based scan of the whole base on one criterion; returns the pairs added or rescored."""
        if criterion == "swapped":
            pairs_sql = SWAPPED_PAIRS
        else:
            pairs_sql = GROUPED_PAIRS.format(keyed=KEYED_QUERIES[criterion])
        return self._insert_pairs(criterion, pairs_sql, {"cap": self._group_cap()})

    @api.model
    def _pending_count_by_partner(self, partner_ids):
        if not partner_ids:
            return {}
        self.flush_model()
        self.env.cr.execute(
            """SELECT partner_id, count(*) FROM (
                   SELECT partner_a_id AS partner_id FROM assoc_duplicate WHERE state = 'pending'
                      AND partner_a_id = ANY(%(ids)s)
                   UNION ALL SELECT partner_b_id FROM assoc_duplicate WHERE state = 'pending'
                      AND partner_b_id = ANY(%(ids)s)) pending GROUP BY partner_id""",
            {"ids": list(partner_ids)},
        )
        return dict(self.env.cr.fetchall())

    # --------------------------------------------------------------- decisions
    def _check_pending(self):
        if any(duplicate.state != "pending" or not duplicate.partner_b_id for duplicate in self):
            raise UserError(_("Only pairs still to review can be decided."))

    def _decide(self, state):
        self.write({"state": state, "decision_uid": self.env.uid, "decision_date": fields.Datetime.now()})

    def action_keep_distinct(self):
        self._check_pending()
        self._decide("distinct")

    def action_link_household(self):
        """Keep both contacts and put them in one household (the existing one of either, if any)."""
        self._check_pending()
        for duplicate in self:
            pair = duplicate.partner_a_id | duplicate.partner_b_id
            households = pair.household_id
            if len(households) > 1:
                raise UserError(_(
                    "%(a)s and %(b)s already belong to two different households.",
                    a=duplicate.partner_a_id.display_name, b=duplicate.partner_b_id.display_name,
                ))
            if households:
                pair.write({"household_id": households.id})
            else:
                self.env["assoc.household"].create_for_partners(pair, primary=duplicate.partner_a_id)
        self._decide("household")

    def action_merge(self):
        """Open the merge assistant: choose the contact to keep and, where both hold different
        values, the value to keep."""
        self.ensure_one()
        self._check_pending()
        wizard = self.env["assoc.duplicate.merge"].create({"duplicate_id": self.id})
        return {
            "type": "ir.actions.act_window",
            "name": _("Merge contacts"),
            "res_model": "assoc.duplicate.merge",
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
        }

    @api.model
    def _merged(self, src_partners, dst_partner):
        """Called by the merge: record the decision and re-point the other pairs at the kept contact,
        dropping those that become the same pair twice."""
        if not src_partners:
            return
        self.flush_model()
        all_ids = (src_partners | dst_partner).ids
        src_ids = src_partners.ids
        cr = self.env.cr
        cr.execute(
            """UPDATE assoc_duplicate d
                  SET state = 'merged', partner_a_id = %(dst)s, partner_b_id = NULL, partner_b_name = p.name,
                      decision_uid = %(uid)s, decision_date = now() at time zone 'UTC'
                 FROM res_partner p
                WHERE p.id = CASE WHEN d.partner_a_id = %(dst)s THEN d.partner_b_id ELSE d.partner_a_id END
                  AND d.partner_a_id = ANY(%(all)s) AND d.partner_b_id = ANY(%(all)s)""",
            {"dst": dst_partner.id, "all": all_ids, "uid": self.env.uid},
        )
        cr.execute(
            "UPDATE assoc_duplicate SET partner_a_id = %(dst)s "
            "WHERE partner_b_id IS NULL AND partner_a_id = ANY(%(src)s)",
            {"dst": dst_partner.id, "src": src_ids},
        )
        cr.execute(
            """WITH moved AS (
                   SELECT d.id, LEAST(o.other, %(dst)s) AS a, GREATEST(o.other, %(dst)s) AS b
                     FROM assoc_duplicate d,
                          LATERAL (SELECT CASE WHEN d.partner_a_id = ANY(%(src)s) THEN d.partner_b_id
                                               ELSE d.partner_a_id END AS other) o
                    WHERE d.partner_a_id = ANY(%(src)s) OR d.partner_b_id = ANY(%(src)s)),
               kept AS (
                   SELECT DISTINCT ON (a, b) id, a, b FROM moved m
                    WHERE m.a <> m.b AND NOT EXISTS (
                          SELECT 1 FROM assoc_duplicate e WHERE e.partner_a_id = m.a AND e.partner_b_id = m.b)
                    ORDER BY a, b, id)
               UPDATE assoc_duplicate d SET partner_a_id = kept.a, partner_b_id = kept.b
                 FROM kept WHERE d.id = kept.id""",
            {"dst": dst_partner.id, "src": src_ids},
        )
        cr.execute(
            "DELETE FROM assoc_duplicate WHERE partner_a_id = ANY(%(src)s) OR partner_b_id = ANY(%(src)s)",
            {"src": src_ids},
        )
        self.invalidate_model()
