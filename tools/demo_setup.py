#!/usr/bin/env python3
"""Create (or resume) the French demo database.

    tools/demo_setup.py -c .local/odoo.conf -d assoc_demo [--contacts 2000] [--company-only]

Steps, each skipped when already done: database with French installed; the company
as a French association (EUR, French chart of accounts); the five addons and
l10n_fr_account; demo users; generated data (tools/generate.py).
"""

import argparse
import hashlib
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate  # noqa: E402
import odoo_env  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
ADDONS = "assoc_contacts,assoc_membership,assoc_receipts,assoc_cheques,assoc_integrations,l10n_fr_account"
DEMO_PASSWORD_NOTE = "Every demo user's password is its login."
DEMO_USERS = [
    # login, name, groups (xml ids)
    ("bureau", "Claire Martin (bureau)", ["assoc_contacts.group_assoc_bureau"]),
    ("tresorier", "Paul Bernard (trésorier)", ["assoc_contacts.group_assoc_finance", "account.group_account_user"]),
    ("delegue", "Sophie Petit (déléguée territoriale)", ["assoc_contacts.group_assoc_territory_delegate"]),
    ("collecteur", "Luc Moreau (collecteur régional)", ["assoc_contacts.group_assoc_regional_collector"]),
    ("animateur", "Nadia Haddad (animatrice de groupe)", ["assoc_contacts.group_assoc_group_animator"]),
    ("cellule", "Julien Fabre (animateur de pôle)", ["assoc_contacts.group_assoc_thematic_animator"]),
    ("donateurs", "Hélène Roux (relations donateurs)", ["assoc_contacts.group_assoc_donor_relations"]),
    ("benevole", "Karim Benali (bénévole)", ["assoc_contacts.group_assoc_volunteer"]),
]

# What each profile covers, applied once the generator has created the groups: territories
# (xml ids), groups they animate, groups their own contact belongs to (by name).
DEMO_USER_SCOPES = {
    "delegue": {"territories": ["assoc_contacts.territory_dep_44", "assoc_contacts.territory_dep_85"]},
    "collecteur": {"territories": ["assoc_contacts.territory_reg_52"]},
    "animateur": {"animates": ["Groupe local Loire-Atlantique"]},
    "cellule": {"animates": ["Pôle Communication", "Cellule Numérique"]},
    "benevole": {"member_of": ["Groupe local Loire-Atlantique"]},
}


def odoo(config, dbname, *args):
    proc = subprocess.run([sys.executable, "-m", "odoo", "-c", config, "-d", dbname, "--stop-after-init",
                           "--log-level=warn", *args], check=False)
    if proc.returncode:
        sys.exit(f"assoc: ERROR: odoo {' '.join(args)} failed on {dbname}; run the command again to resume")


def state(config, dbname):
    """What is already done in the database: None when it does not exist."""
    import odoo as odoo_pkg

    odoo_env.init(config)
    if dbname not in odoo_pkg.service.db.list_dbs(force=True):
        return None
    with odoo_env.environment(dbname) as env:
        params = env["ir.config_parameter"].sudo()
        return {key: params.get_param(f"assoc.demo.{key}") for key in ("company", "addons", "users", "data", "scopes")}


def addons_digest():
    """A digest of the addons' files: a second `make demo` updates them when they changed."""
    digest = hashlib.sha256()
    for path in sorted((ROOT / "addons").rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(ROOT)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def mark(env, key, value="1"):
    env["ir.config_parameter"].sudo().set_param(f"assoc.demo.{key}", value)


def setup_company(env):
    company = env.ref("base.main_company")
    france = env.ref("base.fr")
    company.write({
        "name": "Les Amis du Littoral",
        "street": "14 quai de la Fosse",
        "zip": "44000",
        "city": "Nantes",
        "country_id": france.id,
        "currency_id": env.ref("base.EUR").id,
        "email": "contact@amis-du-littoral.fr",
        "phone": "+33 2 40 12 34 56",
        "website": "https://amis-du-littoral.fr",
        "company_registry": "W442012345",
    })
    env.ref("base.EUR").active = True
    env.ref("base.lang_fr").active = True
    env["ir.default"].set("res.partner", "lang", "fr_FR")
    env.ref("base.user_admin").write({"lang": "fr_FR", "tz": "Europe/Paris"})
    env.ref("base.partner_admin").write({"lang": "fr_FR"})
    mark(env, "company")


def setup_chart(env):
    company = env.ref("base.main_company")
    if company.chart_template != "fr":
        env["account.chart.template"].try_loading("fr", company=company, install_demo=False)


def setup_users(env):
    for login, name, groups in DEMO_USERS:
        if env["res.users"].with_context(active_test=False).search_count([("login", "=", login)]):
            continue
        group_ids = [env.ref(xmlid).id for xmlid in groups if env.ref(xmlid, raise_if_not_found=False)]
        env["res.users"].with_context(no_reset_password=True).create({
            "login": login, "password": login, "name": name, "lang": "fr_FR", "tz": "Europe/Paris",
            "email": f"{login}@amis-du-littoral.fr",
            "groups_id": [(6, 0, [env.ref("base.group_user").id, *group_ids])],
        })
    mark(env, "users")


def setup_user_scopes(env):
    Group = env["assoc.group"]
    for login, scope in DEMO_USER_SCOPES.items():
        user = env["res.users"].search([("login", "=", login)])
        territories = [env.ref(xmlid).id for xmlid in scope.get("territories", [])]
        animated = Group.search([("name", "in", scope.get("animates", []))])
        user.write({"assoc_territory_ids": [(6, 0, territories)], "assoc_animated_group_ids": [(6, 0, animated.ids)]})
        for group in Group.search([("name", "in", scope.get("member_of", []))]):
            group.add_partners(user.partner_id)
    mark(env, "scopes")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--contacts", type=int, default=2000)
    parser.add_argument("--company-only", action="store_true", help="stop after the company (for benches)")
    args = parser.parse_args()
    done = state(args.config, args.database)
    if done is None:
        print(f"assoc: creating the database {args.database} in French")
        odoo(args.config, args.database, "-i", "base", "--load-language=fr_FR")
        done = state(args.config, args.database)
    if not done["company"]:
        with odoo_env.environment(args.database) as env:
            setup_company(env)
    if args.company_only:
        return
    digest = addons_digest()
    if not done["addons"]:
        print("assoc: installing the addons (a few minutes the first time)")
        odoo(args.config, args.database, "-i", ADDONS)
        with odoo_env.environment(args.database) as env:
            setup_chart(env)
            mark(env, "addons", digest)
    elif done["addons"] != digest:
        print("assoc: the addons changed: updating them")
        odoo(args.config, args.database, "-u", ADDONS)
        with odoo_env.environment(args.database) as env:
            mark(env, "addons", digest)
    if not done["users"]:
        with odoo_env.environment(args.database) as env:
            setup_users(env)
    if not done["data"]:
        print(f"assoc: generating demo data ({args.contacts} contacts)")
        generate.run(args.config, args.database, args.contacts)
        with odoo_env.environment(args.database) as env:
            mark(env, "data")
    if not done["scopes"]:
        with odoo_env.environment(args.database) as env:
            setup_user_scopes(env)
    print(f"assoc: the demo database {args.database} is ready")


if __name__ == "__main__":
    main()
