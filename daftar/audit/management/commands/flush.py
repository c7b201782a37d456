"""`flush` that may empty the append-only audit table — only where settings allow it.

Test settings set AUDIT_ALLOW_FLUSH so transactional tests can reset the database; in
every other environment this is Django's flush, and the triggers refuse to empty the log.
"""

from django.conf import settings
from django.core.management.commands.flush import Command as FlushCommand

from daftar.audit import triggers


class Command(FlushCommand):
    def handle(self, **options):
        if not getattr(settings, "AUDIT_ALLOW_FLUSH", False):
            return super().handle(**options)
        using = options["database"]
        triggers.remove(using)
        try:
            return super().handle(**options)
        finally:
            triggers.install(using)
