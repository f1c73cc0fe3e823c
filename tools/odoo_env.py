"""Open an Odoo environment on a database from a plain script (generator, bench, demo)."""

import contextlib
import os

import odoo
from odoo import api
from odoo.modules.registry import Registry


def init(config_file):
    """Load the configuration once per process (Odoo cannot parse it twice)."""
    if odoo.tools.config.rcfile != os.path.abspath(config_file):
        odoo.tools.config.parse_config(["-c", os.path.abspath(config_file), "--log-level=warn"])


@contextlib.contextmanager
def environment(dbname, context=None):
    """A superuser environment whose transaction is committed on success."""
    registry = Registry(dbname).check_signaling()
    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, dict(context or {}, tracking_disable=True))
        yield env
        env.flush_all()  # pending ORM writes, before the cursor commits


def settle(dbname, dead_rows=1000):
    """Vacuum and analyze the tables holding dead rows (left by a module update or a rolled back
    bench), so that a timing measures the code, not autovacuum racing it on 2 cores."""
    with contextlib.closing(odoo.sql_db.db_connect(dbname).cursor()) as cr:
        cr._cnx.autocommit = True
        cr.execute(
            "SELECT relname FROM pg_stat_user_tables WHERE n_dead_tup > %s ORDER BY relname", [dead_rows]
        )
        for (table,) in cr.fetchall():
            cr.execute(f'VACUUM (ANALYZE) "{table}"')
