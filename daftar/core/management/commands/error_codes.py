"""Write docs/error-codes.md from the error-code enums (or, with --check, fail when stale)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from daftar.core.error_table import TABLE_PATH, render_table, write_table


class Command(BaseCommand):
    help = "Write docs/error-codes.md, the table of every API error code, from the enums."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--check", action="store_true", help="fail if the committed table is stale"
        )

    def handle(self, *args, check: bool = False, **options) -> None:
        if check:
            current = TABLE_PATH.read_text(encoding="utf-8") if TABLE_PATH.exists() else ""
            if current != render_table():
                raise CommandError(f"{TABLE_PATH} is stale: run `manage.py error_codes`")
            return
        write_table()
        self.stdout.write(f"wrote {TABLE_PATH}")
