"""Build the transparency portal's daily aggregates now (the nightly job does it every night):
the days whose sources changed since the last build, every day with --all, or chosen days."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from daftar.core.actors import Actor
from daftar.transparency.selectors.public import warm_default_pages
from daftar.transparency.services.aggregates import aggregates_build


class Command(BaseCommand):
    help = "Rebuild the portal's daily aggregates for the days that changed (or every day)."

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group()
        which.add_argument("--all", action="store_true", help="rebuild every day")
        which.add_argument(
            "--day", action="append", default=[], help="rebuild this day (YYYY-MM-DD, Gregorian)"
        )

    def handle(self, *args, **options):
        days = None
        if options["day"]:
            try:
                days = [datetime.date.fromisoformat(text) for text in options["day"]]
            except ValueError as error:
                raise CommandError(f"not a day: {error}") from error
        run = aggregates_build(actor=Actor.system("aggregates"), days=days, full=options["all"])
        first, last = (run.days[0], run.days[-1]) if run.days else ("-", "-")
        self.stdout.write(
            f"{run.get_mode_display()}: {run.day_count} days rebuilt ({first} … {last}), "
            f"{run.rows_written} rows written"
        )
        self.stdout.write(f"portal cache warmed: {warm_default_pages()} figures")
