#!/usr/bin/env python3
"""Benchmarks: one line per figure (name, size, seconds, ratio to a baseline).

    tools/bench.py -c .local/odoo.conf --contacts 2000 [--only NAME,NAME] [--fresh]

The database assoc_bench_<contacts> is generated once (install + generator, both
timed) and reused afterwards. Each module of tools/benches/ adds its figures.
"""

import argparse
import importlib
import json
import pkgutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import benches  # noqa: E402
import demo_setup  # noqa: E402
import generate  # noqa: E402
import odoo_env  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
ADDONS = "assoc_contacts,assoc_membership,assoc_receipts,assoc_cheques,assoc_integrations,l10n_fr_account"


def report(name, size, seconds, baseline=None):
    ratio = f"  ratio={seconds / baseline:.2f}" if baseline else ""
    print(f"bench {name:<40} size={size:<8} seconds={seconds:.3f}{ratio}", flush=True)


def build_database(config, dbname, contacts, fresh):
    """Install the addons and run the generator once; remember both timings. A database built
    with older addons is updated, and the generator completes what new steps add."""
    cache = ROOT / ".local" / f"{dbname}.json"
    if cache.exists() and not fresh:
        built = json.loads(cache.read_text())
        if built.get("digest") != demo_setup.addons_digest():
            update_database(config, dbname, contacts, built)
            cache.write_text(json.dumps(built))
        return built
    subprocess.run([sys.executable, "-m", "odoo", "-c", config, "-d", dbname, "--stop-after-init",
                    "--log-level=warn", "-i", "base"], check=True, capture_output=True)
    subprocess.run([sys.executable, str(ROOT / "tools" / "demo_setup.py"), "-c", config, "-d", dbname,
                    "--company-only"], check=True)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "odoo", "-c", config, "-d", dbname, "--stop-after-init",
                    "--log-level=warn", "-i", ADDONS], check=True)
    install_seconds = time.perf_counter() - started
    odoo_env.init(config)
    with odoo_env.environment(dbname) as env:
        demo_setup.setup_chart(env)
    figures = generate.run(config, dbname, contacts, log=lambda *a: None)
    result = {"install": install_seconds, "generate": figures, "digest": demo_setup.addons_digest()}
    cache.write_text(json.dumps(result))
    return result


def update_database(config, dbname, contacts, built):
    print(f"bench: the addons changed since {dbname} was built: updating it", flush=True)
    subprocess.run([sys.executable, "-m", "odoo", "-c", config, "-d", dbname, "--stop-after-init",
                    "--log-level=warn", "-u", ADDONS], check=True)
    figures = generate.run(config, dbname, contacts, log=lambda *a: None)
    built["generate"].update({step: figure for step, figure in figures.items() if figure[0]})
    built["digest"] = demo_setup.addons_digest()


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("--contacts", type=int, default=2000)
    parser.add_argument("--only", help="bench groups to run (names of tools/benches/*.py), e.g. contacts,access")
    parser.add_argument("--fresh", action="store_true", help="drop and regenerate the bench database")
    args = parser.parse_args()
    dbname = f"assoc_bench_{args.contacts}"
    if args.fresh:
        subprocess.run([sys.executable, "-m", "odoo", "db", "-c", args.config, "drop", dbname],
                       check=False, capture_output=True)
    built = build_database(args.config, dbname, args.contacts, args.fresh)
    report("install five addons", 5, built["install"])
    for step, (created, seconds) in built["generate"].items():
        report(f"generate {step} ({created / max(seconds, 1e-9):.0f}/s)", created, seconds)
    odoo_env.init(args.config)
    modules = [importlib.import_module(f"benches.{i.name}") for i in pkgutil.iter_modules(benches.__path__)]
    for module in sorted(modules, key=lambda m: m.ORDER):
        if args.only and module.__name__.rsplit(".", 1)[-1] not in args.only.split(","):
            continue
        with odoo_env.environment(dbname) as env:
            if not generate.installed(env, module.REQUIRES):
                continue
        odoo_env.settle(dbname)
        module.run(lambda: odoo_env.environment(dbname), args.contacts, report)


if __name__ == "__main__":
    main()
