"""Verify every audit chain; print OK or the first broken entry per stream; exit 1 on a break."""

from django.core.management.base import BaseCommand, CommandError

from daftar.audit.verification import verify_all


class Command(BaseCommand):
    help = "Recompute every audit chain and name the first broken entry of each stream."

    def handle(self, *args, **options):
        broken = 0
        streams = 0
        for report in verify_all():
            streams += 1
            if report.ok:
                self.stdout.write(f"OK      {report.stream}: {report.entries} entries")
            else:
                broken += 1
                where = f"seq {report.broken_seq}" if report.broken_seq else "head"
                entry = f" (entry id {report.broken_entry_id})" if report.broken_entry_id else ""
                self.stdout.write(f"BROKEN  {report.stream}: {where}{entry}: {report.reason}")
        if broken:
            raise CommandError(f"{broken} of {streams} audit streams are broken")
        self.stdout.write(self.style.SUCCESS(f"all {streams} audit streams verify"))
