"""Duplicates: the set-based scans over the whole base and the automatic email check that
runs when contacts are created (targets on 200,000 contacts: email scan < 10 s, name,
swapped-name and address scans < 60 s, check < 5 ms per created contact)."""

import contextlib
import time

ORDER = 30
REQUIRES = "assoc_contacts"
SCANS = [("email", "email"), ("name", "fullname"), ("swapped name", "swapped"), ("address", "address"),
         ("phone", "phone"), ("last name + postal code", "lastname")]
CREATED = 200
KNOWN_SHARE = 0.05  # imported rows with a known email update that contact: few creations match


class Rollback(Exception):
    """Raised to undo what a bench changed."""


@contextlib.contextmanager
def rolled_back(env):
    try:
        with env.cr.savepoint():
            yield
            raise Rollback
    except Rollback:
        env.invalidate_all()


def scan_figures(env, contacts, report):
    Duplicate = env["assoc.duplicate"]
    for label, criterion in SCANS:
        with rolled_back(env):
            env.cr.execute("DELETE FROM assoc_duplicate WHERE state = 'pending'")
            started = time.perf_counter()
            pairs = Duplicate._scan(criterion)
            report(f"duplicates: {label} scan ({pairs} pairs)", contacts, time.perf_counter() - started)


def new_contacts(env):
    """A few of them reuse a known email written differently (a true duplicate to record)."""
    env.cr.execute("SELECT email FROM res_partner WHERE email IS NOT NULL ORDER BY id LIMIT %s",
                   [int(CREATED * KNOWN_SHARE)])
    known = [f"  {row[0].upper()} " for row in env.cr.fetchall()]
    return [
        {"firstname": f"Camille{index}", "lastname": "Bench", "zip": "69002", "city": "Lyon",
         "email": known[index] if index < len(known) else f"camille.bench{index}@exemple.fr"}
        for index in range(CREATED)
    ]


def create_cost(env, check):
    Partner = env["res.partner"].with_context(assoc_skip_duplicate_check=not check)
    vals_list = new_contacts(env)
    with rolled_back(env):
        started = time.perf_counter()
        for vals in vals_list:
            Partner.create(vals)
        env.flush_all()
        return time.perf_counter() - started


def run(open_env, contacts, report):
    with open_env() as env:
        scan_figures(env, contacts, report)
        with_check = create_cost(env, check=True)
        without_check = create_cost(env, check=False)
        report(f"duplicates: create one contact with email check (x{CREATED})", contacts, with_check / CREATED,
               baseline=without_check / CREATED)
        report("duplicates: automatic email check per created contact", contacts,
               max(with_check - without_check, 0) / CREATED)
