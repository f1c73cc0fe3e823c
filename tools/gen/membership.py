"""Memberships over six years: renewals, lapses and returns, family memberships covering
households, organisations, free memberships, every validity mode. Rows are computed in
Python from the generator's random stream and written with set-based SQL; member numbers,
interactions, status and tags follow set-based too. A few current memberships go through
the ORM so that the demo shows their payments in accounting."""

import time
from datetime import date, datetime, timedelta

from psycopg2.extras import execute_values

ORDER = 20
REQUIRES = "assoc_membership"
MARK = "GEN"
PARAM = "assoc.gen.membership.contacts"
YEARS = 6
MEMBER_SHARE = 0.6
RENEWAL = 0.78
RETURN = 0.08
ORM_DEMO_MEMBERSHIPS = 12
METHODS = [("cheque", 30), ("transfer", 25), ("card", 20), ("helloasso", 12), ("cash", 8), ("direct_debit", 5)]
TYPES = [
    # key, name, values, weight for people
    ("individual", "Adhésion individuelle", {"amount": 30, "validity_mode": "calendar_year", "grace_days": 60}, 45),
    (
        "reduced",
        "Adhésion tarif réduit",
        {"amount": 10, "kind": "reduced", "validity_mode": "calendar_year", "grace_days": 60},
        15,
    ),
    ("support", "Adhésion de soutien", {"amount": 100, "validity_mode": "calendar_year", "gives_tax_receipt": True}, 8),
    ("rolling", "Adhésion 12 mois", {"amount": 35, "validity_mode": "rolling", "duration_months": 12}, 15),
    (
        "season",
        "Adhésion saison d'activités",
        {
            "amount": 120,
            "validity_mode": "season",
            "season_start_month": "9",
            "season_start_day": 1,
            "cutoff_month": "6",
            "cutoff_day": 1,
            "grace_days": 30,
        },
        12,
    ),
    ("free", "Adhésion découverte (gratuite)", {"amount": 0, "validity_mode": "rolling", "duration_months": 6}, 5),
    ("family", "Adhésion famille", {"amount": 50, "kind": "family", "validity_mode": "calendar_year"}, 0),
    (
        "organisation",
        "Adhésion personne morale",
        {"amount": 150, "kind": "organisation", "validity_mode": "calendar_year"},
        0,
    ),
]


def ensure_types(env):
    Type = env["assoc.membership.type"].with_context(active_test=False)
    types = {}
    for key, name, values, _weight in TYPES:
        types[key] = Type.search([("name", "=", name)], limit=1) or Type.create({"name": name, **values})
    return types


def generated_contacts(env):
    """(id, is_company, household_id, is household primary) of the generated contacts."""
    env.cr.execute("""
        SELECT p.id, p.is_company, p.household_id, h.primary_partner_id = p.id
          FROM res_partner p LEFT JOIN assoc_household h ON h.id = p.household_id
         WHERE p.ref LIKE 'GEN-%%' AND p.active ORDER BY p.id""")
    return env.cr.fetchall()


def clear_previous(env):
    env.cr.execute("SELECT id FROM assoc_membership WHERE note = %s", [MARK])
    ids = [row[0] for row in env.cr.fetchall()]
    if ids:
        env.cr.execute("DELETE FROM assoc_interaction WHERE res_model = 'assoc.membership' AND res_id = ANY(%s)", [ids])
        env.cr.execute("DELETE FROM assoc_membership WHERE id = ANY(%s)", [ids])


def membership_rows(env, rng, contacts, types):
    """One row per membership: a member joins some year, renews with RENEWAL probability,
    may come back after a lapse; household primaries take family memberships."""
    today = date.today()
    first_year = today.year - YEARS + 1
    people_keys = [key for key, _n, _v, weight in TYPES if weight]
    weights = [weight for _k, _n, _v, weight in TYPES if weight]
    methods, method_weights = zip(*METHODS, strict=True)
    company_id = env.company.id
    rows = []
    for partner_id, is_company, household_id, is_primary in contacts:
        if household_id and not is_primary:
            continue  # covered by the primary's family membership
        if rng.random() > MEMBER_SHARE:
            continue
        key = "organisation" if is_company else "family" if household_id else rng.choices(people_keys, weights)[0]
        mtype = types[key]
        year = rng.randint(first_year, today.year)
        day = date(year, rng.randint(1, 12), rng.randint(1, 28))
        current_end = None
        while day <= today:
            start, end = mtype._compute_period(day, current_end)
            if current_end and start <= current_end:  # renewal of a year or season: paid once it began
                day = current_end + timedelta(days=rng.randint(1, 45))
                start, end = mtype._compute_period(day, current_end)
            amount = mtype.amount + (rng.choice([0, 0, 0, 10, 20]) if mtype.amount else 0)
            method = rng.choices(methods, method_weights)[0] if amount else None
            rows.append(
                (
                    partner_id,
                    mtype.id,
                    mtype.kind,
                    day,
                    start,
                    end,
                    end + timedelta(days=mtype.grace_days),
                    company_id,
                    amount,
                    method,
                )
            )
            current_end = end
            if rng.random() < RENEWAL:
                day = max(end - timedelta(days=rng.randint(0, 40)), day + timedelta(days=1))
            elif rng.random() < RETURN:
                day = end + timedelta(days=rng.randint(200, 700))
                current_end = None
            else:
                break
    return rows


def insert_memberships(env, rows, rng):
    """Insert the memberships, then who each covers: the holder, and a family's household."""
    now = datetime.now()
    values = [(*row, "confirmed", MARK, f"{rng.getrandbits(128):032x}", now, now, 1, 1) for row in rows]
    ids = [
        row[0]
        for row in execute_values(
            env.cr._obj,
            """
        INSERT INTO assoc_membership (partner_id, type_id, kind, date, date_start, date_end, date_grace_end,
               company_id, amount, payment_method, state, note, verify_token, create_date, write_date,
               create_uid, write_uid)
        VALUES %s RETURNING id""",
            values,
            page_size=5000,
            fetch=True,
        )
    ]
    execute_values(
        env.cr._obj,
        "INSERT INTO assoc_membership_member_rel (membership_id, partner_id) VALUES %s",
        [(membership_id, row[0]) for membership_id, row in zip(ids, rows, strict=True)],
        page_size=10000,
    )
    env.cr.execute(
        """
        INSERT INTO assoc_membership_member_rel (membership_id, partner_id)
        SELECT m.id, p.id FROM assoc_membership m
          JOIN res_partner holder ON holder.id = m.partner_id
          JOIN res_partner p ON p.household_id = holder.household_id AND p.id != holder.id
         WHERE m.id = ANY(%s) AND m.kind = 'family'
        ON CONFLICT DO NOTHING""",
        [ids],
    )
    # fresh statistics, or the planner takes the new tables for empty (nested loops over them)
    env.cr.execute("ANALYZE assoc_membership, assoc_membership_member_rel")


def assign_member_numbers(env):
    """Gapless numbers in order of first membership, moving the no_gap sequence forward."""
    sequence = env.ref("assoc_membership.seq_member_number")
    env.cr.execute("SELECT number_next FROM ir_sequence WHERE id = %s FOR UPDATE", [sequence.id])
    next_number = env.cr.fetchone()[0]
    env.cr.execute(
        """
        WITH todo AS (
            SELECT rel.partner_id, row_number() OVER (ORDER BY min(m.date_start), rel.partner_id) - 1 AS rank
              FROM assoc_membership_member_rel rel
              JOIN assoc_membership m ON m.id = rel.membership_id
              JOIN res_partner p ON p.id = rel.partner_id
             WHERE m.state = 'confirmed' AND p.assoc_member_number IS NULL
             GROUP BY rel.partner_id)
        UPDATE res_partner p
           SET assoc_member_number = %(prefix)s || lpad((%(next)s + todo.rank)::text, %(padding)s, '0')
          FROM todo WHERE p.id = todo.partner_id""",
        {"next": next_number, "prefix": sequence.prefix or "", "padding": sequence.padding},
    )
    env.cr.execute(
        "UPDATE ir_sequence SET number_next = number_next + %s WHERE id = %s", [env.cr.rowcount, sequence.id]
    )
    env["ir.sequence"].invalidate_model(["number_next"])


def insert_interactions(env):
    type_id = env.ref("assoc_membership.interaction_type_membership").id
    env.cr.execute(
        """
        INSERT INTO assoc_interaction (partner_id, date, type_id, category, name, res_model, res_id, user_id,
                                       source, company_id, create_date, write_date, create_uid, write_uid)
        SELECT rel.partner_id, m.date::timestamp + interval '10 hours', %(type)s, 'membership',
               COALESCE(t.name->>'fr_FR', t.name->>'en_US'), 'assoc.membership', m.id, 1, 'generator', m.company_id,
               now(), now(), 1, 1
          FROM assoc_membership m
          JOIN assoc_membership_type t ON t.id = m.type_id
          JOIN assoc_membership_member_rel rel ON rel.membership_id = m.id
         WHERE m.note = %(mark)s""",
        {"type": type_id, "mark": MARK},
    )


def record_with_payments(env, rng, types):
    """A few memberships of the current year recorded through the ORM, payments included."""
    company = env.company
    if not company.assoc_dues_counterpart_account_id or not company.assoc_membership_bank_journal_id:
        return 0
    env.cr.execute(
        """
        SELECT p.id FROM res_partner p
         WHERE p.ref LIKE 'GEN-%%' AND NOT p.is_company AND p.household_id IS NULL
           AND NOT EXISTS (SELECT 1 FROM assoc_membership_member_rel rel WHERE rel.partner_id = p.id)
         ORDER BY p.id LIMIT %s""",
        [ORM_DEMO_MEMBERSHIPS],
    )
    partner_ids = [row[0] for row in env.cr.fetchall()]
    memberships = env["assoc.membership"].create(
        [
            {
                "partner_id": partner_id,
                "type_id": types[rng.choice(["individual", "reduced", "support"])].id,
                "payment_method": rng.choice(["cheque", "transfer", "cash", "card"]),
                "note": MARK,
            }
            for partner_id in partner_ids
        ]
    )
    memberships.action_confirm()
    return len(memberships)


def generate(env, rng, contacts, log):
    params = env["ir.config_parameter"].sudo()
    if params.get_param(PARAM) == str(contacts):
        return 0
    started = time.perf_counter()

    def lap(what):
        log(f"memberships: {what} ({time.perf_counter() - started:.1f} s)")

    types = ensure_types(env)
    clear_previous(env)
    people = generated_contacts(env)
    rows = membership_rows(env, rng, people, types)
    lap(f"{len(rows)} rows computed for {len(people)} contacts")
    insert_memberships(env, rows, rng)
    assign_member_numbers(env)
    insert_interactions(env)
    lap("inserted with member numbers and interactions")
    env["assoc.membership"].invalidate_model()
    env["res.partner"].invalidate_model()
    env["res.partner"]._assoc_update_membership_status()
    lap("status and tags")
    created = len(rows) + record_with_payments(env, rng, types)
    lap("memberships with payments")
    params.set_param(PARAM, str(contacts))
    return created
