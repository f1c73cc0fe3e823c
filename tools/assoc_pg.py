"""The private PostgreSQL cluster under .local/pg (or the server PGHOST names)."""

import hashlib
import os
import shutil
from pathlib import Path

from assoc_shell import LOCAL, ROOT, Stop, run, say

PG_SUPERUSER = "odoo"


def pg_bin(name):
    found = shutil.which(name)
    if found:
        return found
    for version in ("17", "16", "15", "14", "13"):
        cand = Path(f"/usr/lib/postgresql/{version}/bin/{name}")
        if cand.exists():
            return str(cand)
    raise Stop(f"PostgreSQL server binaries ({name}) not found: apt-get install postgresql")


def pg_owner():
    """initdb and postgres refuse to run as root: root runs them as a system user."""
    if os.geteuid() != 0:
        return None
    for user in ("postgres", "assocpg"):
        if run(["id", "-u", user], check=False, capture_output=True).returncode == 0:
            return user
    run(["useradd", "--system", "--no-create-home", "assocpg"], capture_output=True)
    return "assocpg"


def as_owner(cmd, owner):
    return (["runuser", "-u", owner, "--"] + cmd) if owner else cmd


def pg_paths(owner):
    """The cluster lives under .local/pg; when root's checkout is not reachable by the
    system user, .local/pg is a link to a private directory that it can reach."""
    base = LOCAL / "pg"
    if owner and not base.exists():
        probe = run(as_owner(["test", "-x", str(ROOT)], owner), check=False).returncode
        if probe:
            key = hashlib.sha1(str(ROOT).encode()).hexdigest()[:10]
            target = Path(f"/var/lib/assoc-pg/{key}")
            target.mkdir(parents=True, exist_ok=True)
            LOCAL.mkdir(exist_ok=True)
            base.symlink_to(target)
    base.mkdir(parents=True, exist_ok=True)
    real = base.resolve()
    if len(str(real / "run" / ".s.PGSQL.5432")) > 100:
        raise Stop(f"the path {real} is too long for a PostgreSQL socket: clone the project in a shorter path")
    return real / "data", real / "run"


def pg_running(data, owner):
    status = as_owner([pg_bin("pg_ctl"), "status", "-D", str(data)], owner)
    return run(status, check=False, capture_output=True).returncode == 0


def ensure_postgres():
    """Return the db_* options for Odoo: PGHOST's server, or the private cluster."""
    if os.environ.get("PGHOST"):
        return {
            "db_host": os.environ["PGHOST"],
            "db_port": os.environ.get("PGPORT", "5432"),
            "db_user": os.environ.get("PGUSER", os.environ.get("USER", "odoo")),
            "db_password": os.environ.get("PGPASSWORD", "False"),
        }
    owner = pg_owner()
    data, sock = pg_paths(owner)
    if owner:
        run(["chown", "-R", f"{owner}:", str(data.parent)])
    if not (data / "PG_VERSION").exists():
        say(f"creating the PostgreSQL cluster in {LOCAL.name}/pg")
        shutil.rmtree(data, ignore_errors=True)
        if owner:
            run(["install", "-d", "-o", owner, str(data)])
        proc = run(as_owner([pg_bin("initdb"), "-D", str(data), "-U", PG_SUPERUSER, "-A", "trust",
                             "-E", "UTF8", "--locale=C"], owner), check=False, capture_output=True, text=True)
        if proc.returncode:
            raise Stop(f"initdb failed: {(proc.stderr.strip().splitlines() or ['?'])[-1]}")
    if not pg_running(data, owner):
        sock.mkdir(parents=True, exist_ok=True)
        if owner:
            run(["chown", f"{owner}:", str(sock)])
        say("starting PostgreSQL")
        opts = (f"-c listen_addresses='' -c unix_socket_directories='{sock}' -c fsync=off -c jit=off "
                "-c max_connections=200")
        proc = run(as_owner([pg_bin("pg_ctl"), "start", "-w", "-D", str(data), "-l",
                             str(data.parent / "postgres.log"), "-o", opts], owner),
                   check=False, capture_output=True, text=True)
        if proc.returncode:
            raise Stop(f"PostgreSQL did not start: see {data.parent / 'postgres.log'}")
    return {"db_host": str(sock), "db_port": "5432", "db_user": PG_SUPERUSER, "db_password": "False"}


def stop_postgres():
    if os.environ.get("PGHOST") or not (LOCAL / "pg").exists():
        return
    data, owner = (LOCAL / "pg").resolve() / "data", pg_owner()
    if (data / "PG_VERSION").exists() and pg_running(data, owner):
        say("stopping PostgreSQL")
        run(as_owner([pg_bin("pg_ctl"), "stop", "-m", "fast", "-D", str(data)], owner), capture_output=True)
