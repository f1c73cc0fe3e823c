"""Cheques: a remittance slip of 500 cheques generated with its PDF (target < 3 s) and 50 slips
of 10 cheques cashed at once (target < 5 s). When OCA account_check_deposit 18.0 can be
pip-installed (into .local/bench_oca, never a dependency of Assoc), it is installed in the bench
database beside assoc_cheques and the same two operations are timed with it: its deposit with
"Get All Received Checks" and its QWeb PDF, then its validation of 50 deposits; our figures are
printed with the ratio ours / OCA. Everything created for timing is rolled back."""

import subprocess
import sys
import time
from pathlib import Path

from odoo import Command

import odoo.addons

ORDER = 40
REQUIRES = "assoc_cheques"
SLIP_CHEQUES = 500
SLIPS, PER_SLIP = 50, 10
OCA_DIR = Path(__file__).resolve().parents[2] / ".local" / "bench_oca"
OCA_ADDONS = OCA_DIR / "odoo" / "addons"
OCA_REQUIREMENT = "odoo-addon-account-check-deposit==18.0.*"

if OCA_ADDONS.is_dir() and str(OCA_ADDONS) not in odoo.addons.__path__:
    odoo.addons.__path__.append(str(OCA_ADDONS))


def _timed(function):
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


def _partners(env, count):
    partners = env["res.partner"].search([("is_company", "=", False), ("name", "!=", False)], limit=count)
    return [partners[i % len(partners)] for i in range(count)]


def _payments(env, journal, count, method_line=None, cheque=True):
    vals_list = [
        {
            "payment_type": "inbound",
            "partner_type": "customer",
            "partner_id": partner.id,
            "amount": 10.0 + index % 90,
            "journal_id": journal.id,
            **({"payment_method_line_id": method_line.id} if method_line else {}),
            **(
                {
                    "assoc_cheque_number": f"{9000000 + index}",
                    "assoc_cheque_drawer": partner.name,
                    "assoc_cheque_bank": "Crédit Agricole",
                }
                if cheque
                else {}
            ),
        }
        for index, partner in enumerate(_partners(env, count))
    ]
    payments = env["account.payment"].create(vals_list)
    payments.action_post()
    return payments


def _setup(env):
    company = env.company
    if not company.assoc_cheque_journal_id:
        company._assoc_cheques_setup()
    bank = env["assoc.cheque.slip"]._default_bank_journal()
    if not bank.bank_account_id:
        bank.bank_account_id = env["res.partner.bank"].create(
            {"acc_number": "FR76 3000 6000 0112 3456 7890 189", "partner_id": company.partner_id.id}
        )
    return company, bank


def _ours(open_env):
    with open_env() as env:
        company, bank = _setup(env)
        cheques = _payments(env, company.assoc_cheque_journal_id, SLIP_CHEQUES)
        slip = env["assoc.cheque.slip"].create({"bank_journal_id": bank.id, "payment_ids": [Command.set(cheques.ids)]})
        env.flush_all()
        generate = _timed(lambda: (slip.action_generate(), env.flush_all()))
        env.cr.rollback()
        env.invalidate_all()
    with open_env() as env:
        company, bank = _setup(env)
        cheques = _payments(env, company.assoc_cheque_journal_id, SLIPS * PER_SLIP)
        slips = env["assoc.cheque.slip"].create(
            [
                {
                    "bank_journal_id": bank.id,
                    "payment_ids": [Command.set(cheques[i : i + PER_SLIP].ids)],
                }
                for i in range(0, len(cheques), PER_SLIP)
            ]
        )
        slips.action_generate()
        env.flush_all()
        cash = _timed(lambda: (slips._cash(max(slips.mapped("date"))), env.flush_all()))
        env.cr.rollback()
        env.invalidate_all()
    return generate, cash


def _install_oca(open_env):
    """Install account_check_deposit in the bench database once; False when it cannot be had."""
    if not OCA_ADDONS.is_dir():
        proc = subprocess.run(
            [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(OCA_DIR), OCA_REQUIREMENT],
            capture_output=True,
            text=True,
            check=False,
        )
        if proc.returncode or not OCA_ADDONS.is_dir():
            print(f"bench cheques: OCA baseline unavailable ({proc.stderr.strip()[-200:]})", flush=True)
            return False
        odoo.addons.__path__.append(str(OCA_ADDONS))
    with open_env() as env:
        module = env["ir.module.module"].search([("name", "=", "account_check_deposit")])
        if module.state == "installed":
            return True
        env["ir.module.module"].update_list()
        module = env["ir.module.module"].search([("name", "=", "account_check_deposit")])
        if not module:
            print("bench cheques: OCA baseline unavailable (module not found)", flush=True)
            return False
        module.button_immediate_install()
    return True


def _oca_journals(env):
    """OCA's set-up: a bank journal without bank account whose manual method waits on its own
    cheques account (apart from the 511200 cheques of the generated data)."""
    company = env.company
    account = env["account.account"].create(
        {
            "code": "511290",
            "name": "Chèques à encaisser (OCA)",
            "account_type": "asset_current",
            "reconcile": True,
        }
    )
    journal = env["account.journal"].create(
        {"name": "Checks received (OCA)", "code": "OCACH", "type": "bank", "company_id": company.id}
    )
    method_line = journal.inbound_payment_method_line_ids.filtered(lambda line: line.code == "manual")
    method_line.payment_account_id = account
    return journal, method_line


def _oca(open_env):
    with open_env() as env:
        _company, bank = _setup(env)
        journal, line = _oca_journals(env)
        _payments(env, journal, SLIP_CHEQUES, line, cheque=False)
        deposit = env["account.check.deposit"].create({"journal_id": journal.id, "bank_journal_id": bank.id})
        env.flush_all()
        report = env["ir.actions.report"]
        generate = _timed(
            lambda: (
                deposit.get_all_checks(),
                env.flush_all(),
                report._render_qweb_pdf("account_check_deposit.report_checkdeposit", deposit.ids),
            )
        )
        env.cr.rollback()
        env.invalidate_all()
    with open_env() as env:
        _company, bank = _setup(env)
        journal, line = _oca_journals(env)
        payments = _payments(env, journal, SLIPS * PER_SLIP, line, cheque=False)
        lines = payments.move_id.line_ids.filtered(lambda aml: aml.account_id == line.payment_account_id)
        deposits = env["account.check.deposit"].create(
            [
                {
                    "journal_id": journal.id,
                    "bank_journal_id": bank.id,
                    "check_payment_ids": [Command.set(lines[i : i + PER_SLIP].ids)],
                }
                for i in range(0, len(lines), PER_SLIP)
            ]
        )
        env.flush_all()
        # validate_deposit() on several deposits reconciles them all with the first one's entry
        # (it uses self instead of the loop variable): one call per deposit, as its form does.
        cash = _timed(lambda: ([deposit.validate_deposit() for deposit in deposits], env.flush_all()))
        env.cr.rollback()
        env.invalidate_all()
    return generate, cash


def run(open_env, contacts, report):
    oca_generate = oca_cash = None
    if _install_oca(open_env):
        oca_generate, oca_cash = _oca(open_env)
        report("cheques OCA: deposit of 500 + QWeb PDF (wkhtmltopdf)", SLIP_CHEQUES, oca_generate)
        report("cheques OCA: validate 50 deposits", SLIPS, oca_cash)
    generate, cash = _ours(open_env)
    report("cheques: generate slip of 500 + PDF", SLIP_CHEQUES, generate, baseline=oca_generate)
    report("cheques: cash 50 slips at once", SLIPS, cash, baseline=oca_cash)
