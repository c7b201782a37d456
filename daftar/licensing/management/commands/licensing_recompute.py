"""Recompute a published ranking from its results file alone — no database — and say whether
it is reproduced exactly (exit code 0) or list the differences (exit code 1)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from daftar.licensing import ranking


class Command(BaseCommand):
    help = "Recompute a published licensing ranking from its JSON file and compare."
    requires_system_checks: list = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument("path", help="the published results file (JSON)")

    def handle(self, *args, path: str, **options):
        try:
            document = ranking.loads(Path(path).read_bytes())
            differences = ranking.verify(document)
        except OSError as error:
            raise CommandError(
                _("Cannot read %(path)s: %(error)s") % {"path": path, "error": error.strerror}
            ) from None
        except ranking.InvalidResultsFile as error:
            raise CommandError(
                _("%(path)s is not a valid results file: %(error)s")
                % {"path": path, "error": error}
            ) from None
        call = document.get("call", {}).get("code", "?")
        number = document.get("publication", {}).get("number", "?")
        if not differences:
            self.stdout.write(
                self.style.SUCCESS(
                    _(
                        "Reproduced exactly: call %(call)s, publication %(number)s, %(count)d "
                        "ranked candidates."
                    )
                    % {"call": call, "number": number, "count": len(document["results"]["order"])}
                )
            )
            return
        self.stdout.write(
            _("NOT reproduced: call %(call)s, publication %(number)s — %(count)d difference(s):")
            % {"call": call, "number": number, "count": len(differences)}
        )
        for difference in differences:
            self.stdout.write(f"  {difference}")
        raise CommandError(_("The published ranking differs from its recomputation."), returncode=1)
