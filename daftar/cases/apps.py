from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "daftar.cases"
    label = "cases"
    verbose_name = _("Files and workflow")

    def ready(self):
        # Registers the deadlines' recomputation with core.calendar (on_calendar_change):
        # imported here, once the models are loaded, because core may import no app.
        from daftar.cases.services import deadlines  # noqa: F401
