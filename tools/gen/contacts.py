"""Contacts: French people and organisations over every département, tags, interactions,
and planted duplicates (same email, swapped names, accents dropped, same address)."""

import csv
import unicodedata
from datetime import datetime, timedelta
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


def insert_interactions(env, rng, partner_ids):
    types = env["assoc.interaction.type"].search([("automatic", "=", False)])
    labels = {itype.id: itype.with_context(lang="fr_FR").name for itype in types}
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
        env.cr.execute("DELETE FROM res_partner WHERE ref >= %s AND ref LIKE %s",
                       [f"{REF_PREFIX}{start:07d}", f"{REF_PREFIX}%"])
        ids = insert_partners(env, people, start, country_id, lang)
        insert_tags(env, batch_rng, ids, tag_ids)
        insert_interactions(env, batch_rng, ids)
        env["res.partner"]._assoc_bulk_created(ids)
        env.cr.commit()
        log(f"contacts: {start + len(ids)}/{contacts}")
    env["res.partner"].invalidate_model()
    return contacts - done
