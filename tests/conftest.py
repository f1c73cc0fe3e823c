"""Suite-wide tests: they drive Odoo in subprocesses on databases of their own."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


class OdooRunner:
    def __init__(self, config):
        self.config = config

    def odoo(self, dbname, *args):
        proc = subprocess.run([sys.executable, "-m", "odoo", "-c", self.config, "-d", dbname, "--stop-after-init",
                               "--log-level=warn", "--without-demo=all", *args], capture_output=True, text=True)
        assert proc.returncode == 0, proc.stderr[-3000:]

    def python(self, dbname, code):
        """Run code with `env` (superuser, committed) on dbname; return its stdout."""
        header = (
            f"import sys; sys.path.insert(0, {str(ROOT / 'tools')!r})\n"
            f"import odoo_env\nodoo_env.init({self.config!r})\n"
            f"with odoo_env.environment({dbname!r}) as env:\n"
        )
        script = header + "".join(f"    {line}\n" for line in code.strip().splitlines())
        proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
        assert proc.returncode == 0, proc.stderr[-3000:]
        return proc.stdout

    def drop(self, dbname):
        subprocess.run([sys.executable, "-m", "odoo", "db", "-c", self.config, "drop", dbname],
                       capture_output=True, check=False)


@pytest.fixture(scope="session")
def odoo_runner():
    config = os.environ.get("ASSOC_ODOO_CONF")
    assert config, "run the suite through `make test` (tools/assocctl.py sets ASSOC_ODOO_CONF)"
    return OdooRunner(config)
