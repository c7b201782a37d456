"""`flush` that lifts Daftar's protective triggers first — only where settings allow it.

Test settings set AUDIT_ALLOW_FLUSH so transactional tests can reset the database; in every
other environment this is Django's flush, and the triggers refuse to empty the audit log or
to delete adopted text.
"""

from django.conf import settings
from django.core.management.commands.flush import Command as FlushCommand

from daftar.core import dbtriggers


class Command(FlushCommand):
    def handle(self, **options):
        if not getattr(settings, "AUDIT_ALLOW_FLUSH", False):
            return super().handle(**options)
        using = options["database"]
        trigger_sets = dbtriggers.registered()
        for _install, remove in trigger_sets:
            remove(using)
        try:
            return super().handle(**options)
        finally:
            for install, _remove in trigger_sets:
                install(using)
