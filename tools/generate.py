#!/usr/bin/env python3
"""Fill an Assoc database with realistic French data at a chosen scale, reproducibly.

    tools/generate.py -c .local/odoo.conf -d DB --contacts 2000 [--seed 42]

Each module of tools/gen/ contributes one step (contacts first, then memberships,
donations, cheques...). A step runs only when its addon is installed, and a step
already done at that scale is skipped, so the command resumes after a crash.
"""

import argparse
import importlib
import pkgutil
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import gen  # noqa: E402
import odoo_env  # noqa: E402


def steps():
    modules = [importlib.import_module(f"gen.{info.name}") for info in pkgutil.iter_modules(gen.__path__)]
    return sorted((m for m in modules if hasattr(m, "generate")), key=lambda m: m.ORDER)


def installed(env, addon):
    return bool(env["ir.module.module"].search_count([("name", "=", addon), ("state", "=", "installed")]))


def run(config, dbname, contacts, seed=42, log=print):
    """Run every step; return {step name: (records created, seconds)}."""
    odoo_env.init(config)
    figures = {}
    for step in steps():
        with odoo_env.environment(dbname) as env:
            if not installed(env, step.REQUIRES):
                continue
            rng = random.Random(f"{seed}-{step.__name__}")
            started = time.perf_counter()
            created = step.generate(env, rng, contacts, log)
            figures[step.__name__.split(".")[-1]] = (created, time.perf_counter() - started)
            env.cr.commit()
    return figures


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--contacts", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    for name, (created, seconds) in run(args.config, args.database, args.contacts, args.seed).items():
        print(f"generated {name}: {created} records in {seconds:.1f} s")


if __name__ == "__main__":
    main()
