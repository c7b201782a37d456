#!/usr/bin/env python
"""Set Persian translations from a small JSON/py mapping and clear their fuzzy flags.

    .venv/bin/python scripts/po_set.py mapping.json
The mapping is {"English msgid": "Persian msgstr"}. Entries not in the catalogue are reported.
"""

import json
import sys
from pathlib import Path

import polib

PO = Path(__file__).resolve().parent.parent / "locale" / "fa" / "LC_MESSAGES" / "django.po"


def main() -> int:
    mapping = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    catalogue = polib.pofile(str(PO), wrapwidth=79)
    by_id = {entry.msgid: entry for entry in catalogue}
    missing = [msgid for msgid in mapping if msgid not in by_id]
    for msgid, msgstr in mapping.items():
        if msgid in by_id:
            by_id[msgid].msgstr = msgstr
            if "fuzzy" in by_id[msgid].flags:
                by_id[msgid].flags.remove("fuzzy")
            by_id[msgid].previous_msgid = None
    catalogue.save(str(PO))
    catalogue.save_as_mofile(str(PO.with_suffix(".mo")))
    for msgid in missing:
        print(f"not in catalogue: {msgid!r}")
    left = [e.msgid for e in catalogue if not e.translated() or "fuzzy" in e.flags]
    for msgid in left:
        print(f"still untranslated: {msgid!r}")
    return 1 if missing or left else 0


if __name__ == "__main__":
    sys.exit(main())
