"""Cheques and remittance slips: a year of cheques received from generated contacts, grouped
on weekly slips (generated with their PDF and cashed at the bank a few days later), the
recent ones still waiting to be deposited (two of them incomplete, so the required-field
check shows), and one cheque returned unpaid. Cheques go through the ORM (payments post
journal entries), so their number is capped; slips and cashing are batched."""

import time
from datetime import date, timedelta

from odoo import Command

ORDER = 40
REQUIRES = "assoc_cheques"
PARAM = "assoc.gen.cheques.contacts"
MAX_CHEQUES = 1000
PENDING_DAYS = 12
RECENT_SHARE = 0.08
AMOUNTS = [10, 15, 20, 25, 30, 40, 50, 50, 60, 75, 80, 100, 100, 120, 150, 200, 250, 500]
BANKS = [
    "Crédit Agricole",
    "La Banque Postale",
    "BNP Paribas",
    "Société Générale",
    "Crédit Mutuel",
    "Caisse d'Épargne",
    "LCL",
    "Banque Populaire",
    "CIC",
    "Crédit Coopératif",
    "Boursorama",
]
DEMO_IBAN = "FR76 3000 6000 0112 3456 7890 189"


def _company_ready(env):
    company = env.company
    if not company.assoc_cheque_journal_id and company.chart_template == "fr":
        company._assoc_cheques_setup()
    if not company.assoc_cheque_journal_id:
        return None
    income = env["account.account"].search(
        [*env["account.account"]._check_company_domain(company), ("code", "=like", "7541%")], limit=1
    )
    if income and not company.assoc_cheque_income_account_id:
        company.assoc_cheque_income_account_id = income
    return company


def _bank_journal(env, company):
    journal = env["assoc.cheque.slip"].with_company(company)._default_bank_journal()
    if journal and not journal.bank_account_id:
        journal.bank_account_id = env["res.partner.bank"].create(
            {
                "acc_number": DEMO_IBAN,
                "partner_id": company.partner_id.id,
            }
        )
    return journal


def _people(env, count, rng):
    env.cr.execute(
        """
        SELECT id, name FROM res_partner
         WHERE active AND NOT is_company AND name IS NOT NULL AND ref LIKE 'GEN-%%'
         ORDER BY id LIMIT %s""",
        [count * 4],
    )
    rows = env.cr.fetchall()
    if not rows:
        env.cr.execute(
            "SELECT id, name FROM res_partner WHERE active AND name IS NOT NULL ORDER BY id LIMIT %s", [count * 4]
        )
        rows = env.cr.fetchall()
    return [rng.choice(rows) for _i in range(count)]


def _cheque_vals(rng, company, people, today):
    journal = company.assoc_cheque_journal_id
    vals_list = []
    for index, (partner_id, name) in enumerate(people):
        recent = rng.random() < RECENT_SHARE
        received = today - timedelta(days=rng.randint(0, PENDING_DAYS if recent else 364))
        drawer = name if rng.random() < 0.85 else f"M. et Mme {name.split()[-1]}"
        vals_list.append(
            {
                "payment_type": "inbound",
                "partner_type": "customer",
                "partner_id": partner_id,
                "amount": rng.choice(AMOUNTS),
                "journal_id": journal.id,
                "date": received,
                "assoc_cheque_received_date": received,
                "assoc_cheque_number": f"{rng.randint(1000000, 9999999)}",
                "assoc_cheque_drawer": drawer,
                "assoc_cheque_bank": rng.choice(BANKS),
                "memo": f"Don {received.year} — chèque {index + 1}",
            }
        )
    return vals_list


def _slips(env, company, bank_journal, cheques, today):
    """One slip per week of cheques older than PENDING_DAYS; all generated, cashed three days later
    except the last week's slip, which waits for the bank."""
    by_week = {}
    for cheque in cheques:
        received = cheque.assoc_cheque_received_date
        if (today - received).days > PENDING_DAYS:
            monday = received - timedelta(days=received.weekday())
            by_week.setdefault(monday, []).append(cheque.id)
    Slip = env["assoc.cheque.slip"].with_company(company)
    slips = Slip.create(
        [
            {
                "date": monday + timedelta(days=7),
                "bank_journal_id": bank_journal.id,
                "payment_ids": [Command.set(ids)],
            }
            for monday, ids in sorted(by_week.items())
        ]
    )
    slips.sorted("date").action_generate()
    to_cash = slips.sorted("date")[:-1]
    for cash_date in sorted(set(to_cash.mapped("date"))):
        to_cash.filtered(lambda s, d=cash_date: s.date == d)._cash(min(cash_date + timedelta(days=3), today))
    return slips


def generate(env, rng, contacts, log):
    params = env["ir.config_parameter"].sudo()
    if params.get_param(PARAM) == str(contacts):
        return 0
    company = _company_ready(env)
    if not company:
        log("cheques: no cheques journal (company not on the French chart), step skipped")
        return 0
    env = env(context=dict(env.context, lang=company.partner_id.lang or "en_US"))
    bank_journal = _bank_journal(env, company)
    today = date.today()
    started = time.perf_counter()
    count = max(60, min(contacts // 10, MAX_CHEQUES))
    Payment = env["account.payment"].with_company(company)
    cheques = Payment.create(_cheque_vals(rng, company, _people(env, count, rng), today))
    cheques.action_post()
    log(f"cheques: {len(cheques)} cheques received ({time.perf_counter() - started:.1f} s)")
    slips = _slips(env, company, bank_journal, cheques, today)
    log(f"cheques: {len(slips)} slips ({time.perf_counter() - started:.1f} s)")
    incomplete = cheques.filtered(lambda c: c.assoc_cheque_state == "pending")[:2]
    incomplete.write({"assoc_cheque_bank": False})
    returned = cheques.filtered(lambda c: c.assoc_cheque_state == "cashed")[-1:]
    returned._assoc_cheque_mark_returned(today, "Sans provision")
    params.set_param(PARAM, str(contacts))
    return len(cheques) + len(slips)
