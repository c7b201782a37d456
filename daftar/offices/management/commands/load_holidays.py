"""Load the official holidays of a Jalali year (or of every year with a file) from the calendar
team's files, `daftar/core/data/holidays/<year>.json`, into the database.

Idempotent: a second run changes nothing. Each year's changes are one audited transaction on the
`calendar` stream (actor `system:load_holidays`), and the deadlines of open files move with the
days added or removed (docs/administration/calendar.md).

    python manage.py load_holidays          # every year that has a file
    python manage.py load_holidays 1406     # one year
"""

from django.core.management.base import BaseCommand, CommandError

from daftar.core.actors import Actor
from daftar.core.datafiles import DataFileError
from daftar.core.errors import DaftarError
from daftar.core.official_calendar import official_years
from daftar.offices.services import holidays_load

COMMAND_ACTOR = Actor.system("load_holidays")


class Command(BaseCommand):
    help = "Load the official holidays of a Jalali year (default: every year with a file)."

    def add_arguments(self, parser):
        parser.add_argument("year", nargs="?", type=int, help="a Jalali year, e.g. 1406")

    def handle(self, *args, year: int | None = None, **options):
        years = [year] if year is not None else official_years()
        if year is not None and year not in official_years():
            known = ", ".join(str(y) for y in official_years()) or "none"
            raise CommandError(f"There is no official calendar file for {year} (files: {known}).")
        for each in years:
            try:
                result = holidays_load(actor=COMMAND_ACTOR, year=each)
            except (DataFileError, DaftarError) as error:
                message = error.render(language="en") if isinstance(error, DaftarError) else error
                raise CommandError(str(message)) from error
            self.stdout.write(
                f"{each}: {len(result.added)} added, {len(result.updated)} updated, "
                f"{len(result.removed)} removed; {result.changed} file deadline(s) moved."
            )
