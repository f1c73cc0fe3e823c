#!/usr/bin/env python3
"""Refresh an addon's i18n/fr.po from the code and views, keeping existing translations.

    tools/i18n.py -c .local/odoo.conf -d DB assoc_contacts [assoc_membership ...]

The addons must be installed in DB. French is loaded if needed, then Odoo's own
exporter writes i18n/fr.po; the untranslated entries (empty msgstr) are listed so
that a person (or you) translates them.
"""

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def odoo(config, dbname, *args):
    subprocess.run([sys.executable, "-m", "odoo", "-c", config, "-d", dbname, "--stop-after-init",
                    "--log-level=warn", *args], check=True)


def untranslated(po_file):
    import polib

    return [entry.msgid for entry in polib.pofile(str(po_file)) if not entry.msgstr and entry.msgid]


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("modules", nargs="+")
    args = parser.parse_args()
    odoo(args.config, args.database, "--load-language=fr_FR", "--i18n-overwrite", "-u", ",".join(args.modules))
    for module in args.modules:
        po_file = ROOT / "addons" / module / "i18n" / "fr.po"
        # Odoo reads the code (Python) translations from the po file it exports to: writing
        # into that file directly would truncate it first and lose them.
        with tempfile.TemporaryDirectory() as folder:
            exported = Path(folder) / "fr.po"
            odoo(args.config, args.database, f"--i18n-export={exported}", f"--modules={module}", "--language=fr_FR")
            shutil.copyfile(exported, po_file)
        missing = untranslated(po_file)
        print(f"{module}: {len(missing)} untranslated entries in {po_file.relative_to(ROOT)}")
        for msgid in missing:
            print(f"  - {msgid[:100]!r}")


if __name__ == "__main__":
    main()
