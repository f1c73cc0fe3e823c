"""Tax receipts: the annual campaign (one summary receipt with its PDF per donor, in the cron's
batches) and one gift validated with its per-gift receipt. The campaign runs on the current
year's gifts without receipt, at most 10,000 donors: a database of 200,000 generated contacts
has more than 10,000 donors of the year, so the full campaign is timed; below that, the
per-receipt time and the time extrapolated to 10,000 receipts are printed (target: < 5 min
for 10,000). Everything is rolled back so that the bench database stays reusable."""

import time
from datetime import date

ORDER = 30
REQUIRES = "assoc_receipts"
TARGET = 10000
EMAIL_SAMPLE = 500
BATCH = 250
# The last timed campaign, for the OCA baseline (receipts_oca): seconds and each receipt's gift amounts.
CAMPAIGN = {}


def _eligible_run(env, limit=TARGET, send_email=False):
    """A campaign over the current year, limited to `limit` donors (the others set aside as if incomplete)."""
    env.company.assoc_receipt_send = "auto" if send_email else "manual"
    run = env["assoc.receipt.run"].create(
        {"year": date.today().year, "company_id": env.company.id, "send_email": send_email}
    )
    run.action_check()
    groups = env["assoc.donation"]._read_group(run._eligible_domain(), ["partner_id"], order="partner_id")
    skipped = [partner.id for (partner,) in groups[limit:]]
    if skipped:
        run.write({"missing_ids": [(0, 0, {"partner_id": pid, "missing": "bench"}) for pid in skipped]})
    run.state = "running"
    return run


def _campaign(env, report):
    """The campaign as the cron runs it, one batch after the other (each batch commits in the
    cron; here the whole run is rolled back at the end)."""
    run = _eligible_run(env)
    started, cpu_started = time.perf_counter(), time.process_time()
    while run.state == "running":
        run._issue_batch(BATCH)
        env.flush_all()
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    issued = len(run.receipt_ids)
    if not issued:
        report("annual receipts: no donor without receipt this year", 0, seconds)
        return
    CAMPAIGN.update(seconds=seconds, gifts=[receipt.donation_ids.mapped("amount") for receipt in run.receipt_ids])
    label = "10,000-receipt campaign" if issued >= TARGET else "annual campaign"
    report(f"{label} with PDFs, batches of {BATCH} (< 300 s for 10,000)", issued, seconds)
    report("annual receipts: seconds per receipt", 1, seconds / issued)
    report("annual receipts: Odoo process CPU seconds per receipt", 1, cpu / issued)
    if issued < TARGET:
        report(f"annual receipts: extrapolated to {TARGET} (target < 300 s)", TARGET, seconds / issued * TARGET)


def _campaign_with_emails(env, report):
    """The same campaign on its first EMAIL_SAMPLE donors, each receipt also queued by email (one
    mail.mail with the stored PDF attached, rendered from the template in batches)."""
    run = _eligible_run(env, limit=EMAIL_SAMPLE, send_email=True)
    started = time.perf_counter()
    while run.state == "running":
        run._issue_batch(BATCH)
        env.flush_all()
    seconds = time.perf_counter() - started
    issued = len(run.receipt_ids)
    if issued:
        report("annual receipts with PDF and email queued: seconds per receipt", issued, seconds / issued)


def _complete_donor(env):
    env.cr.execute("""
        SELECT id FROM res_partner WHERE ref LIKE 'GEN-%%' AND NOT is_company AND street IS NOT NULL
           AND zip IS NOT NULL AND city IS NOT NULL AND country_id IS NOT NULL AND firstname IS NOT NULL
           AND lastname IS NOT NULL ORDER BY id LIMIT 1""")
    row = env.cr.fetchone()
    return env["res.partner"].browse(row[0]) if row else None


def _one_gift(env, report):
    donor = _complete_donor(env)
    if not donor or not env.company.assoc_donation_account_id:
        return
    env.company.assoc_receipt_mode = "per_gift"
    for method in ("cheque", "transfer"):
        gift = env["assoc.donation"].create({"partner_id": donor.id, "amount": 50.0, "payment_method": method})
        env.flush_all()
        started = time.perf_counter()
        gift.action_validate()
        env.flush_all()
        seconds = time.perf_counter() - started
        report(f"one {method} gift validated: entry posted + receipt PDF (< 1 s)", 1, seconds)
    gift = env["assoc.donation"].create(
        {
            "partner_id": donor.id,
            "amount": 80.0,
            "nature": "in_kind",
            "in_kind_description": "bench",
            "gives_receipt": False,
        }
    )
    gift.action_validate()
    gift.gives_receipt = True
    env.flush_all()
    started = time.perf_counter()
    env["assoc.tax.receipt"]._assoc_issue_for_donations(gift, mode="gift")
    env.flush_all()
    report("one receipt issued alone (number, PDF, hash, timeline)", 1, time.perf_counter() - started)


def run(open_env, contacts, report):
    with open_env() as env:
        _campaign(env, report)
        env.cr.rollback()
    with open_env() as env:
        _campaign_with_emails(env, report)
        env.cr.rollback()
    with open_env() as env:
        _one_gift(env, report)
        env.cr.rollback()
