#!/usr/bin/env python3
"""Check that every XML file under the given folders is well-formed."""

import sys
from pathlib import Path

from lxml import etree


def main(folders):
    bad = 0
    for folder in folders:
        for path in sorted(Path(folder).rglob("*.xml")):
            try:
                etree.parse(str(path))
            except etree.XMLSyntaxError as exc:
                bad += 1
                print(f"{path}: {exc}")
    print(f"xml: {bad} malformed file(s)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["addons"]))
