"""What every bootstrap module shares: the project's paths, one-line stops and commands."""

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCAL = ROOT / ".local"


class Stop(Exception):
    """A bootstrap step cannot proceed; the message says what to do."""


def say(msg):
    print(f"assoc: {msg}", flush=True)


def run(cmd, check=True, **kw):
    return subprocess.run(cmd, check=check, **kw)
