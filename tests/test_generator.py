"""The demo-data generator: French contacts over every département, planted duplicates,
reproducible with a fixed seed, resumable, and extended by each installed addon."""

import os
import subprocess
import sys

import pytest

from .conftest import ROOT

COUNTS = """
env.cr.execute("SELECT count(*) FROM res_partner WHERE ref LIKE 'GEN-%'")
print('contacts', env.cr.fetchone()[0])
env.cr.execute("SELECT count(DISTINCT left(zip, 2)) FROM res_partner WHERE ref LIKE 'GEN-%'")
print('zip_prefixes', env.cr.fetchone()[0])
env.cr.execute("SELECT count(*) FROM res_partner WHERE ref LIKE 'GEN-%' AND (zip LIKE '200%' OR zip LIKE '201%')")
print('corse_du_sud', env.cr.fetchone()[0])
env.cr.execute("SELECT count(*) FROM res_partner WHERE ref LIKE 'GEN-%' AND (zip LIKE '202%' OR zip LIKE '206%')")
print('haute_corse', env.cr.fetchone()[0])
env.cr.execute("SELECT count(*) FROM res_partner WHERE ref LIKE 'GEN-%' AND left(zip, 3) "
               "IN ('971', '972', '973', '974', '976')")
print('overseas', env.cr.fetchone()[0])
env.cr.execute('''SELECT count(*) FROM (SELECT lower(trim(email)) FROM res_partner
                  WHERE ref LIKE 'GEN-%' AND email IS NOT NULL GROUP BY 1 HAVING count(*) > 1) d''')
print('same_email', env.cr.fetchone()[0])
env.cr.execute('''SELECT count(*) FROM res_partner a JOIN res_partner b ON a.id < b.id AND a.street = b.street
                  AND a.zip = b.zip WHERE a.ref LIKE 'GEN-%' AND b.ref LIKE 'GEN-%' ''')
print('same_address', env.cr.fetchone()[0])
env.cr.execute("SELECT count(*) FROM res_partner WHERE ref LIKE 'GEN-%' AND is_company")
print('organisations', env.cr.fetchone()[0])
env.cr.execute("SELECT count(*) FROM assoc_interaction WHERE source = 'generator'")
print('interactions', env.cr.fetchone()[0])
env.cr.execute("SELECT count(*) FROM res_partner WHERE ref LIKE 'GEN-%' AND (department_id IS NULL "
               "OR assoc_lastname_key IS NULL OR (email IS NOT NULL AND "
               "(email_normalized IS NULL OR assoc_email_key IS NULL)))")
print('incomplete', env.cr.fetchone()[0])
env.cr.execute("SELECT count(*) FROM res_partner p LEFT JOIN (SELECT partner_id, count(*) AS total, "
               "max(date) AS last FROM assoc_interaction GROUP BY partner_id) s ON s.partner_id = p.id "
               "WHERE p.ref LIKE 'GEN-%' AND (p.assoc_interaction_count <> coalesce(s.total, 0) "
               "OR p.assoc_last_interaction_date IS DISTINCT FROM s.last)")
print('wrong_stats', env.cr.fetchone()[0])
env.cr.execute("SELECT count(*) FROM assoc_partner_territory_rel r JOIN res_partner p ON p.id = r.partner_id "
               "WHERE p.ref LIKE 'GEN-%'")
print('territory_links', env.cr.fetchone()[0])
env.cr.execute("SELECT count(*) FROM assoc_duplicate WHERE criterion = 'email'")
print('email_pairs', env.cr.fetchone()[0])
env.cr.execute("SELECT md5(string_agg(name || coalesce(email, '') || zip, ',' ORDER BY ref)) "
               "FROM res_partner WHERE ref LIKE 'GEN-%'")
print('digest', env.cr.fetchone()[0])
"""


def generate(runner, dbname, contacts):
    proc = subprocess.run([sys.executable, str(ROOT / "tools" / "generate.py"), "-c", runner.config, "-d", dbname,
                           "--contacts", str(contacts)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return proc.stdout


def counts(runner, dbname):
    return dict(line.split() for line in runner.python(dbname, COUNTS).strip().splitlines())


@pytest.fixture(scope="module")
def generated_db(odoo_runner):
    dbname = f"assoc_gen_{os.getpid()}"
    odoo_runner.drop(dbname)
    odoo_runner.odoo(dbname, "-i", "assoc_contacts")
    yield dbname
    odoo_runner.drop(dbname)


def test_generator_is_realistic_reproducible_and_resumable(odoo_runner, generated_db):
    generate(odoo_runner, generated_db, 1500)
    first = counts(odoo_runner, generated_db)
    assert int(first["contacts"]) == 1500
    assert int(first["zip_prefixes"]) >= 80
    assert int(first["corse_du_sud"]) > 0 and int(first["haute_corse"]) > 0
    assert int(first["overseas"]) > 0
    assert int(first["same_email"]) > 0
    assert int(first["same_address"]) > 0
    assert int(first["organisations"]) > 0
    assert int(first["interactions"]) > 1500
    # Every stored value the addons compute is written with the contact, as the ORM would have.
    assert first["incomplete"] == "0" and first["wrong_stats"] == "0"
    assert int(first["territory_links"]) > 1.9 * 1500  # département and région (overseas collectivities: none)
    assert int(first["email_pairs"]) > 0

    # A second run at the same scale creates nothing.
    assert "generated contacts: 0 records" in generate(odoo_runner, generated_db, 1500)
    assert counts(odoo_runner, generated_db) == first

    # Same seed, same data, resumed after a crash: drop the later contacts and generate again.
    odoo_runner.python(generated_db, "env.cr.execute(\"DELETE FROM res_partner WHERE ref >= 'GEN-0000700'\")")
    assert int(counts(odoo_runner, generated_db)["contacts"]) == 700
    generate(odoo_runner, generated_db, 1500)
    assert counts(odoo_runner, generated_db)["digest"] == first["digest"]
