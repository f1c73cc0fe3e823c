"""Integrations: replaying HelloAsso orders from the fake HelloAsso server (first import, then
a second replay that must create nothing), and pushing a segment to a fake Brevo in batches.
Targets at full scale: 10,000 orders in < 2 min; 50,000 contacts in < 1 min. Smaller bench
scales use as many orders and contacts as the bench has contacts. Everything is rolled back."""

import sys
import time
from pathlib import Path

ORDER = 60
REQUIRES = "assoc_integrations"
ORDERS = 10000
PUSH = 50000
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fakes import start, stop  # noqa: E402
from fakes.brevo import API_KEY as BREVO_KEY, BrevoFake  # noqa: E402
from fakes.helloasso import CLIENT_ID, CLIENT_SECRET, HelloAssoFake  # noqa: E402
from fakes.helloasso_data import ORG, generated_orders  # noqa: E402
from odoo_env import settle  # noqa: E402


def _fast_retries(env):
    env["ir.config_parameter"].sudo().set_param("assoc_integrations.retry_backoff", "0.05")


def _configure_company(env):
    """Receipt data the gifts need, as the demo has it (annual receipts: no PDF per gift)."""
    company = env.company
    company.write(
        {
            "street": company.street or "2 quai de la Fosse",
            "zip": company.zip or "44000",
            "city": company.city or "Nantes",
            "country_id": company.country_id.id or env.ref("base.fr").id,
            "assoc_siren_rna": company.assoc_siren_rna or "W442012345",
            "assoc_receipt_object": company.assoc_receipt_object or "Protection du littoral",
            "assoc_receipt_signatory_name": company.assoc_receipt_signatory_name or "Claire Martin",
            "assoc_receipt_mode": "annual",
        }
    )


def _helloasso(env, count, report):
    fake = start(HelloAssoFake, orders=generated_orders(count, seed=7))
    try:
        _fast_retries(env)
        _configure_company(env)
        connector = env["assoc.connector"].create(
            {
                "name": "Bench HelloAsso",
                "provider": "helloasso",
                "base_url": fake.url,
                "client_id": CLIENT_ID,
                "client_secret": CLIENT_SECRET,
                "organization_slug": ORG,
            }
        )
        started = time.perf_counter()
        run = connector._run()
        seconds = time.perf_counter() - started
        if run.state != "done":
            raise RuntimeError(f"HelloAsso bench run failed: {run.message}")
        scale = "" if count >= ORDERS else f" of {ORDERS:,} scaled to the bench"
        report(
            f"HelloAsso first import{scale} ({run.created_count} created, {run.failed_count} failed, "
            f"{count / max(seconds, 1e-9):.0f}/s)",
            count,
            seconds,
        )
        connector.full_import_requested = True
        started = time.perf_counter()
        again = connector._run()
        seconds = time.perf_counter() - started
        if again.created_count or again.updated_count:
            raise RuntimeError(f"second replay changed things: {again.summary}")
        report(f"HelloAsso second replay ({again.skipped_count} skipped, 0 created)", count, seconds)
    finally:
        stop(fake)


def _segment_of(env, size):
    """A segment of `size` contacts with a granted newsletter consent (tagged, set-based)."""
    purpose = env.ref("assoc_contacts.consent_purpose_newsletter")
    env.cr.execute(
        """SELECT id, assoc_email_key FROM res_partner WHERE assoc_email_key IS NOT NULL AND active
                       AND NOT COALESCE(assoc_email_invalid, FALSE) ORDER BY id LIMIT %s""",
        [size],
    )
    rows = env.cr.fetchall()
    tag = env["res.partner.category"].create({"name": "Bench emailing"})
    ids = [row[0] for row in rows]
    env.cr.execute(
        "INSERT INTO res_partner_res_partner_category_rel (partner_id, category_id) SELECT unnest(%s::int[]), %s",
        [ids, tag.id],
    )
    env.cr.execute(
        """INSERT INTO assoc_consent (partner_id, purpose_id, channel, state, date, source, email)
                      SELECT u.pid, %s, 'newsletter', 'granted', now() at time zone 'UTC', 'import', u.email
                        FROM unnest(%s::int[], %s::varchar[]) AS u(pid, email)""",
        [purpose.id, ids, [row[1] for row in rows]],
    )
    env.cr.execute("DELETE FROM mail_blacklist WHERE email = ANY(%s)", [[row[1] for row in rows]])
    env.invalidate_all()
    return env["assoc.segment"].create({"name": "Bench", "domain": f"[('category_id', 'in', [{tag.id}])]"}), len(ids)


def _brevo(env, size, report):
    fake = start(BrevoFake)
    try:
        _fast_retries(env)
        segment, count = _segment_of(env, size)
        connector = env["assoc.connector"].create(
            {"name": "Bench Brevo", "provider": "brevo", "base_url": f"{fake.url}/v3", "api_key": BREVO_KEY}
        )
        env["assoc.emailing.list"].create(
            {
                "name": "Bench",
                "connector_id": connector.id,
                "remote_list_id": "2",
                "source": "segment",
                "segment_id": segment.id,
                "attribute_ids": [(6, 0, env["assoc.emailing.attribute"].search([]).ids)],
            }
        )
        started = time.perf_counter()
        run = connector._run()
        seconds = time.perf_counter() - started
        if run.state != "done":
            raise RuntimeError(f"Brevo bench run failed: {run.message}")
        scale = "" if count >= PUSH else f" of {PUSH:,} scaled to the bench"
        report(
            f"Brevo push of a segment{scale} ({count} with consent, {fake.import_calls} batches, "
            f"{len(fake.list_members(2))} in the list)",
            count,
            seconds,
        )
        started = time.perf_counter()
        again = connector._run()
        report(f"Brevo push again ({again.skipped_count} unchanged)", count, time.perf_counter() - started)
    finally:
        stop(fake)


def run(open_env, contacts, report):
    with open_env() as env:
        _helloasso(env, min(ORDERS, contacts), report)
        env.cr.rollback()
        dbname = env.cr.dbname
    settle(dbname)  # the rolled back import left dead rows behind
    with open_env() as env:
        _brevo(env, min(PUSH, contacts), report)
        env.cr.rollback()
