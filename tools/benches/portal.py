"""Member space under load: 20 logged-in members browse their portal pages at once.

An Odoo HTTP server is started on a free 127.0.0.1 port (2 workers, as on the 2-core target
machine) on the bench database; 20 portal users are created there once (members of the
generated base, password = login). Each member logs in, then 20 threads send a bounded number
of page requests: once back to back (the strictest load, compared with Odoo's own portal page
/my/security under the same load), once pausing as a reader between pages (compared with
/my/security read the same way). Readers behave as people do, not as one clock: each opens
the space at a moment of the first second and reads a page 0.5 to 1.5 s (1 s on average,
seeded) before the next click. p50 and p95 of the page times are printed; the target is
p95 < 300 ms."""

import random
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import requests

import odoo

ORDER = 90
REQUIRES = "assoc_contacts"
MEMBERS = 20
REQUESTS_PER_MEMBER = 12
LOGIN_PREFIX = "bench_portal_"
PAGES = [
    ("/my", "assoc_contacts"),
    ("/my/member", "assoc_contacts"),
    ("/my/history", "assoc_contacts"),
    ("/my/directory", "assoc_contacts"),
    ("/my/card", "assoc_membership"),
    ("/my/payments", "assoc_receipts"),
]
BASELINE_PAGE = "/my/security"  # Odoo's own portal page, same layout: tells our cost from the machine's
READING_PAUSE = 1.0  # seconds a member spends on a page before the next click, in the "browsing" run


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def ensure_portal_users(env):
    """MEMBERS portal users on generated members (the directory needs members), once."""
    Users = env["res.users"].with_context(active_test=False, no_reset_password=True)
    existing = Users.search([("login", "=like", f"{LOGIN_PREFIX}%")])
    if len(existing) >= MEMBERS:
        return existing.mapped("login")[:MEMBERS]
    tag_member = env.ref("assoc_contacts.tag_member")
    taken = existing.partner_id.ids
    partners = env["res.partner"].search(
        [
            ("category_id", "in", tag_member.ids),
            ("is_company", "=", False),
            ("user_ids", "=", False),
            ("id", "not in", taken),
        ],
        limit=MEMBERS - len(existing),
        order="id",
    )
    if len(partners) < MEMBERS - len(existing):
        partners |= env["res.partner"].search(
            [("is_company", "=", False), ("user_ids", "=", False), ("id", "not in", taken + partners.ids)],
            limit=MEMBERS - len(existing) - len(partners),
            order="id",
        )
    portal = env.ref("base.group_portal")
    for index, partner in enumerate(partners, start=len(existing)):
        login = f"{LOGIN_PREFIX}{index:02d}"
        Users.create({"login": login, "password": login, "partner_id": partner.id, "groups_id": [(6, 0, portal.ids)]})
    return Users.search([("login", "=like", f"{LOGIN_PREFIX}%")]).mapped("login")[:MEMBERS]


def installed_pages(env):
    modules = set(env["ir.module.module"].search([("state", "=", "installed")]).mapped("name"))
    return [url for url, addon in PAGES if addon in modules]


def start_server(dbname, port):
    command = [
        sys.executable,
        "-m",
        "odoo",
        "-c",
        odoo.tools.config.rcfile,
        "-d",
        dbname,
        "--db-filter",
        f"^{dbname}$",
        "--http-interface",
        "127.0.0.1",
        "--http-port",
        str(port),
        "--workers",
        "2",
        "--max-cron-threads",
        "0",
        "--log-level",
        "warn",
        "--limit-time-real",
        "120",
    ]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            if requests.get(f"http://127.0.0.1:{port}/web/login", timeout=5).status_code == 200:
                return server
        except requests.RequestException:
            time.sleep(0.5)
    server.terminate()
    raise RuntimeError("the Odoo server did not start")


def login(base_url, user_login):
    session = requests.Session()
    page = session.get(f"{base_url}/web/login", timeout=30).text
    token = page.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    response = session.post(
        f"{base_url}/web/login",
        timeout=30,
        data={"login": user_login, "password": user_login, "csrf_token": token, "redirect": "/my"},
    )
    if not response.url.rstrip("/").endswith("/my"):
        raise RuntimeError(f"{user_login} could not log in")
    return session


def browse(base_url, session, pages, count=REQUESTS_PER_MEMBER, pause=0.0, rng=None):
    """Page times of one member; with `rng`, a reader: first click within the first `pause`
    seconds, then `pause` +/- 50 % between clicks."""
    timings = []
    if rng:
        time.sleep(rng.uniform(0, pause))
    for index in range(count):
        url = pages[index % len(pages)]
        started = time.perf_counter()
        response = session.get(f"{base_url}{url}", timeout=60)
        timings.append(time.perf_counter() - started)
        response.raise_for_status()
        time.sleep(rng.uniform(0.5 * pause, 1.5 * pause) if rng else pause)
    return timings


def run(open_env, contacts, report):
    with open_env() as env:
        dbname = env.cr.dbname
        logins = ensure_portal_users(env)
        pages = installed_pages(env)
    port = free_port()
    server = start_server(dbname, port)
    base_url = f"http://127.0.0.1:{port}"
    try:
        sessions = [login(base_url, user_login) for user_login in logins]
        for session in sessions:  # warm the workers' caches (assets, views, registry)
            browse(base_url, session, pages, len(pages))
        baseline, _elapsed = load(base_url, sessions, [BASELINE_PAGE])
        timings, elapsed = load(base_url, sessions, pages)
        browsing, _elapsed = load(base_url, sessions, pages, READING_PAUSE)
        baseline_browsing, _elapsed = load(base_url, sessions, [BASELINE_PAGE], READING_PAUSE)
    finally:
        server.terminate()
        server.wait(timeout=30)
    size = len(timings)
    members = len(sessions)
    report(
        f"portal pages p50, {members} members without pause", size, percentile(timings, 50), percentile(baseline, 50)
    )
    report(
        f"portal pages p95, {members} members without pause", size, percentile(timings, 95), percentile(baseline, 95)
    )
    report(f"odoo {BASELINE_PAGE} p95, same load (baseline)", size, percentile(baseline, 95))
    report(f"portal load without pause, all requests ({size / elapsed:.0f}/s)", size, elapsed)
    report(f"portal pages p50, {members} members reading {READING_PAUSE:g} s", size, percentile(browsing, 50))
    report(
        f"portal pages p95, {members} members reading {READING_PAUSE:g} s",
        size,
        percentile(browsing, 95),
        percentile(baseline_browsing, 95),
    )
    report(f"odoo {BASELINE_PAGE} p95, same reading load (baseline)", size, percentile(baseline_browsing, 95))


def load(base_url, sessions, pages, pause=0.0):
    """Every member browses `pages` at once: (sorted page times, elapsed seconds). Back to back
    (no pause), they all start together; readers (a pause) start and read as people do."""
    readers = [random.Random(index) if pause else None for index in range(len(sessions))]
    with ThreadPoolExecutor(max_workers=len(sessions)) as pool:
        started = time.perf_counter()
        results = pool.map(
            lambda session, rng: browse(base_url, session, pages, pause=pause, rng=rng), sessions, readers
        )
        timings = [t for result in results for t in result]
        return sorted(timings), time.perf_counter() - started


def percentile(sorted_values, rank):
    return sorted_values[max(0, round(rank / 100 * len(sorted_values)) - 1)]
