#!/usr/bin/env python3
"""Bootstrap, demo, test and stop the Assoc suite (called by the Makefile).

Every step that cannot proceed prints one line saying what is missing and how to
fix it, then exits non-zero; running the command again resumes where it stopped.
"""

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import time
import urllib.request

from assoc_pg import ensure_postgres, stop_postgres
from assoc_shell import LOCAL, ROOT, Stop, run, say

VENV = LOCAL / "venv"
ODOO_CONF = LOCAL / "odoo.conf"
ODOO_LOG = LOCAL / "odoo.log"
ADDONS = ["assoc_contacts", "assoc_membership", "assoc_receipts", "assoc_cheques", "assoc_integrations"]
DEMO_DB = os.environ.get("ASSOC_DEMO_DB", "assoc_demo")
# The one place where the Odoo 18.0 source used when Odoo is not importable is pinned.
ODOO_ARCHIVE = os.environ.get(
    "ODOO_ARCHIVE", "https://nightly.odoo.com/18.0/nightly/src/odoo_18.0.20251101.tar.gz"
)
APT_PACKAGES = {"wkhtmltopdf": "wkhtmltopdf", "chromium": "chromium", "pdftotext": "poppler-utils"}


def venv_python():
    return str(VENV / "bin" / "python")


# --------------------------------------------------------------------- python
def ensure_venv():
    """A venv that sees the system site-packages, so an importable Odoo is reused."""
    if (VENV / "bin" / "python").exists():
        return
    say(f"creating the virtual environment {VENV.relative_to(ROOT)}")
    try:
        run([sys.executable, "-m", "venv", "--system-site-packages", str(VENV)], capture_output=True)
    except subprocess.CalledProcessError as exc:
        shutil.rmtree(VENV, ignore_errors=True)
        raise Stop("cannot create a virtualenv: install python3-venv (apt-get install python3-venv)") from exc


def ensure_requirements():
    stamp = LOCAL / "requirements.sha256"
    digest = hashlib.sha256((ROOT / "requirements.txt").read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == digest:
        return
    say("installing the Python requirements")
    proc = run([venv_python(), "-m", "pip", "install", "-q", "-r", str(ROOT / "requirements.txt")],
               check=False, capture_output=True, text=True)
    if proc.returncode:
        last = (proc.stderr.strip().splitlines() or ["unknown error"])[-1]
        raise Stop(f"pip could not install requirements.txt ({last}); check network access to PyPI")
    stamp.write_text(digest)


def odoo_version():
    proc = run([venv_python(), "-c", "import odoo.release as r; print(r.version)"],
               check=False, capture_output=True, text=True)
    return proc.stdout.strip() if proc.returncode == 0 else ""


def ensure_odoo():
    if odoo_version().startswith("18.0"):
        return
    say(f"Odoo 18.0 is not importable: installing it from {ODOO_ARCHIVE}")
    proc = run([venv_python(), "-m", "pip", "install", "-q", ODOO_ARCHIVE],
               check=False, capture_output=True, text=True)
    if proc.returncode or not odoo_version().startswith("18.0"):
        raise Stop("Odoo 18.0 is neither importable nor installable: install it "
                   "(pip install -e <odoo-18.0 source tree>) or set ODOO_ARCHIVE to a reachable 18.0 archive")


def odoo_addons_paths():
    """Odoo's own addons directories (packaged in odoo/addons, or beside the source tree)."""
    code = (
        "import os, odoo, odoo.addons\n"
        "root = os.path.dirname(os.path.dirname(odoo.__file__))\n"
        "cands = list(odoo.addons.__path__) + [os.path.join(root, 'addons')]\n"
        "print(','.join(p for p in dict.fromkeys(cands) if os.path.isdir(os.path.join(p, 'web'))"
        " or os.path.isdir(os.path.join(p, 'base'))))\n"
    )
    out = run([venv_python(), "-c", code], capture_output=True, text=True).stdout.strip()
    return [p for p in out.split(",") if p]


# --------------------------------------------------------------- system tools
def apt_install(packages):
    missing = [pkg for binary, pkg in APT_PACKAGES.items() if pkg in packages and not shutil.which(binary)]
    if not missing:
        return
    prefix = [] if os.geteuid() == 0 else (["sudo", "-n"] if shutil.which("sudo") else None)
    if prefix is None or not shutil.which("apt-get"):
        raise Stop(f"missing system packages {' '.join(missing)}: install them (apt-get install {' '.join(missing)})")
    say(f"installing {' '.join(missing)} (Debian packages)")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    proc = run(prefix + ["apt-get", "install", "-y", "-q", *missing], check=False, capture_output=True, env=env)
    if proc.returncode:
        run(prefix + ["apt-get", "update", "-q"], check=False, capture_output=True, env=env)
        proc = run(prefix + ["apt-get", "install", "-y", "-q", *missing], check=False, capture_output=True, env=env)
    if proc.returncode:
        raise Stop(f"could not install {' '.join(missing)}: run 'apt-get install {' '.join(missing)}' as root")


# ----------------------------------------------------------------------- odoo
def write_odoo_conf(db_options, http_port):
    """.local/odoo.conf = the project's odoo.conf + what this machine resolves."""
    addons_path = ",".join([str(ROOT / "addons")] + odoo_addons_paths())
    lines = [line.rstrip("\n") for line in (ROOT / "odoo.conf").read_text().splitlines()]
    lines += [f"addons_path = {addons_path}", f"data_dir = {LOCAL / 'filestore'}", f"http_port = {http_port}"]
    lines += [f"{key} = {value}" for key, value in db_options.items()]
    LOCAL.mkdir(exist_ok=True)
    ODOO_CONF.write_text("\n".join(lines) + "\n")


def odoo_cmd(*args):
    return [venv_python(), "-m", "odoo", "-c", str(ODOO_CONF), *args]


def bootstrap(for_tests=False):
    LOCAL.mkdir(exist_ok=True)
    ensure_venv()
    ensure_requirements()
    ensure_odoo()
    apt_install(["wkhtmltopdf", "poppler-utils"] + (["chromium"] if for_tests else []))
    db_options = ensure_postgres()
    write_odoo_conf(db_options, os.environ.get("ASSOC_HTTP_PORT", "8069"))


def psql(sql, db="postgres"):
    conf = dict(line.split(" = ", 1) for line in ODOO_CONF.read_text().splitlines() if " = " in line)
    env = dict(os.environ, PGHOST=conf["db_host"], PGPORT=conf["db_port"], PGUSER=conf["db_user"])
    if conf.get("db_password") not in (None, "False"):
        env["PGPASSWORD"] = conf["db_password"]
    return run(["psql", "-X", "-q", "-tA", "-d", db, "-c", sql], env=env, capture_output=True, text=True)


def db_exists(name):
    return psql(f"SELECT 1 FROM pg_database WHERE datname = '{name}'").stdout.strip() == "1"


def drop_db(name):
    psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def pidfile(name):
    return LOCAL / f"{name}.pid"


def running(name):
    try:
        os.kill(int(pidfile(name).read_text()), 0)
    except (FileNotFoundError, ProcessLookupError, ValueError):
        return False
    return True


def start_background(name, cmd):
    """Start cmd detached, logging to .local/<name>.log, unless it already runs."""
    if running(name):
        return
    say(f"starting {name}")
    with open(LOCAL / f"{name}.log", "ab") as log:
        proc = subprocess.Popen(cmd, stdout=log, stderr=log, start_new_session=True)
    pidfile(name).write_text(str(proc.pid))


def stop_background(name):
    if running(name):
        say(f"stopping {name}")
        os.killpg(int(pidfile(name).read_text()), 15)
        for _ in range(30):
            if not running(name):
                break
            time.sleep(0.5)
    pidfile(name).unlink(missing_ok=True)


def wait_http(port, timeout=120):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"http://localhost:{port}/web/login", timeout=5) as resp:
                if resp.status == 200:
                    return
        except OSError:
            time.sleep(1)
    raise Stop(f"Odoo did not answer on http://localhost:{port}/web/login: see {ODOO_LOG}")


def cmd_demo(args):
    bootstrap()
    fakes = ROOT / "tools" / "fakes" / "serve.py"
    if fakes.exists():
        fakes_state = LOCAL / f"fakes-{DEMO_DB}.pickle"
        if not db_exists(DEMO_DB):
            fakes_state.unlink(missing_ok=True)  # a new demo database starts with empty providers
        start_background("fakes", [venv_python(), str(fakes), "--state", str(fakes_state)])
    setup = run([venv_python(), str(ROOT / "tools" / "demo_setup.py"), "-c", str(ODOO_CONF), "-d", DEMO_DB,
                 "--contacts", str(args.contacts)], check=False)
    if setup.returncode:
        raise Stop(f"the demo database {DEMO_DB} could not be set up (see the lines above); run 'make demo' again")
    port = os.environ.get("ASSOC_HTTP_PORT", "8069")
    start_background("odoo", odoo_cmd("-d", DEMO_DB, "--db-filter", f"^{DEMO_DB}$"))
    wait_http(port)
    print(f"\nAssoc demo: http://localhost:{port}/web/login  (database {DEMO_DB})")
    print((ROOT / "tools" / "demo_logins.txt").read_text())


def cmd_stop(_args):
    stop_background("odoo")
    stop_background("fakes")
    stop_postgres()


def test_targets(selected):
    if selected:
        return selected
    targets = [str(ROOT / "addons" / addon / "tests") for addon in installable_addons()]
    return targets + [str(ROOT / "tests")]


def installable_addons():
    """The five addons plus the bridge addons found under addons/."""
    found = sorted(p.parent.name for p in (ROOT / "addons").glob("*/__manifest__.py"))
    return [name for name in ADDONS if name in found] + [n for n in found if n not in ADDONS]


def cmd_test(args):
    os.environ.setdefault("ASSOC_HTTP_PORT", "8069")
    bootstrap(for_tests=True)
    db = args.database or f"assoc_test_{os.getpid()}"
    modules = args.modules or ",".join(installable_addons() + ["l10n_fr_account"])
    if args.keep and db_exists(db):
        say(f"updating {modules} in {db}")
        action = "-u"
    else:
        drop_db(db)
        say(f"installing {modules} in the throwaway database {db}")
        action = "-i"
    install = run(odoo_cmd("-d", db, action, modules, "--without-demo=all", "--stop-after-init",
                           "--log-level=warn"), check=False)
    if install.returncode:
        if not args.keep:
            drop_db(db)
        raise Stop(f"the addons did not install in {db}: see the log above")
    say("running the tests")
    pytest = [venv_python(), "-m", "pytest", f"--odoo-config={ODOO_CONF}", f"--odoo-database={db}",
              "--odoo-http", "-p", "no:cacheprovider", *args.pytest_args, *test_targets(args.paths)]
    env = dict(os.environ, ASSOC_ODOO_CONF=str(ODOO_CONF), ASSOC_TEST_DB=db)
    result = run(pytest, check=False, cwd=ROOT, env=env)
    if not args.keep:
        drop_db(db)
    return result.returncode


def cmd_bench(args):
    bootstrap()
    bench = [venv_python(), str(ROOT / "tools" / "bench.py"), "-c", str(ODOO_CONF),
             "--contacts", str(args.contacts), *args.bench_args]
    return run(bench, check=False).returncode


def cmd_bootstrap(args):
    bootstrap(for_tests=args.tests)
    print(ODOO_CONF)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    demo = sub.add_parser("demo")
    demo.add_argument("--contacts", type=int, default=int(os.environ.get("ASSOC_DEMO_CONTACTS", "2000")))
    sub.add_parser("stop")
    boot = sub.add_parser("bootstrap")
    boot.add_argument("--tests", action="store_true")
    test = sub.add_parser("test")
    test.add_argument("--database", help="reuse this database name (with --keep: install only once)")
    test.add_argument("--keep", action="store_true",
                      help="keep the test database afterwards, and reuse it (updating the modules) next time")
    test.add_argument("--modules", help="comma-separated modules to install (default: all addons + l10n_fr_account)")
    test.add_argument("paths", nargs="*", help="test files or folders (default: every addon and tests/)")
    test.add_argument("--pytest-args", nargs=argparse.REMAINDER, default=[])
    bench = sub.add_parser("bench")
    bench.add_argument("--contacts", type=int, default=2000)
    bench.add_argument("bench_args", nargs=argparse.REMAINDER, help="more tools/bench.py options")
    args = parser.parse_args()
    try:
        code = {"demo": cmd_demo, "stop": cmd_stop, "test": cmd_test, "bench": cmd_bench,
                "bootstrap": cmd_bootstrap}[args.command](args)
    except Stop as exc:
        print(f"assoc: ERROR: {exc}", file=sys.stderr)
        return 1
    return code or 0


if __name__ == "__main__":
    sys.exit(main())
