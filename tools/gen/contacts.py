"""Contacts: French people and organisations over every département, tags, interactions,
qualification, and planted duplicates. Each batch of rows is prepared completely in Python
(ids reserved, stored values of every addon through `_assoc_bulk_prepare`) and streamed with
COPY, so that the partners are written once."""

from collections import defaultdict
from datetime import datetime, timedelta

import psycopg2

from .bulk import copy_rows, reserve_ids
from .people import DUPLICATE_SHARE, PersonFactory, display_name
from .qualification import (
    AUDIT,
    add_civility_and_birthdate,
    audit_values,
    enrich_contacts,
    ensure_groups,
    finish_qualification,
    link_household_primaries,
    plan_households,
)

ORDER = 10
REQUIRES = "assoc_contacts"
BATCH = 10000
REF_PREFIX = "GEN-"
USER_TAGS = ["Bénévole actif", "Presse", "Partenaire", "Élu(e) local(e)", "Relais", "Newsletter papier"]
INTERACTION_COLUMNS = ("partner_id", "date", "type_id", "name", "user_id", "source", "company_id") + AUDIT


def partner_defaults(env):
    """NOT NULL columns of res.partner that a raw insert must fill, from the ORM defaults."""
    env.cr.execute(
        "SELECT column_name FROM information_schema.columns "
        "WHERE table_name = 'res_partner' AND is_nullable = 'NO' AND column_default IS NULL"
    )
    required = {row[0] for row in env.cr.fetchall()} - {"id"}
    defaults = env["res.partner"].default_get(list(required & set(env["res.partner"]._fields)))
    return {column: defaults.get(column) for column in required}


def partner_rows(env, people, ids, start, country_id, lang):
    defaults = partner_defaults(env)
    create_uid, write_uid, now, _now = audit_values()
    rows = []
    for offset, (pid, person) in enumerate(zip(ids, people, strict=True)):
        values = dict(defaults)
        values.update({
            "id": pid, "commercial_partner_id": pid,
            "name": display_name(person), "complete_name": display_name(person),
            "firstname": None if person["is_company"] else person["first"] or None,
            "lastname": None if person["is_company"] else person["last"] or None,
            "title": person.get("title_id"), "birthdate": person.get("birthdate"),
            "email": person["email"], "email_normalized": person["email"] and person["email"].strip().lower(),
            "phone": person["phone"], "mobile": None, "street": person["street"],
            "zip": person["zip"], "city": person["city"], "country_id": country_id,
            "household_id": person.get("household_id"), "assoc_interaction_count": 0,
            "assoc_first_interaction_date": None, "assoc_last_interaction_date": None,
            "is_company": person["is_company"], "type": "contact", "active": True, "lang": lang,
            "partner_share": True, "ref": f"{REF_PREFIX}{start + offset:07d}",
            "create_date": now, "write_date": now, "create_uid": create_uid, "write_uid": write_uid,
        })
        values.update(person.get("interaction_stats", {}))
        rows.append(values)
    return env["res.partner"]._assoc_bulk_prepare(rows)


def insert_partners(env, people, ids, start, country_id, lang):
    rows = partner_rows(env, people, ids, start, country_id, lang)
    columns = sorted(rows[0])
    copy_rows(env.cr, "res_partner", columns, [tuple(row[c] for c in columns) for row in rows])


def ensure_tags(env):
    Tag = env["res.partner.category"]
    return [
        (Tag.search([("name", "=", name)], limit=1) or Tag.create({"name": name})).id
        for name in USER_TAGS
    ]


def insert_tags(env, rng, partner_ids, tag_ids):
    rows = {(pid, rng.choice(tag_ids)) for pid in partner_ids if rng.random() < 0.25}
    copy_rows(env.cr, "res_partner_res_partner_category_rel", ("partner_id", "category_id"), sorted(rows))


def plan_interactions(env, rng, ids, people, lang):
    """The interaction rows of a batch; each person gets its count and first and last dates."""
    types = env["assoc.interaction.type"].search([("automatic", "=", False)])
    labels = {itype.id: itype.with_context(lang=lang).name for itype in types}
    audit = audit_values()
    now = audit[2]
    rows = []
    dates = defaultdict(list)
    for pid in ids:
        for _ in range(rng.choice([0, 1, 1, 2, 3, 4, 6])):
            type_id = rng.choice(types.ids)
            when = now - timedelta(days=rng.randint(0, 5 * 365), minutes=rng.randint(0, 1440))
            rows.append((pid, when, type_id, labels[type_id], 2, "generator", env.company.id) + audit)
            dates[pid].append(when)
    for pid, person in zip(ids, people, strict=True):
        if dates[pid]:
            person["interaction_stats"] = {"assoc_interaction_count": len(dates[pid]),
                                           "assoc_first_interaction_date": min(dates[pid]),
                                           "assoc_last_interaction_date": max(dates[pid])}
    return rows


def generated_count(env):
    env.cr.execute("SELECT count(*) FROM res_partner WHERE ref LIKE %s", [f"{REF_PREFIX}%"])
    return env.cr.fetchone()[0]


def make_people(rng, size):
    factory = PersonFactory(rng)
    people = []
    for _ in range(size):
        if people and rng.random() < DUPLICATE_SHARE:
            people.append(factory.duplicate_of(rng.choice(people)))
        elif rng.random() < 0.05:
            people.append(factory.organisation())
        else:
            people.append(factory.person())
    return people


def generate_batch(env, rng, seed, start, size, context):
    batch_rng = type(rng)(f"{seed}-{start}")
    qualification_rng = type(rng)(f"{seed}-{start}-qualification")
    people = make_people(batch_rng, size)
    add_civility_and_birthdate(env, qualification_rng, people)
    ids = reserve_ids(env.cr, "res_partner", len(people))
    interactions = plan_interactions(env, batch_rng, ids, people, context["lang"])
    people_ids = [(pid, person) for pid, person in zip(ids, people, strict=True) if not person["is_company"]]
    primaries = plan_households(env, qualification_rng, people_ids)
    insert_partners(env, people, ids, start, context["country_id"], context["lang"])
    link_household_primaries(env, primaries)
    insert_tags(env, batch_rng, ids, context["tag_ids"])
    copy_rows(env.cr, "assoc_interaction", INTERACTION_COLUMNS, interactions)
    enrich_contacts(env, qualification_rng, ids, people, context["group_ids"])
    for table in ("res_partner", "assoc_interaction"):  # the hooks' queries are planned on fresh statistics
        env.cr.execute(f"ANALYZE {table}")
    env["res.partner"]._assoc_bulk_created(ids)
    return ids


def first_batch(env, done):
    """Where to resume. Batches are a fixed grid, so that a base grown in several runs equals one
    generated at once: the contacts of an unfinished batch are removed and the batch made again.
    When other steps already use them (a finished base being enlarged), the next batch starts
    after them instead."""
    start = done - done % BATCH
    if start == done:
        return start
    later = [f"{REF_PREFIX}{start:07d}", f"{REF_PREFIX}%"]
    try:
        with env.cr.savepoint():
            env.cr.execute("DELETE FROM assoc_household WHERE id IN (SELECT household_id FROM res_partner "
                           "WHERE ref >= %s AND ref LIKE %s)", later)
            env.cr.execute("DELETE FROM res_partner WHERE ref >= %s AND ref LIKE %s", later)
    except psycopg2.IntegrityError:
        return done
    return start


def generate(env, rng, contacts, log):
    """Create the missing contacts (and their tags and interactions); return how many contacts."""
    done = generated_count(env)
    if done >= contacts:
        return 0
    context = {
        "country_id": env.ref("base.fr").id,
        "lang": "fr_FR" if env["res.lang"]._lang_get("fr_FR") else "en_US",
        "tag_ids": ensure_tags(env),
    }
    seed = rng.random()
    context["group_ids"] = ensure_groups(env)
    env["res.partner"].flush_model()
    for start in range(first_batch(env, done), contacts, BATCH):
        ids = generate_batch(env, rng, seed, start, min(BATCH, contacts - start), context)
        env.cr.commit()
        log(f"contacts: {start + len(ids)}/{contacts} ({datetime.now():%H:%M:%S})")
    finish_qualification(env)
    env["res.partner"].invalidate_model()
    return contacts - done
