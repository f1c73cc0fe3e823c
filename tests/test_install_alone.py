"""Each addon installs alone on top of its own dependencies and uninstalls cleanly."""

import os

import pytest

ADDON_CHAINS = [
    # (label, addons installed then uninstalled one after the other in one database)
    ("contacts", ["assoc_contacts"]),
    ("money", ["assoc_cheques", "assoc_membership", "assoc_receipts", "assoc_integrations"]),
]

INSTALLED_ASSOC = """
modules = env['ir.module.module'].search([('name', '=like', 'assoc_%'), ('state', '=', 'installed')])
print(','.join(modules.mapped('name')))
"""

# Tables of the models the addon defines: it also owns xml ids of the models it extends, which
# other modules own too (assoc_integrations extends assoc.donation of assoc_receipts).
TABLES_OF = """
addon = %r
data = env['ir.model.data'].search([('module', '=', addon), ('model', '=', 'ir.model')])
shared = env['ir.model.data'].search(
    [('module', '!=', addon), ('model', '=', 'ir.model'), ('res_id', 'in', data.mapped('res_id'))]
)
models = env['ir.model'].browse(set(data.mapped('res_id')) - set(shared.mapped('res_id')))
models = models.filtered(lambda m: m.model.startswith('assoc.'))
print(','.join(env[m.model]._table for m in models if not env[m.model]._abstract))
"""

UNINSTALL = """
env['ir.module.module'].search([('name', 'in', %r)]).button_immediate_uninstall()
"""

LEFTOVERS = """
env.cr.execute("SELECT count(*) FROM ir_model_data WHERE module = %%s", [%r])
print('xmlids', env.cr.fetchone()[0])
env.cr.execute("SELECT count(*) FROM pg_tables WHERE tablename = ANY(%%s)", [%r])
print('tables', env.cr.fetchone()[0])
print('state', env['ir.module.module'].search([('name', '=', %r)]).state)
"""


def installed_assoc(runner, dbname):
    return [name for name in runner.python(dbname, INSTALLED_ASSOC).strip().split(",") if name]


@pytest.mark.parametrize(("label", "addons"), ADDON_CHAINS)
def test_install_alone_then_uninstall(odoo_runner, label, addons):
    dbname = f"assoc_alone_{label}_{os.getpid()}"
    odoo_runner.drop(dbname)
    try:
        odoo_runner.odoo(dbname, "-i", "base")
        for addon in addons:
            assert installed_assoc(odoo_runner, dbname) == []
            odoo_runner.odoo(dbname, "-i", addon)
            assert addon in installed_assoc(odoo_runner, dbname)
            tables = [t for t in odoo_runner.python(dbname, TABLES_OF % addon).strip().split(",") if t]
            assert tables, addon
            odoo_runner.python(dbname, UNINSTALL % [addon])
            out = odoo_runner.python(dbname, LEFTOVERS % (addon, tables, addon))
            assert out.split() == ["xmlids", "0", "tables", "0", "state", "uninstalled"], (addon, out)
            odoo_runner.python(dbname, UNINSTALL % installed_assoc(odoo_runner, dbname))
    finally:
        odoo_runner.drop(dbname)
