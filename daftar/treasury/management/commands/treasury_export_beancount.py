"""Write the journal of a period in Beancount format (check it with `bean-check`)."""

import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from daftar.treasury.beancount import journal_to_beancount


class Command(BaseCommand):
    help = "Export the treasury journal for a period to a Beancount file."

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="start", required=True, help="YYYY-MM-DD")
        parser.add_argument("--to", dest="end", required=True, help="YYYY-MM-DD (inclusive)")
        parser.add_argument("--out", required=True, help="path of the .beancount file")

    def handle(self, *args, **options):
        try:
            start = datetime.date.fromisoformat(options["start"])
            end = datetime.date.fromisoformat(options["end"])
        except ValueError as error:
            raise CommandError(f"dates are YYYY-MM-DD: {error}") from None
        if end < start:
            raise CommandError("--to is before --from")
        Path(options["out"]).write_text(
            journal_to_beancount(start=start, end=end), encoding="utf-8"
        )
        self.stdout.write(f"wrote {options['out']}; check it with: bean-check {options['out']}")
