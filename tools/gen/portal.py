"""Member space: the association's portal settings, members who appear in the directory, a
member-editable custom field, and two demo portal users (password = login): `adherent`, a
member with memberships, and `donateur`, a donor with gifts and receipts (when those addons
are installed; their generator steps run before this one)."""

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from odoo.exceptions import UserError, ValidationError

ORDER = 70
REQUIRES = "assoc_contacts"
DIRECTORY_SHARE = 3  # one member in three appears in the directory

PEOPLE = {
    "adherent": {
        "firstname": "Camille",
        "lastname": "Durand",
        "street": "8 rue des Olivettes",
        "zip": "44000",
        "city": "Nantes",
        "phone": "+33 6 45 12 78 90",
    },
    "donateur": {
        "firstname": "Bernard",
        "lastname": "Lemoine",
        "street": "27 avenue de la Libération",
        "zip": "35000",
        "city": "Rennes",
        "phone": "+33 6 71 23 45 98",
    },
}
WELCOME = (
    "<p>Bienvenue dans votre espace membre ! Retrouvez ici vos informations, votre carte "
    "d'adhésion, vos reçus fiscaux et l'annuaire des membres.</p>"
)


def installed(env, addon):
    return bool(env["ir.module.module"].search_count([("name", "=", addon), ("state", "=", "installed")]))


def configure_company(env):
    env.company.write(
        {
            "assoc_portal_donate_url": "https://www.helloasso.com/associations/les-amis-du-littoral/formulaires/1",
            "assoc_portal_join_url": "https://www.helloasso.com/associations/les-amis-du-littoral/adhesions/adhesion",
            "assoc_portal_renew_url": "https://www.helloasso.com/associations/les-amis-du-littoral/adhesions/renouvellement",
            "assoc_portal_dir_city": True,
            "assoc_portal_dir_department": True,
        }
    )
    lang = "fr_FR" if env["res.lang"]._lang_get("fr_FR") else "en_US"
    env.company.with_context(lang=lang).assoc_portal_welcome = WELCOME


def ensure_custom_field(env):
    Field = env["assoc.custom.field"]
    if Field.search_count([("portal_editable", "=", True)]):
        return
    section = env["assoc.custom.section"].search([("name", "=", "Bénévolat")], limit=1) or env[
        "assoc.custom.section"
    ].create({"name": "Bénévolat"})
    Field.create(
        {
            "section_id": section.id,
            "label": "Compétences",
            "field_type": "char",
            "portal_editable": True,
            "portal_directory": True,
            "help_text": "Ce que vous aimeriez apporter à l'association",
        }
    )


def opt_in_directory(env):
    """Set-based: one member in three (by id) appears in the directory."""
    tag_member = env.ref("assoc_contacts.tag_member")
    env.cr.execute(
        """
        UPDATE res_partner p SET assoc_directory_optin = TRUE
          FROM res_partner_res_partner_category_rel rel
         WHERE rel.partner_id = p.id AND rel.category_id = %s AND p.id %% %s = 0
           AND NOT p.is_company AND p.assoc_directory_optin IS NOT TRUE
    """,
        [tag_member.id, DIRECTORY_SHARE],
    )
    count = env.cr.rowcount
    env["res.partner"].invalidate_model(["assoc_directory_optin"])
    return count


def ensure_user(env, login, log):
    Users = env["res.users"].with_context(active_test=False, no_reset_password=True)
    user = Users.search([("login", "=", login)], limit=1)
    if user:
        return user, False
    person = PEOPLE[login]
    partner = env["res.partner"].create(
        {
            **person,
            "email": f"{login}@exemple.fr",
            "country_id": env.ref("base.fr").id,
            "lang": "fr_FR" if env["res.lang"]._lang_get("fr_FR") else "en_US",
        }
    )
    user = Users.create(
        {
            "login": login,
            "password": login,
            "partner_id": partner.id,
            "lang": partner.lang,
            "tz": "Europe/Paris",
            "groups_id": [(6, 0, [env.ref("base.group_portal").id])],
        }
    )
    log(f"portal: demo user {login} ({partner.name})")
    return user, True


def give_memberships(env, partner, log):
    """Three yearly memberships; the current one ends within the renewal notice period."""
    Type = env["assoc.membership.type"]
    membership_type = Type.search(
        [("validity_mode", "=", "rolling"), ("duration_months", "=", 12), ("kind", "!=", "family")], limit=1
    ) or Type.create({"name": "Adhésion 12 mois", "amount": 20, "validity_mode": "rolling", "duration_months": 12})
    today = date.today()
    for years in (2, 1, 0):
        try:
            with env.cr.savepoint():
                env["assoc.membership"].create(
                    {
                        "partner_id": partner.id,
                        "type_id": membership_type.id,
                        "state": "confirmed",
                        "date": today - relativedelta(years=years + 1) + timedelta(days=20),
                        "amount": membership_type.amount,
                        "payment_method": "helloasso",
                    }
                )
        except (UserError, ValidationError) as error:
            log(f"portal: membership for {partner.name} not recorded: {error}")
    partner.invalidate_recordset()


def ensure_receipt_identity(env):
    """The association's receipt data, when no earlier step set it (a gift cannot be validated
    without it). Existing values are kept."""
    company = env.company
    defaults = {
        "assoc_receipt_object": "Protection et mise en valeur du littoral atlantique",
        "assoc_receipt_signatory_name": "Claire Martin",
        "assoc_receipt_signatory_role": "Présidente",
    }
    company.write({field: value for field, value in defaults.items() if not company[field]})


def give_donations(env, partner, log):
    ensure_receipt_identity(env)
    Donation = env["assoc.donation"]
    today = date.today()
    for offset, amount, method in ((400, 120.0, "cheque"), (200, 50.0, "transfer"), (30, 80.0, "card")):
        try:
            with env.cr.savepoint():
                Donation.create(
                    {
                        "partner_id": partner.id,
                        "amount": amount,
                        "payment_method": method,
                        "date": today - timedelta(days=offset),
                    }
                ).action_validate()
        except (UserError, ValidationError) as error:
            log(f"portal: gift for {partner.name} not validated: {error}")


def log_history(env, partner):
    event = env.ref("assoc_contacts.interaction_type_event")
    env["assoc.interaction"].create(
        [
            {"partner_id": partner.id, "type_id": event.id, "date": date.today() - timedelta(days=days), "name": name}
            for days, name in (
                (320, "Nettoyage de la plage des Sables-d'Or"),
                (150, "Assemblée générale à Nantes"),
                (45, "Sortie nature : oiseaux de l'estuaire"),
            )
        ]
    )


def generate(env, rng, contacts, log):
    configure_company(env)
    ensure_custom_field(env)
    created = opt_in_directory(env)
    adherent, new_adherent = ensure_user(env, "adherent", log)
    donateur, new_donateur = ensure_user(env, "donateur", log)
    if new_adherent:
        log_history(env, adherent.partner_id)
        adherent.partner_id.assoc_directory_optin = True
        if installed(env, "assoc_membership"):
            give_memberships(env, adherent.partner_id, log)
        else:
            adherent.partner_id.with_context(assoc_system_tags=True).category_id = [
                (4, env.ref("assoc_contacts.tag_member").id)
            ]
    if new_donateur and installed(env, "assoc_receipts"):
        give_donations(env, donateur.partner_id, log)
    return created + new_adherent + new_donateur
