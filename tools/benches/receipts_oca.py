"""Tax receipts, OCA baseline: the same annual campaign with OCA `donation` 18.0 (pip-installed
into .local/bench_oca_donation, never a dependency of Assoc). Both suites define donation
models, so OCA's modules live in a database of their own, <bench db>_oca_donation, installed once
with nothing of ours. Each run creates as many donors and gifts (same amounts per donor) as the
campaign just timed by the receipts bench, then times OCA's annual receipt wizard over all of them
and its QWeb receipt (wkhtmltopdf) printed alone for the first PDF_SAMPLE receipts, extrapolated
to all; ours is printed with the ratio ours / OCA. When the baseline cannot be had, one line says
why. Everything created for timing is rolled back."""

import logging
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import odoo_env

import odoo
from odoo import Command

import odoo.addons

from . import receipts

ORDER = 31
REQUIRES = "assoc_receipts"
OCA_DIR = Path(__file__).resolve().parents[2] / ".local" / "bench_oca_donation"
OCA_ADDONS = OCA_DIR / "odoo" / "addons"
OCA_REQUIREMENTS = ["odoo-addon-donation==18.0.*", "odoo-addon-donation-base==18.0.*"]
OCA_REPORT = "donation_base.report_donation_tax_receipt"
PDF_SAMPLE = 50
CREATE_BATCH = 1000

if OCA_ADDONS.is_dir() and str(OCA_ADDONS) not in odoo.addons.__path__:
    odoo.addons.__path__.append(str(OCA_ADDONS))


def _unavailable(reason):
    print(f"bench receipts: OCA donation baseline unavailable ({reason})", flush=True)


def _donation_installed(dbname):
    if not odoo.service.db.exp_db_exist(dbname):
        return False
    with odoo.sql_db.db_connect(dbname).cursor() as cr:
        cr.execute("SELECT state FROM ir_module_module WHERE name = 'donation'")
        row = cr.fetchone()
    return bool(row and row[0] == "installed")


def _install_oca(dbname):
    """Fetch the OCA wheels once and install `donation` in its own database once; False when it cannot be had."""
    if not OCA_ADDONS.is_dir():
        proc = subprocess.run(
            [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(OCA_DIR), *OCA_REQUIREMENTS],
            capture_output=True,
            text=True,
            check=False,
        )
        if proc.returncode or not OCA_ADDONS.is_dir():
            _unavailable(proc.stderr.strip()[-200:] or "pip install failed")
            return False
        odoo.addons.__path__.append(str(OCA_ADDONS))
    if _donation_installed(dbname):
        return True
    config = odoo.tools.config
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "odoo",
            "-c",
            config.rcfile,
            "-d",
            dbname,
            "--stop-after-init",
            "--log-level=warn",
            "--without-demo=all",
            "-i",
            "donation",
            f"--addons-path={config['addons_path']},{OCA_ADDONS}",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode or not _donation_installed(dbname):
        _unavailable(f"install in {dbname} failed: {proc.stderr.strip()[-200:]}")
        return False
    return True


def _create_gifts(env, gifts):
    """One donor per receipt of our campaign, with the same gift amounts, all of this year, done."""
    donors = env["res.partner"].create(
        [
            {
                "name": f"Donateur {index:06d}",
                "street": f"{index % 200 + 1} rue de la Paix",
                "zip": "75002",
                "city": "Paris",
                "country_id": env.ref("base.fr").id,
                "tax_receipt_option": "annual",
            }
            for index in range(len(gifts))
        ]
    )
    product = env["product.product"].create(
        {
            "name": "Don",
            "type": "service",
            "donation_type": "donation",
            "tax_receipt_ok": True,
            "taxes_id": [Command.clear()],
            "supplier_taxes_id": [Command.clear()],
        }
    )
    first, days = date(date.today().year, 1, 1), date.today().timetuple().tm_yday
    vals_list = [
        {
            "partner_id": donor.id,
            "donation_date": first + timedelta(days=(donor.id + rank) % days),
            "tax_receipt_option": "annual",
            "line_ids": [Command.create({"product_id": product.id, "quantity": 1, "unit_price": amount})],
        }
        for donor, amounts in zip(donors, gifts, strict=True)
        for rank, amount in enumerate(amounts)
    ]
    for start in range(0, len(vals_list), CREATE_BATCH):
        env["donation.donation"].create(vals_list[start : start + CREATE_BATCH]).write({"state": "done"})
    env.flush_all()
    return len(vals_list)


def _oca_campaign(env):
    """OCA's annual wizard over this year, then one QWeb PDF per receipt for the first PDF_SAMPLE
    receipts (its template repeats every selected receipt inside each one: a batch of n receipts
    prints n² pages, so each receipt is printed alone, as its email sending does).
    Returns (receipts, wizard seconds, PDFs rendered, their seconds)."""
    wizard = env["tax.receipt.annual.create"].create(
        {"start_date": date(date.today().year, 1, 1), "end_date": date.today()}
    )
    started = time.perf_counter()
    receipt_ids = wizard.generate_annual_receipts()["domain"][0][2]
    env.flush_all()
    wizard_seconds = time.perf_counter() - started
    sample = receipt_ids[:PDF_SAMPLE]
    # wkhtmltopdf warns on every receipt that it cannot fetch the styles of a server not running
    report_logger = logging.getLogger("odoo.addons.base.models.ir_actions_report")
    level = report_logger.level
    report_logger.setLevel(logging.ERROR)
    started = time.perf_counter()
    try:
        for receipt_id in sample:
            env["ir.actions.report"]._render_qweb_pdf(OCA_REPORT, [receipt_id])
        env.flush_all()
    finally:
        report_logger.setLevel(level)
    return len(receipt_ids), wizard_seconds, len(sample), time.perf_counter() - started


def _report(report, gifts, issued, wizard_seconds, printed, pdf_seconds):
    report(f"receipts: OCA donation annual wizard, {gifts} gifts", issued, wizard_seconds)
    report(f"receipts: OCA QWeb receipt PDF alone (wkhtmltopdf), {printed} timed", 1, pdf_seconds / printed)
    seconds = wizard_seconds + pdf_seconds / printed * issued
    sampled = ", PDFs extrapolated" if printed < issued else ""
    report(f"receipts: OCA donation annual campaign{sampled}", issued, seconds)
    report(
        "receipts: our annual campaign, ratio ours / OCA",
        len(receipts.CAMPAIGN["gifts"]),
        receipts.CAMPAIGN["seconds"],
        baseline=seconds,
    )


def run(open_env, contacts, report):
    if not receipts.CAMPAIGN:
        _unavailable("no campaign of ours was timed in this run")
        return
    with open_env() as env:
        dbname = f"{env.cr.dbname}_oca_donation"
    try:
        if not _install_oca(dbname):
            return
        with odoo_env.environment(dbname) as env:
            gifts = _create_gifts(env, receipts.CAMPAIGN["gifts"])
            figures = _oca_campaign(env)
            env.cr.rollback()
            env.invalidate_all()
    except Exception as error:  # the bench must go on without its baseline
        _unavailable(f"{type(error).__name__}: {str(error)[:200]}")
        return
    if figures[0] and figures[2]:
        _report(report, gifts, *figures)
    else:
        _unavailable("its wizard issued no receipt")
