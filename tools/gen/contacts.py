"""Contacts: French people and organisations over every département, tags, interactions,
and planted duplicates (same email, swapped names, accents dropped, same address)."""

import csv
import unicodedata
from datetime import date, datetime, timedelta
from pathlib import Path

from faker import Faker
from psycopg2.extras import execute_values

ORDER = 10
REQUIRES = "assoc_contacts"
BATCH = 10000
REF_PREFIX = "GEN-"
DEPARTMENTS_CSV = Path(__file__).resolve().parents[2] / "addons/assoc_contacts/data/fr_departments.csv"
WAYS = ["rue", "avenue", "boulevard", "place", "impasse", "chemin", "allée", "quai", "route"]
ORGANISATION_KINDS = ["Mairie de", "Association", "Comité des fêtes de", "Collectif", "Fondation", "SARL", "SCOP"]
USER_TAGS = ["Bénévole actif", "Presse", "Partenaire", "Élu(e) local(e)", "Relais", "Newsletter papier"]
DUPLICATE_SHARE = 0.03


def departments():
    with DEPARTMENTS_CSV.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def random_zip(rng, dep):
    """A postal code of the département (2A/2B and overseas included), avoiding the
    special codes of Saint-Barthélemy and Saint-Martin."""
    if rng.random() < 0.6:
        return dep["prefecture_zip"], dep["prefecture"]
    if dep["code"] == "2A":
        return f"20{rng.randint(0, 1)}{rng.randint(0, 9)}0", None
    if dep["code"] == "2B":
        return f"20{rng.choice([2, 6])}{rng.randint(0, 9)}0", None
    if len(dep["code"]) == 3:
        return f"{dep['code']}{rng.randint(1, 9)}0", None
    return f"{dep['code']}{rng.randint(1, 9)}{rng.randint(0, 9)}0", None


def fold(text):
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def email_for(first, last, rng):
    local = fold(f"{first}.{last}").lower().replace(" ", "").replace("'", "")
    return f"{local}{rng.randint(1, 999)}@{rng.choice(['exemple.fr', 'courriel.fr', 'laposte.net', 'orange.fr'])}"


class PersonFactory:
    def __init__(self, rng):
        self.rng = rng
        self.fake = Faker("fr_FR")
        self.fake.seed_instance(rng.randint(0, 2**31))
        self.deps = departments()
        self.titles = {}

    def person(self):
        rng, fake = self.rng, self.fake
        female = rng.random() < 0.52
        first = fake.first_name_female() if female else fake.first_name_male()
        last = fake.last_name()
        dep = rng.choice(self.deps)
        zip_code, city = random_zip(rng, dep)
        return {
            "first": first, "last": last, "female": female,
            "email": email_for(first, last, rng) if rng.random() < 0.85 else None,
            "phone": f"+33 {rng.choice('67')} {rng.randint(10, 99)} {rng.randint(10, 99)} "
                     f"{rng.randint(10, 99)} {rng.randint(10, 99)}" if rng.random() < 0.7 else None,
            "street": f"{rng.randint(1, 180)} {rng.choice(WAYS)} {fake.last_name()}",
            "zip": zip_code, "city": city or fake.city(), "is_company": False,
        }

    def organisation(self):
        person = self.person()
        kind = self.rng.choice(ORGANISATION_KINDS)
        name = f"{kind} {person['city'] if kind.endswith('de') else self.fake.last_name()}"
        person.update(first="", last=name, is_company=True, email=f"contact@{fold(name).lower().replace(' ', '-')}.fr")
        return person

    def duplicate_of(self, original):
        """A planted duplicate: one of the four variations the duplicate scans must find."""
        copy = dict(original)
        variation = self.rng.choice(["email", "swapped", "accents", "address"])
        if variation == "email" and original["email"]:
            copy["email"] = f"  {original['email'].upper()} "
        elif variation == "swapped":
            copy["first"], copy["last"] = original["last"], original["first"]
            copy["email"] = None
        elif variation == "accents":
            copy["first"], copy["last"] = fold(original["first"]), fold(original["last"]).upper()
            copy["email"] = None
        else:
            copy["first"] = self.fake.first_name()
            copy["email"] = None
        return copy


def display_name(person):
    return person["last"] if person["is_company"] else f"{person['first']} {person['last']}"


def partner_defaults(env):
    """NOT NULL columns of res.partner that a raw insert must fill, from the ORM defaults."""
    env.cr.execute(
        "SELECT column_name FROM information_schema.columns "
        "WHERE table_name = 'res_partner' AND is_nullable = 'NO' AND column_default IS NULL"
    )
    required = {row[0] for row in env.cr.fetchall()} - {"id"}
    defaults = env["res.partner"].default_get(list(required & set(env["res.partner"]._fields)))
    return {column: defaults.get(column) for column in required}


def insert_partners(env, people, start, country_id, lang):
    defaults = partner_defaults(env)
    now = datetime.now()
    rows = []
    for offset, person in enumerate(people):
        values = dict(defaults)
        values.update({
            "name": display_name(person), "complete_name": display_name(person),
            "firstname": None if person["is_company"] else person["first"] or None,
            "lastname": None if person["is_company"] else person["last"] or None,
            "title": person.get("title_id"), "birthdate": person.get("birthdate"),
            "email": person["email"], "phone": person["phone"], "street": person["street"],
            "zip": person["zip"], "city": person["city"], "country_id": country_id,
            "is_company": person["is_company"], "type": "contact", "active": True, "lang": lang,
            "ref": f"{REF_PREFIX}{start + offset:07d}", "create_date": now, "write_date": now,
            "create_uid": 1, "write_uid": 1,
        })
        rows.append(values)
    columns = sorted(rows[0])
    ids = execute_values(
        env.cr._obj,
        f"INSERT INTO res_partner ({', '.join(columns)}) VALUES %s RETURNING id",
        [tuple(row[c] for c in columns) for row in rows],
        page_size=2000, fetch=True,
    )
    ids = [row[0] for row in ids]
    env.cr.execute("UPDATE res_partner SET commercial_partner_id = id WHERE id = ANY(%s)", [ids])
    return ids


def ensure_tags(env):
    Tag = env["res.partner.category"]
    return [
        (Tag.search([("name", "=", name)], limit=1) or Tag.create({"name": name})).id
        for name in USER_TAGS
    ]


def insert_tags(env, rng, partner_ids, tag_ids):
    rows = {(pid, rng.choice(tag_ids)) for pid in partner_ids if rng.random() < 0.25}
    execute_values(env.cr._obj, "INSERT INTO res_partner_res_partner_category_rel (partner_id, category_id) "
                   "VALUES %s ON CONFLICT DO NOTHING", list(rows), page_size=5000)


def insert_interactions(env, rng, partner_ids, lang):
    types = env["assoc.interaction.type"].search([("automatic", "=", False)])
    labels = {itype.id: itype.with_context(lang=lang).name for itype in types}
    now = datetime.now()
    rows = []
    for pid in partner_ids:
        for _ in range(rng.choice([0, 1, 1, 2, 3, 4, 6])):
            type_id = rng.choice(types.ids)
            when = now - timedelta(days=rng.randint(0, 5 * 365), minutes=rng.randint(0, 1440))
            rows.append((pid, when, type_id, labels[type_id], 2, "generator", env.company.id, now, now, 1, 1))
    execute_values(
        env.cr._obj,
        "INSERT INTO assoc_interaction (partner_id, date, type_id, name, user_id, source, company_id, "
        "create_date, write_date, create_uid, write_uid) VALUES %s",
        rows, page_size=5000,
    )


# ------------------------------------------------------------------ qualification (issue 3, person & structures)
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


def department_code(zip_code):
    if zip_code.startswith("97"):
        return zip_code[:3]
    if zip_code.startswith("20"):
        return "2B" if zip_code[2] in "26" else "2A"
    return zip_code[:2]


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


def enrich_contacts(env, rng, ids, people, group_ids):
    """Engagements, group members, households and affiliations of one batch."""
    today = date.today()
    people_ids = [(pid, person) for pid, person in zip(ids, people, strict=True) if not person["is_company"]]
    organisation_ids = [pid for pid, person in zip(ids, people, strict=True) if person["is_company"]]
    types = {t.code: t.id for t in env["assoc.engagement.type"].search([("code", "in", list(ENGAGEMENT_SHARES))])}
    engagements = []
    for pid, _person in people_ids:
        for code, share in ENGAGEMENT_SHARES.items():
            if rng.random() < share:
                start = today - timedelta(days=rng.randint(0, 8 * 365))
                end = start + timedelta(days=rng.randint(30, 3 * 365)) if rng.random() < 0.2 else None
                engagements.append((pid, types[code], rng.choice(ENGAGEMENT_SOURCES), start, end))
    execute_values(
        env.cr._obj,
        "INSERT INTO assoc_engagement (partner_id, type_id, source, date_start, date_end, create_uid, write_uid, "
        "create_date, write_date) VALUES %s",
        [row + (1, 1, datetime.now(), datetime.now()) for row in engagements], page_size=5000,
    )
    env.cr.execute(
        "INSERT INTO res_partner_assoc_engagement_type_rel (partner_id, type_id) "
        "SELECT DISTINCT partner_id, type_id FROM assoc_engagement WHERE partner_id = ANY(%s) "
        "AND (date_start IS NULL OR date_start <= %s) AND (date_end IS NULL OR date_end >= %s) ON CONFLICT DO NOTHING",
        [[pid for pid, _p in people_ids], today, today],
    )
    insert_group_members(env, rng, people_ids, group_ids)
    insert_households(env, rng, people_ids)
    insert_affiliations(env, rng, people_ids, organisation_ids)


def insert_group_members(env, rng, people_ids, group_ids):
    today = date.today()
    rows = []
    for pid, person in people_ids:
        chosen = set()
        if rng.random() < 0.12 and department_code(person["zip"]) in group_ids["local"]:
            chosen.add(group_ids["local"][department_code(person["zip"])])
        if rng.random() < 0.04:
            chosen.add(rng.choice(group_ids["others"]))
        for group_id in chosen:
            joined = today - timedelta(days=rng.randint(0, 6 * 365))
            left = joined + timedelta(days=rng.randint(60, 900)) if rng.random() < 0.1 else None
            current = left is None or left > today
            rows.append((group_id, pid, joined, left, current, 1, 1, datetime.now(), datetime.now()))
    execute_values(
        env.cr._obj,
        "INSERT INTO assoc_group_member (group_id, partner_id, date_join, date_leave, is_current, create_uid, "
        "write_uid, create_date, write_date) VALUES %s ON CONFLICT DO NOTHING", rows, page_size=5000,
    )


def insert_households(env, rng, people_ids):
    """A few percent of people live with one to three others of the batch, at the primary member's address."""
    households, pool = [], list(people_ids)
    rng.shuffle(pool)
    while len(pool) > 4:
        if rng.random() < 0.03:
            members = [pool.pop() for _ in range(rng.randint(2, 4))]
            households.append(members)
        else:
            pool.pop()
    if not households:
        return
    names = [(f"Foyer {members[0][1]['last']}",) for members in households]
    household_ids = [row[0] for row in execute_values(
        env.cr._obj, "INSERT INTO assoc_household (name, active, create_uid, write_uid, create_date, write_date) "
        "VALUES %s RETURNING id", [name + (True, 1, 1, datetime.now(), datetime.now()) for name in names],
        fetch=True)]
    links = [(hid, pid, members[0][0])
             for hid, members in zip(household_ids, households, strict=True) for pid, _p in members]
    execute_values(
        env.cr._obj,
        "UPDATE res_partner p SET household_id = v.hid, street = primary_partner.street, zip = primary_partner.zip, "
        "city = primary_partner.city FROM (VALUES %s) AS v(hid, pid, primary_id) "
        "JOIN res_partner primary_partner ON primary_partner.id = v.primary_id WHERE p.id = v.pid", links,
    )
    execute_values(env.cr._obj, "UPDATE assoc_household h SET primary_partner_id = v.primary_id "
                   "FROM (VALUES %s) AS v(hid, primary_id) WHERE h.id = v.hid",
                   [(hid, members[0][0]) for hid, members in zip(household_ids, households, strict=True)])


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
            rows.append((pid, rng.choice(organisation_ids), rng.choice(FUNCTIONS), start, end, current,
                         1, 1, datetime.now(), datetime.now()))
    execute_values(
        env.cr._obj,
        "INSERT INTO assoc_affiliation (partner_id, organisation_id, function, date_start, date_end, is_current, "
        "create_uid, write_uid, create_date, write_date) VALUES %s", rows, page_size=5000,
    )


def plant_timeline(env):
    """One national partner with a long timeline (10,000 interactions), for the timeline benchmark."""
    env.cr.execute("SELECT id FROM res_partner WHERE ref = %s", [TIMELINE_REF])
    if env.cr.fetchone():
        return
    partner = env["res.partner"].create({"name": "Réseau national des bénévoles", "is_company": True,
                                         "ref": TIMELINE_REF, "country_id": env.ref("base.fr").id})
    types = env["assoc.interaction.type"].search([])
    now = datetime.now()
    rows = [(partner.id, now - timedelta(hours=3 * n), types[n % len(types)].id, f"Échange n° {n + 1}", 2,
             "generator", env.company.id, now, now, 1, 1) for n in range(TIMELINE_SIZE)]
    execute_values(
        env.cr._obj,
        "INSERT INTO assoc_interaction (partner_id, date, type_id, name, user_id, source, company_id, "
        "create_date, write_date, create_uid, write_uid) VALUES %s", rows, page_size=5000,
    )
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


def generated_count(env):
    env.cr.execute("SELECT count(*) FROM res_partner WHERE ref LIKE %s", [f"{REF_PREFIX}%"])
    return env.cr.fetchone()[0]


def generate(env, rng, contacts, log):
    """Create the missing contacts (and their tags and interactions); return how many contacts."""
    done = generated_count(env)
    if done >= contacts:
        return 0
    country_id = env.ref("base.fr").id
    lang = "fr_FR" if env["res.lang"]._lang_get("fr_FR") else "en_US"
    tag_ids = ensure_tags(env)
    seed = rng.random()
    group_ids = ensure_groups(env)
    for start in range(done - done % BATCH, contacts, BATCH):
        batch_rng = type(rng)(f"{seed}-{start}")
        factory = PersonFactory(batch_rng)
        people = []
        for _ in range(min(BATCH, contacts - start)):
            if people and batch_rng.random() < DUPLICATE_SHARE:
                people.append(factory.duplicate_of(batch_rng.choice(people)))
            elif batch_rng.random() < 0.05:
                people.append(factory.organisation())
            else:
                people.append(factory.person())
        qualification_rng = type(rng)(f"{seed}-{start}-qualification")
        add_civility_and_birthdate(env, qualification_rng, people)
        env.cr.execute("DELETE FROM res_partner WHERE ref >= %s AND ref LIKE %s",
                       [f"{REF_PREFIX}{start:07d}", f"{REF_PREFIX}%"])
        ids = insert_partners(env, people, start, country_id, lang)
        insert_tags(env, batch_rng, ids, tag_ids)
        insert_interactions(env, batch_rng, ids, lang)
        enrich_contacts(env, qualification_rng, ids, people, group_ids)
        env["res.partner"]._assoc_bulk_created(ids)
        env.cr.commit()
        log(f"contacts: {start + len(ids)}/{contacts}")
    finish_qualification(env)
    env["res.partner"].invalidate_model()
    return contacts - done
