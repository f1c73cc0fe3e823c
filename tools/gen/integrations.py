"""Integrations: connectors pointed at the fake HelloAsso, Brevo, Mailjet and Mailchimp servers
(tools/fakes/serve.py, fixed ports), emailing lists fed by a segment and a group, a web form
source, newsletter consents for part of the contacts, and, when the fakes are up, real runs:
HelloAsso orders imported, lists pushed, a few webhook deliveries processed (opens, clicks,
an unsubscribe, a forged notification rejected). Without the fakes the connectors are only
configured; their scheduled actions run them once the servers answer."""

import json
import socket
import sys
from pathlib import Path

ORDER = 60
REQUIRES = "assoc_integrations"
PARAM = "assoc.gen.integrations.contacts"
CONSENT_SHARE = 0.6
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fakes.brevo import API_KEY as BREVO_KEY  # noqa: E402
from fakes.helloasso import CLIENT_ID, CLIENT_SECRET  # noqa: E402
from fakes.helloasso_data import ORG  # noqa: E402
from fakes.mailchimp import API_KEY as MAILCHIMP_KEY  # noqa: E402
from fakes.mailjet import API_KEY as MAILJET_KEY, API_SECRET as MAILJET_SECRET  # noqa: E402
from fakes.serve import DEMO_PORTS  # noqa: E402

FORM_KEY = "demo-formulaire-site-2025"


def fakes_up():
    try:
        with socket.create_connection(("127.0.0.1", DEMO_PORTS["helloasso"]), timeout=1):
            return True
    except OSError:
        return False


def connector(env, name, values):
    Connector = env["assoc.connector"].with_context(active_test=False)
    return Connector.search([("name", "=", name)], limit=1) or Connector.create({"name": name, **values})


def connectors(env):
    url = "http://127.0.0.1:{}".format
    campaign = env["utm.campaign"].search([("name", "=", "Dons en ligne")], limit=1)
    return {
        "helloasso": connector(
            env,
            "HelloAsso",
            {
                "provider": "helloasso",
                "base_url": url(DEMO_PORTS["helloasso"]),
                "client_id": CLIENT_ID,
                "client_secret": CLIENT_SECRET,
                "organization_slug": ORG,
                "default_campaign_id": campaign.id,
            },
        ),
        "brevo": connector(
            env, "Brevo", {"provider": "brevo", "base_url": f"{url(DEMO_PORTS['brevo'])}/v3", "api_key": BREVO_KEY}
        ),
        "mailjet": connector(
            env,
            "Mailjet",
            {
                "provider": "mailjet",
                "base_url": f"{url(DEMO_PORTS['mailjet'])}/v3/REST",
                "api_key": MAILJET_KEY,
                "api_secret": MAILJET_SECRET,
            },
        ),
        "mailchimp": connector(
            env,
            "Mailchimp",
            {"provider": "mailchimp", "base_url": f"{url(DEMO_PORTS['mailchimp'])}/3.0", "api_key": MAILCHIMP_KEY},
        ),
        "form": connector(env, "Formulaire du site", {"provider": "form", "api_key": FORM_KEY, "form_rate_limit": 30}),
    }


def grant_consents(env, rng):
    """A newsletter consent (imported from the paper subscriptions) for part of the contacts
    that have an email and no consent yet, set-based."""
    purpose = env.ref("assoc_contacts.consent_purpose_newsletter")
    env.cr.execute("""SELECT p.id, p.assoc_email_key FROM res_partner p
                       WHERE p.assoc_email_key IS NOT NULL AND p.active AND NOT p.is_company
                         AND NOT EXISTS (SELECT 1 FROM assoc_consent c WHERE c.partner_id = p.id)
                       ORDER BY p.id""")
    rows = [row for row in env.cr.fetchall() if rng.random() < CONSENT_SHARE]
    if rows:
        env.cr.execute(
            """INSERT INTO assoc_consent (partner_id, purpose_id, channel, state, date, source, proof_text, email,
                                          create_uid, write_uid, create_date, write_date)
               SELECT u.pid, %s, 'newsletter', 'granted', now() at time zone 'UTC' - interval '200 days', 'import',
                      'Abonnement à la lettre papier, formulaire d''adhésion 2024', u.email, 1, 1,
                      now() at time zone 'UTC', now() at time zone 'UTC'
                 FROM unnest(%s::int[], %s::varchar[]) AS u(pid, email)""",
            [purpose.id, [r[0] for r in rows], [r[1] for r in rows]],
        )
    return len(rows)


def lists(env, by_provider):
    segment = env["assoc.segment"].search([("name", "=", "Abonnés à la lettre")], limit=1) or env[
        "assoc.segment"
    ].create({"name": "Abonnés à la lettre", "domain": "[('email', '!=', False), ('is_company', '=', False)]"})
    group = env["assoc.group"].search([], order="id", limit=1)
    attributes = env["assoc.emailing.attribute"].search([])
    Link = env["assoc.emailing.list"].with_context(active_test=False)
    specs = [
        ("brevo", "Lettre d'information", "2", "segment"),
        ("brevo", "Adhérents du groupe local", "7", "group"),
        ("mailjet", "Lettre d'information", "10", "segment"),
        ("mailchimp", "Lettre d'information", "a1b2c3d4e5", "segment"),
    ]
    for provider, name, remote, source in specs:
        if source == "group" and not group:
            continue
        conn = by_provider[provider]
        if not Link.search([("connector_id", "=", conn.id), ("remote_list_id", "=", remote)]):
            Link.create(
                {
                    "name": name,
                    "connector_id": conn.id,
                    "remote_list_id": remote,
                    "source": source,
                    "segment_id": segment.id if source == "segment" else False,
                    "group_id": group.id if source == "group" else False,
                    "attribute_ids": [(6, 0, attributes.ids)],
                }
            )


def deliveries(env, by_provider, log):
    """Webhook deliveries as the providers send them, through the same storage and processing."""
    Event = env["assoc.webhook.event"]
    brevo = by_provider["brevo"]
    env.cr.execute(
        "SELECT email FROM assoc_emailing_list_contact WHERE list_id IN %s ORDER BY id LIMIT 6",
        [tuple(brevo.emailing_list_ids.ids) or (0,)],
    )
    emails = [row[0] for row in env.cr.fetchall()]
    payloads = [
        {
            "event": "opened",
            "email": email,
            "camp_id": 12,
            "campaign name": "Lettre de printemps",
            "ts_event": 1741770300,
        }
        for email in emails[:5]
    ]
    payloads += [
        {
            "event": "click",
            "email": email,
            "camp_id": 12,
            "campaign name": "Lettre de printemps",
            "URL": "https://www.exemple-association.fr/agenda",
            "ts_event": 1741770400,
        }
        for email in emails[:2]
    ]
    payloads += [
        {
            "event": "unsubscribe",
            "email": email,
            "camp_id": 12,
            "campaign name": "Lettre de printemps",
            "list_id": [2],
            "ts_event": 1741770500,
        }
        for email in emails[5:6]
    ]
    count = 0
    for payload in payloads:
        event = Event._store(
            brevo, json.dumps(payload).encode(), {"Content-Type": "application/json"}, "127.0.0.1", "application/json"
        )
        event.signature_state = "token"
        event._process()
        count += 1
    forged = Event._store(
        by_provider["helloasso"],
        b'{"eventType": "Order", "data": {"id": 1}}',
        {"Content-Type": "application/json"},
        "203.0.113.7",
        "application/json",
    )
    forged._reject("Missing or wrong secret token in the webhook address.")
    log(f"integrations: {count} Brevo deliveries processed, one forged HelloAsso notification rejected")
    return count + 1


FORM_SUBMISSIONS = [
    {
        "email": "ines.marchand@exemple.fr",
        "firstname": "Inès",
        "lastname": "Marchand",
        "zip": "44300",
        "city": "Nantes",
        "consent": {
            "newsletter": True,
            "text": "J'accepte de recevoir la lettre d'information des Amis du Littoral.",
            "url": "https://www.exemple-association.fr/lettre",
        },
        "form": "Inscription à la lettre",
        "submitted_at": "2025-03-14T18:42:00+01:00",
    },
    {
        "email": "Thomas.Rivière@exemple.fr ",
        "firstname": "Thomas",
        "lastname": "Rivière",
        "phone": "06 12 34 56 78",
        "zip": "85000",
        "city": "La Roche-sur-Yon",
        "tags": ["Bénévole potentiel"],
        "message": "Disponible le samedi pour les nettoyages de plage.",
        "form": "Devenir bénévole",
        "submitted_at": "2025-03-15T10:05:00+01:00",
    },
]


def form_submissions(env, connector, log):
    """Submissions of the association's site, stored and processed as the form webhook does."""
    Event = env["assoc.webhook.event"]
    for payload in FORM_SUBMISSIONS:
        event = Event._store(
            connector, json.dumps(payload).encode(), {"Content-Type": "application/json"}, "192.0.2.10",
            "application/json",
        )
        event.signature_state = "token"
        event._process()
    log(f"integrations: {len(FORM_SUBMISSIONS)} web form submissions processed")
    return len(FORM_SUBMISSIONS)


def generate(env, rng, contacts, log):
    params = env["ir.config_parameter"].sudo()
    if params.get_param(PARAM) == str(contacts):
        return 0
    by_provider = connectors(env)
    created = grant_consents(env, rng)
    lists(env, by_provider)
    created += form_submissions(env, by_provider["form"], log)
    if not fakes_up():
        log("integrations: fake servers not running (python3 tools/fakes/serve.py): connectors configured only")
        params.set_param(PARAM, str(contacts))
        return created
    for provider in ("helloasso", "brevo", "mailjet", "mailchimp"):
        run = by_provider[provider].with_context(assoc_commit=True)._run()
        log(f"integrations: {provider} run {run.state}: {run.summary} {run.message or ''}")
        created += run.created_count
    created += deliveries(env, by_provider, log)
    params.set_param(PARAM, str(contacts))
    return created
