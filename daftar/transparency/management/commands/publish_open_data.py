"""Publish the open data now (the nightly job does it every night): every dataset in CSV and
JSON with the data up to yesterday, or up to a chosen day that has ended."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from daftar.core.actors import Actor
from daftar.core.errors import DaftarError
from daftar.transparency.services.opendata import opendata_publish


class Command(BaseCommand):
    help = "Publish the open datasets (data up to yesterday, or up to --day) and their SHA-256s."

    def add_arguments(self, parser):
        parser.add_argument("--day", help="the data's last day (YYYY-MM-DD, Gregorian)")

    def handle(self, *args, **options):
        day = None
        if options["day"]:
            try:
                day = datetime.date.fromisoformat(options["day"])
            except ValueError as error:
                raise CommandError(f"not a day: {error}") from error
        try:
            publications = opendata_publish(actor=Actor.system("open-data"), on=day)
        except DaftarError as error:
            raise CommandError(error.render("en")) from error
        for publication in publications:
            self.stdout.write(f"{publication.sha256}  {publication.path}")
