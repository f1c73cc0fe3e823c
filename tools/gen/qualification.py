"""Qualification of the generated contacts: engagements, groups and their members, households,
affiliations to organisations, and one long timeline for the timeline benchmark."""

from datetime import date, datetime, timedelta

from .bulk import copy_rows
from .people import department_code, departments, fold

ENGAGEMENT_SHARES = {"volunteer": 0.08, "potential_donor": 0.10, "donor": 0.06, "elected": 0.01, "relay": 0.02,
                     "sympathiser": 0.05}
ENGAGEMENT_SOURCES = ["Forum des associations", "Site web", "Pétition", "Événement", "Parrainage", "HelloAsso",
                      "Salon", "Porte-à-porte"]
THEMATIC_GROUPS = ["Commission Climat", "Commission Solidarité", "Commission Culture", "Pôle Jeunesse",
                   "Pôle Communication", "Pôle Plaidoyer"]
CELLS = ["Cellule Événements", "Cellule Collecte", "Cellule Numérique"]
FUNCTIONS = ["Président(e)", "Trésorier(ère)", "Secrétaire", "Directeur(trice)", "Chargé(e) de mission",
             "Bénévole", "Élu(e) municipal(e)", "Salarié(e)"]
TIMELINE_REF = "ASSOC-BENCH-TIMELINE"
TIMELINE_SIZE = 10000
AUDIT = ("create_uid", "write_uid", "create_date", "write_date")


def audit_values():
    now = datetime.now().replace(microsecond=0)
    return (1, 1, now, now)


def ensure_groups(env):
    """One local group per département, thematic groups and cells (created once, with the ORM)."""
    Group = env["assoc.group"].with_context(tracking_disable=True, mail_create_nolog=True)
    existing = {group.name: group.id for group in Group.search([])}
    wanted = [(f"Groupe local {dep['name']}", "local", dep["prefecture"], dep["code"]) for dep in departments()]
    wanted += [(name, "thematic", "National", None) for name in THEMATIC_GROUPS]
    wanted += [(name, "cell", "Siège", None) for name in CELLS]
    missing = [w for w in wanted if w[0] not in existing]
    if missing:
        areas = {t.code: t.id for t in env["assoc.territory"].search([("kind", "=", "department")])}
        created = Group.create([{"name": name, "group_type": kind, "location": location,
                                 "territory_id": areas.get(code),
                                 "email": f"{fold(name).lower().replace(' ', '.')}@exemple.fr"}
                                for name, kind, location, code in missing])
        existing.update({group.name: group.id for group in created})
    local = {code: existing[name] for name, kind, _loc, code in wanted if kind == "local"}
    others = [existing[name] for name, kind, _loc, _code in wanted if kind != "local"]
    return {"local": local, "others": others}


def add_civility_and_birthdate(env, rng, people):
    """Madame/Monsieur from the first name's gender, and a birth date for most people."""
    titles = {True: env.ref("base.res_partner_title_madam").id, False: env.ref("base.res_partner_title_mister").id}
    today = date.today()
    for person in people:
        if person["is_company"]:
            continue
        person["title_id"] = titles[person["female"]]
        if rng.random() < 0.6:
            person["birthdate"] = today - timedelta(days=rng.randint(18 * 365, 90 * 365))


def plan_households(env, rng, people_ids):
    """A few percent of people live with one to three others of the batch, at the primary member's
    address: the households are inserted and the people get their household and address before
    they are inserted themselves. Returns [(household id, primary partner id)]."""
    households, pool = [], list(people_ids)
    rng.shuffle(pool)
    while len(pool) > 4:
        if rng.random() < 0.03:
            households.append([pool.pop() for _ in range(rng.randint(2, 4))])
        else:
            pool.pop()
    if not households:
        return []
    env.cr.execute(
        "INSERT INTO assoc_household (name, active, create_uid, write_uid, create_date, write_date) "
        "SELECT unnest(%s::varchar[]), true, 1, 1, now() at time zone 'UTC', now() at time zone 'UTC' RETURNING id",
        [[f"Foyer {members[0][1]['last']}" for members in households]],
    )
    household_ids = [row[0] for row in env.cr.fetchall()]
    for household_id, members in zip(household_ids, households, strict=True):
        primary = members[0][1]
        for _pid, person in members:
            person.update(household_id=household_id, street=primary["street"], zip=primary["zip"],
                          city=primary["city"])
    return [(household_id, members[0][0]) for household_id, members in zip(household_ids, households, strict=True)]


def link_household_primaries(env, primaries):
    if primaries:
        env.cr.execute(
            "UPDATE assoc_household h SET primary_partner_id = v.primary_id "
            "FROM unnest(%s::int[], %s::int[]) AS v(hid, primary_id) WHERE h.id = v.hid",
            [[hid for hid, _pid in primaries], [pid for _hid, pid in primaries]],
        )


def enrich_contacts(env, rng, ids, people, group_ids):
    """Engagements, group members and affiliations of one inserted batch."""
    people_ids = [(pid, person) for pid, person in zip(ids, people, strict=True) if not person["is_company"]]
    organisation_ids = [pid for pid, person in zip(ids, people, strict=True) if person["is_company"]]
    insert_engagements(env, rng, people_ids)
    insert_group_members(env, rng, people_ids, group_ids)
    insert_affiliations(env, rng, people_ids, organisation_ids)


def insert_engagements(env, rng, people_ids):
    today = date.today()
    types = {t.code: t.id for t in env["assoc.engagement.type"].search([("code", "in", list(ENGAGEMENT_SHARES))])}
    rows = []
    for pid, _person in people_ids:
        for code, share in ENGAGEMENT_SHARES.items():
            if rng.random() < share:
                start = today - timedelta(days=rng.randint(0, 8 * 365))
                end = start + timedelta(days=rng.randint(30, 3 * 365)) if rng.random() < 0.2 else None
                rows.append((pid, types[code], rng.choice(ENGAGEMENT_SOURCES), start, end) + audit_values())
    copy_rows(env.cr, "assoc_engagement", ("partner_id", "type_id", "source", "date_start", "date_end") + AUDIT, rows)
    current = {(row[0], row[1]) for row in rows if row[3] <= today and (row[4] is None or row[4] >= today)}
    copy_rows(env.cr, "res_partner_assoc_engagement_type_rel", ("partner_id", "type_id"), sorted(current))


def insert_group_members(env, rng, people_ids, group_ids):
    today = date.today()
    rows = []
    for pid, person in people_ids:
        chosen = set()
        if rng.random() < 0.12 and department_code(person["zip"]) in group_ids["local"]:
            chosen.add(group_ids["local"][department_code(person["zip"])])
        if rng.random() < 0.04:
            chosen.add(rng.choice(group_ids["others"]))
        for group_id in sorted(chosen):
            joined = today - timedelta(days=rng.randint(0, 6 * 365))
            left = joined + timedelta(days=rng.randint(60, 900)) if rng.random() < 0.1 else None
            current = left is None or left > today
            rows.append((group_id, pid, joined, left, current) + audit_values())
    copy_rows(env.cr, "assoc_group_member",
              ("group_id", "partner_id", "date_join", "date_leave", "is_current") + AUDIT, rows)


def insert_affiliations(env, rng, people_ids, organisation_ids):
    if not organisation_ids:
        return
    today = date.today()
    rows = []
    for pid, _person in people_ids:
        if rng.random() < 0.08:
            start = today - timedelta(days=rng.randint(100, 12 * 365))
            end = start + timedelta(days=rng.randint(90, 5 * 365)) if rng.random() < 0.3 else None
            current = end is None or end >= today
            rows.append((pid, rng.choice(organisation_ids), rng.choice(FUNCTIONS), start, end, current)
                        + audit_values())
    copy_rows(env.cr, "assoc_affiliation",
              ("partner_id", "organisation_id", "function", "date_start", "date_end", "is_current") + AUDIT, rows)


def plant_timeline(env):
    """One national partner with a long timeline (10,000 interactions), for the timeline benchmark."""
    env.cr.execute("SELECT id FROM res_partner WHERE ref = %s", [TIMELINE_REF])
    if env.cr.fetchone():
        return
    partner = env["res.partner"].create({"name": "Réseau national des bénévoles", "is_company": True,
                                         "ref": TIMELINE_REF, "country_id": env.ref("base.fr").id})
    types = env["assoc.interaction.type"].search([])
    now = datetime.now().replace(microsecond=0)
    rows = [(partner.id, now - timedelta(hours=3 * n), types[n % len(types)].id, f"Échange n° {n + 1}", 2,
             "generator", env.company.id) + audit_values() for n in range(TIMELINE_SIZE)]
    copy_rows(env.cr, "assoc_interaction",
              ("partner_id", "date", "type_id", "name", "user_id", "source", "company_id") + AUDIT, rows)
    env["res.partner"]._assoc_refresh_interaction_stats([partner.id])


def finish_qualification(env):
    """Group referents, a few interaction labels, the long timeline, fresh planner statistics."""
    env.cr.execute(
        "UPDATE assoc_group g SET referent_id = m.partner_id FROM (SELECT group_id, min(partner_id) AS partner_id "
        "FROM assoc_group_member WHERE is_current GROUP BY group_id) m "
        "WHERE g.id = m.group_id AND g.referent_id IS NULL"
    )
    label_ids = env["assoc.interaction.label"].search([]).ids
    if label_ids:
        env.cr.execute(
            "INSERT INTO assoc_interaction_assoc_interaction_label_rel "
            "(assoc_interaction_id, assoc_interaction_label_id) "
            "SELECT i.id, (%s::int[])[1 + i.id %% %s] FROM assoc_interaction i WHERE i.id %% 17 = 0 "
            "ON CONFLICT DO NOTHING", [label_ids, len(label_ids)],
        )
    plant_timeline(env)
    for table in ("res_partner", "assoc_interaction", "assoc_engagement", "res_partner_assoc_engagement_type_rel",
                  "assoc_group_member", "assoc_affiliation", "assoc_household"):
        env.cr.execute(f"ANALYZE {table}")
