#!/usr/bin/env python
"""Fail when the Persian catalogue is missing a message, has a fuzzy one, or is not compiled.

Extracts messages afresh with `makemessages` (GNU gettext), checks the result, then puts
the committed .po back so running this locally changes nothing.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

import django
import polib

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "locale" / "fa" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")


def main() -> int:
    sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    django.setup()
    from django.core.management import call_command

    if not PO.exists():
        print(f"missing {PO.relative_to(ROOT)}")
        return 1
    backup = Path(tempfile.mkdtemp()) / "django.po"
    shutil.copy2(PO, backup)
    try:
        call_command(
            "makemessages",
            locale=["fa"],
            no_obsolete=True,
            verbosity=0,
            ignore_patterns=[".venv/*", "var/*", "bench/*", "node_modules/*"],
        )
        fresh = polib.pofile(str(PO))
    finally:
        shutil.copy2(backup, PO)

    committed = polib.pofile(str(PO))
    committed_ids = {(e.msgctxt, e.msgid) for e in committed if not e.obsolete}
    problems: list[str] = []
    for entry in fresh:
        if (entry.msgctxt, entry.msgid) not in committed_ids:
            problems.append(f"not in the catalogue (run makemessages): {entry.msgid!r}")
    for entry in committed:
        if entry.obsolete:
            continue
        if "fuzzy" in entry.flags:
            problems.append(f"fuzzy: {entry.msgid!r}")
        elif not entry.translated():
            problems.append(f"untranslated: {entry.msgid!r}")

    if not MO.exists():
        problems.append("the catalogue is not compiled (run compilemessages)")
    else:
        compiled = {
            (e.msgctxt, e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items())))
            for e in polib.mofile(str(MO))
        }
        expected = {
            (e.msgctxt, e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items())))
            for e in committed
            if e.translated() and "fuzzy" not in e.flags
        }
        if compiled != expected:
            problems.append("django.mo is older than django.po (run compilemessages)")

    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} translation problem(s)")
        return 1
    print(f"Persian catalogue complete: {len(committed)} messages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
