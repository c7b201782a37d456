"""Export the audit log as JSON Lines with the latest signed checkpoint (docs/audit.md).

    manage.py audit_export --output audit.jsonl [--stream city --stream office:T0101]

Verify the file with `docs/verify_audit_export.py`, ideally against a checkpoint file you
downloaded yourself beforehand.
"""

from django.core.management.base import BaseCommand, CommandError

from daftar.audit import checkpoints, publication
from daftar.audit.checkpoints import CheckpointFileError
from daftar.audit.export import export_lines
from daftar.audit.selectors import checkpoint_signed


class Command(BaseCommand):
    help = "Export audit entries as JSON Lines (one entry a line) with the latest checkpoint."

    def add_arguments(self, parser):
        parser.add_argument(
            "--stream", action="append", default=[], help="only this stream (repeatable)"
        )
        parser.add_argument("--output", default="-", help="file to write (default: stdout)")
        parser.add_argument(
            "--checkpoint",
            type=int,
            default=None,
            help="the number of the checkpoint to include (default: the latest)",
        )

    def handle(self, *args, **options):
        checkpoint = self._checkpoint(options["checkpoint"])
        lines = export_lines(streams=options["stream"] or None, checkpoint=checkpoint)
        if options["output"] == "-":
            count = self._write(lines, self.stdout.write)
        else:
            with open(options["output"], "w", encoding="utf-8", newline="\n") as out:
                count = self._write(lines, lambda line: out.write(line + "\n"))
        summary = f"exported {count} entries" + (
            f" with checkpoint #{checkpoint.number}" if checkpoint else " (no checkpoint yet)"
        )
        self.stderr.write(summary)

    @staticmethod
    def _write(lines, write) -> int:
        written = 0
        for line in lines:
            write(line)
            written += 1
        return written - 1  # the header line is not an entry

    def _checkpoint(self, number):
        stored = checkpoint_signed(number)
        if number is not None:
            if stored is None:
                raise CommandError(f"there is no checkpoint #{number}")
            return stored
        published = publication.latest_published()
        if published is not None and (stored is None or published[0] > stored.number):
            try:
                stored = checkpoints.parse_checkpoint(published[1])
                checkpoints.check(stored)
            except CheckpointFileError as exc:
                raise CommandError(f"the latest published checkpoint: {exc}") from exc
        return stored
