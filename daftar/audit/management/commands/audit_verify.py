"""Verify every audit chain and compare the log with signed checkpoints; exit 1 on a break.

    manage.py audit_verify                       chains + the latest checkpoint Daftar knows
    manage.py audit_verify --against FILE ...    chains + checkpoint files an auditor kept

A chain check alone cannot see a stream shortened together with its head, or removed
whole: a checkpoint can (docs/adr/0010). An empty log passes only on a fresh database, one
with no checkpoint in the database or in the publication directory.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from daftar.audit import checkpoints, publication
from daftar.audit.checkpoints import CheckpointFileError, SignedCheckpoint
from daftar.audit.selectors import checkpoint_signed
from daftar.audit.verification import compare_with_checkpoint, log_is_empty, verify_all


class Command(BaseCommand):
    help = (
        "Recompute every audit chain, name the first broken entry of each stream, and "
        "compare the log with the latest checkpoint (or with --against FILE)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--against",
            action="append",
            default=[],
            metavar="CHECKPOINT",
            help="a checkpoint file kept outside Daftar (repeatable); replaces the default "
            "comparison with the latest checkpoint in the database and publication directory",
        )

    def handle(self, *args, **options):
        broken: set[str] = set()
        streams: set[str] = set()
        for report in verify_all():
            streams.add(report.stream)
            if report.ok:
                self.stdout.write(f"OK      {report.stream}: {report.entries} entries")
            else:
                broken.add(report.stream)
                where = f"seq {report.broken_seq}" if report.broken_seq else "head"
                entry = f" (entry id {report.broken_entry_id})" if report.broken_entry_id else ""
                self.stdout.write(f"BROKEN  {report.stream}: {where}{entry}: {report.reason}")

        anchors, problems = self._checkpoints(options["against"])
        for checkpoint in anchors:
            self.stdout.write(
                f"CHECKPOINT #{checkpoint.number} of {checkpoint.body['created_at']}: "
                f"{len(checkpoint.heads)} streams, Merkle root {checkpoint.merkle_root}, "
                "signature verifies"
            )
            for finding in compare_with_checkpoint(checkpoint):
                streams.add(finding.stream)
                broken.add(finding.stream)
                self.stdout.write(f"BROKEN  {finding.stream}: {finding.code}: {finding.reason}")

        if log_is_empty():
            if anchors or problems or self._any_checkpoint_exists():
                problems += 1
                self.stdout.write(
                    "BROKEN  the audit log is empty, but a checkpoint exists: "
                    "the log was emptied after it"
                )
            else:
                self.stdout.write(
                    self.style.SUCCESS(
                        "the audit log is empty and no checkpoint exists: a fresh database"
                    )
                )
                return
        if broken or problems:
            message = f"{len(broken)} of {len(streams)} audit streams are broken"
            if problems:
                message += f"; {problems} checkpoint problem(s)"
            raise CommandError(message)
        matched = "".join(f", match checkpoint #{c.number}" for c in anchors)
        self.stdout.write(self.style.SUCCESS(f"all {len(streams)} audit streams verify{matched}"))

    def _checkpoints(self, paths: list[str]) -> tuple[list[SignedCheckpoint], int]:
        """The checkpoints to compare with, each checked (signature, Merkle root)."""
        candidates: list[tuple[str, bytes | SignedCheckpoint]] = []
        problems = 0
        if paths:
            for path in paths:
                try:
                    candidates.append((path, Path(path).read_bytes()))
                except OSError as exc:
                    raise CommandError(f"cannot read {path}: {exc}") from exc
        else:
            stored = checkpoint_signed()
            published = publication.latest_published()
            if stored is not None:
                candidates.append(("the database", stored))
            if published is not None and (stored is None or published[0] != stored.number):
                candidates.append((publication.file_name(published[0]), published[1]))
            if published is not None and (stored is None or published[0] > stored.number):
                problems += 1
                self.stdout.write(
                    f"BROKEN  checkpoint #{published[0]} is published but the database's "
                    f"latest is #{stored.number if stored else 'none'}: checkpoints were removed"
                )
        anchors = []
        for source, candidate in candidates:
            try:
                checkpoint = (
                    candidate
                    if isinstance(candidate, SignedCheckpoint)
                    else checkpoints.parse_checkpoint(candidate)
                )
                checkpoints.check(checkpoint)
            except CheckpointFileError as exc:
                problems += 1
                self.stdout.write(f"BROKEN  checkpoint from {source}: {exc}")
                continue
            anchors.append(checkpoint)
        return anchors, problems

    def _any_checkpoint_exists(self) -> bool:
        return checkpoint_signed() is not None or bool(publication.published_numbers())
