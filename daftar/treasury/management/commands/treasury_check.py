"""Check the ledger's invariant now: every journal entry balances. Exit 1 if not."""

from django.core.management.base import BaseCommand, CommandError

from daftar.treasury.services.ledger import unbalanced_entries


class Command(BaseCommand):
    help = "Verify that every journal entry's postings sum to zero."

    def handle(self, *args, **options):
        broken = unbalanced_entries()
        if broken:
            raise CommandError(f"unbalanced journal entries: {broken}")
        self.stdout.write(self.style.SUCCESS("every journal entry balances"))
