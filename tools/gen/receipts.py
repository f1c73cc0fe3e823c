"""Gifts over four years (one-off and monthly, some in kind, some by companies) and the
annual tax receipts of the last completed year, issued by the real campaign (numbers,
PDFs). Gifts are written with set-based SQL (historic gifts, recorded without entries);
a dozen current-year gifts go through the ORM so that the demo shows their payments and
per-gift receipts. Receipts are capped: the campaign renders one PDF per donor."""

from datetime import date, datetime, timedelta

from psycopg2.extras import execute_values

ORDER = 30
REQUIRES = "assoc_receipts"
PARAM = "assoc.gen.receipts.contacts"
PREFIX = "GEN-DON-"
YEARS = 4
DONOR_SHARE = 0.3
COMPANY_DONOR_SHARE = 0.25
REGULAR_SHARE = 0.15
IN_KIND_SHARE = 0.03
MAX_RECEIPTS = 2000
ORM_DEMO_GIFTS = 12
AMOUNTS = [10, 15, 20, 25, 30, 40, 50, 50, 60, 75, 80, 100, 100, 120, 150, 200, 250, 500]
MONTHLY = [5, 8, 10, 10, 15, 20, 25, 30]
COMPANY_AMOUNTS = [500, 1000, 1500, 2000, 5000, 10000]
METHODS = [("cheque", 35), ("transfer", 25), ("card", 25), ("cash", 5), ("direct_debit", 10)]
IN_KIND = [
    "Lot de jumelles d'observation",
    "Matériel de nettoyage de plage",
    "Impression de 500 affiches",
    "Prêt d'un minibus pour une sortie",
    "Ordinateur portable reconditionné",
]
CAMPAIGNS = ["Appel de printemps", "Appel de fin d'année", "Sauvons les dunes", "Dons en ligne"]
DEMO_SETTINGS = {
    "assoc_receipt_object": "Protection et mise en valeur du littoral et de ses milieux naturels",
    "assoc_receipt_quality": "association",
    "assoc_receipt_signatory_name": "Claire Martin",
    "assoc_receipt_signatory_role": "Présidente",
    "assoc_receipt_thanks": "Merci de votre fidélité : grâce à vous, le littoral reste vivant.",
    "assoc_receipt_mode": "annual",
    "assoc_receipt_send": "manual",
}


def configure_company(env):
    company = env.company
    company.write(
        {key: value for key, value in DEMO_SETTINGS.items() if not company[key]}
        | ({} if company.assoc_siren_rna or company.company_registry else {"assoc_siren_rna": "W442012345"})
    )
    return company


def campaigns(env):
    Campaign = env["utm.campaign"]
    return [
        (Campaign.search([("name", "=", name)], limit=1) or Campaign.create({"name": name})).id for name in CAMPAIGNS
    ]


def clear_previous(env):
    env.cr.execute("SELECT id FROM assoc_donation WHERE name LIKE %s", [f"{PREFIX}%"])
    ids = [row[0] for row in env.cr.fetchall()]
    if not ids:
        return
    env.cr.execute("SELECT receipt_id FROM assoc_donation_tax_receipt_rel WHERE donation_id = ANY(%s)", [ids])
    receipt_ids = [row[0] for row in env.cr.fetchall()]
    env.cr.execute(
        "DELETE FROM ir_attachment WHERE res_model = 'assoc.tax.receipt' AND res_id = ANY(%s)", [receipt_ids]
    )
    env.cr.execute(
        "DELETE FROM assoc_interaction WHERE res_model = 'assoc.tax.receipt' AND res_id = ANY(%s)", [receipt_ids]
    )
    env.cr.execute("DELETE FROM assoc_tax_receipt WHERE id = ANY(%s)", [receipt_ids])
    env.cr.execute("DELETE FROM assoc_receipt_run WHERE year >= %s", [date.today().year - YEARS])
    env.cr.execute("DELETE FROM assoc_interaction WHERE res_model = 'assoc.donation' AND res_id = ANY(%s)", [ids])
    env.cr.execute("DELETE FROM assoc_donation WHERE id = ANY(%s)", [ids])


def donors(env, rng):
    env.cr.execute("SELECT id, is_company FROM res_partner WHERE ref LIKE 'GEN-%%' AND active ORDER BY id")
    return [
        (pid, is_company)
        for pid, is_company in env.cr.fetchall()
        if rng.random() < (COMPANY_DONOR_SHARE if is_company else DONOR_SHARE)
    ]


def gift_rows(rng, donor_list, campaign_ids):
    """(partner, date, amount, method, nature, description, campaign, recurrence) per gift."""
    today = date.today()
    first_year = today.year - YEARS + 1
    methods, weights = zip(*METHODS, strict=True)
    rows = []
    for partner_id, is_company in donor_list:
        if not is_company and rng.random() < REGULAR_SHARE:
            amount = rng.choice(MONTHLY)
            month = date(rng.randint(first_year, today.year), rng.randint(1, 12), 5)
            while month <= today:
                rows.append((partner_id, month, amount, "direct_debit", "cash", None, None, "regular"))
                month = date(month.year + month.month // 12, month.month % 12 + 1, 5)
            continue
        for _gift in range(rng.choice([1, 1, 1, 2, 2, 3, 4])):
            day = date(rng.randint(first_year, today.year), rng.randint(1, 12), rng.randint(1, 28))
            if day > today:
                day = today - timedelta(days=rng.randint(1, 60))
            campaign = rng.choice(campaign_ids)
            if rng.random() < IN_KIND_SHARE:
                rows.append(
                    (
                        partner_id,
                        day,
                        rng.choice([80, 150, 300, 600]),
                        None,
                        "in_kind",
                        rng.choice(IN_KIND),
                        campaign,
                        "one_off",
                    )
                )
            else:
                amount = rng.choice(COMPANY_AMOUNTS if is_company else AMOUNTS)
                rows.append(
                    (partner_id, day, amount, rng.choices(methods, weights)[0], "cash", None, campaign, "one_off")
                )
    return rows


def insert_gifts(env, rows):
    now = datetime.now()
    company_id = env.company.id
    values = [
        (
            f"{PREFIX}{index:07d}",
            partner_id,
            company_id,
            day,
            amount,
            method,
            nature,
            description,
            campaign,
            recurrence,
            True,
            "validated",
            "manual",
            "gift",
            now,
            now,
            1,
            1,
        )
        for index, (partner_id, day, amount, method, nature, description, campaign, recurrence) in enumerate(
            rows, start=1
        )
    ]
    execute_values(
        env.cr._obj,
        """
        INSERT INTO assoc_donation (name, partner_id, company_id, date, amount, payment_method, nature,
               in_kind_description, campaign_id, recurrence, gives_receipt, state, form, kind,
               create_date, write_date, create_uid, write_uid)
        VALUES %s""",
        values,
        page_size=5000,
    )
    env.cr.execute(
        """
        UPDATE assoc_donation d SET donor_is_company = p.is_company
          FROM res_partner p WHERE p.id = d.partner_id AND d.name LIKE %s""",
        [f"{PREFIX}%"],
    )
    type_id = env.ref("assoc_receipts.interaction_type_donation").id
    env.cr.execute(
        """
        INSERT INTO assoc_interaction (partner_id, date, type_id, category, name, res_model, res_id, user_id,
                                       source, company_id, create_date, write_date, create_uid, write_uid)
        SELECT d.partner_id, d.date::timestamp + interval '11 hours', %(type)s, 'money',
               'Don ' || d.name || ' : ' || replace(to_char(d.amount, 'FM999990.00'), '.', ',') || ' €',
               'assoc.donation', d.id, 1, 'generator', d.company_id, now(), now(), 1, 1
          FROM assoc_donation d WHERE d.name LIKE %(prefix)s""",
        {"type": type_id, "prefix": f"{PREFIX}%"},
    )


def issue_last_year(env, log):
    """The annual campaign of the last completed year, by the same batches as the cron."""
    run = env["assoc.receipt.run"].create(
        {"year": date.today().year - 1, "company_id": env.company.id, "send_email": False}
    )
    run.action_check()
    run.state = "running"
    issued = 0
    while run.state == "running" and issued < MAX_RECEIPTS:
        before = run.receipt_count
        run._issue_batch(250)
        run.invalidate_recordset(["receipt_ids"])
        issued += run.receipt_count - before
    log(f"receipts: {issued} annual receipts issued for {run.year}, {len(run.missing_ids)} donors incomplete")
    return issued


def record_with_payments(env, rng):
    """A few current-year gifts through the ORM: payments posted in 754100, per-gift receipts."""
    company = env.company
    if not company.assoc_donation_account_id:
        return 0
    env.cr.execute(
        """
        SELECT p.id FROM res_partner p
         WHERE p.ref LIKE 'GEN-%%' AND NOT p.is_company AND p.street IS NOT NULL AND p.zip IS NOT NULL
           AND p.city IS NOT NULL AND p.firstname IS NOT NULL AND p.lastname IS NOT NULL
         ORDER BY p.id DESC LIMIT %s""",
        [ORM_DEMO_GIFTS],
    )
    gifts = env["assoc.donation"].create(
        [
            {
                "partner_id": partner_id,
                "amount": rng.choice(AMOUNTS),
                "date": date.today() - timedelta(days=rng.randint(0, 20)),
                "payment_method": rng.choice(["cheque", "transfer", "cash", "card"]),
            }
            for (partner_id,) in env.cr.fetchall()
        ]
    )
    gifts.action_validate()
    gifts.filtered(lambda g: not g.receipt_id).action_issue_receipt()
    return len(gifts)


def generate(env, rng, contacts, log):
    params = env["ir.config_parameter"].sudo()
    if params.get_param(PARAM) == str(contacts):
        return 0
    configure_company(env)
    clear_previous(env)
    rows = gift_rows(rng, donors(env, rng), campaigns(env))
    insert_gifts(env, rows)
    log(f"gifts: {len(rows)} inserted")
    env["assoc.donation"].invalidate_model()
    env.cr.execute("SELECT DISTINCT partner_id FROM assoc_donation WHERE name LIKE %s", [f"{PREFIX}%"])
    env["res.partner"]._assoc_update_donor_stats([row[0] for row in env.cr.fetchall()])
    issued = issue_last_year(env, log)
    created = len(rows) + issued + record_with_payments(env, rng)
    params.set_param(PARAM, str(contacts))
    return created
