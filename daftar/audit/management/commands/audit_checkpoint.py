"""Sign a checkpoint of the audit log now (the daily job does it every night), or publish
missing checkpoint files, or print the public key auditors verify signatures with."""

from django.core.management.base import BaseCommand, CommandError

from daftar.audit.publication import PublicationConflict
from daftar.audit.selectors import checkpoint_public_keys
from daftar.audit.services import CheckpointRefused, checkpoint_create, checkpoints_publish_missing


class Command(BaseCommand):
    help = "Sign a checkpoint of every audit stream's head and publish its file."

    def add_arguments(self, parser):
        action = parser.add_mutually_exclusive_group()
        action.add_argument(
            "--publish-only",
            action="store_true",
            help="only write the files of stored checkpoints that have none",
        )
        action.add_argument(
            "--public-key",
            action="store_true",
            help="print the signing keys' ids and Ed25519 public keys (hex), to publish",
        )

    def handle(self, *args, **options):
        if options["public_key"]:
            for key_id, public_key in checkpoint_public_keys().items():
                self.stdout.write(f"{key_id} {public_key}")
            return
        if not options["publish_only"]:
            try:
                row = checkpoint_create()
            except CheckpointRefused as refused:
                for problem in refused.problems:
                    self.stdout.write(f"BROKEN  {problem}")
                raise CommandError(
                    "checkpoint refused: the log does not hold what the last checkpoint "
                    "recorded, or does not verify since"
                ) from refused
            self.stdout.write(
                f"checkpoint #{row.number}: {row.stream_count} streams, {row.entry_count} "
                f"entries, Merkle root {row.merkle_root}"
            )
        try:
            written = checkpoints_publish_missing()
        except PublicationConflict as conflict:
            raise CommandError(str(conflict)) from conflict
        if written:
            self.stdout.write(f"published: {', '.join(f'#{n}' for n in written)}")
