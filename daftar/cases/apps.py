from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "daftar.cases"
    label = "cases"
    verbose_name = _("Files and workflow")

    def ready(self):
        # Registers, with core (which may import no app), the deadlines' recomputation
        # (core.calendar.on_calendar_change) and the return of a departed reviewer's files to
        # the shared queue (core.staffing.on_staff_departure, ADR 0031); imported here, once
        # the models are loaded.
        from daftar.cases.services import assignment, deadlines  # noqa: F401
