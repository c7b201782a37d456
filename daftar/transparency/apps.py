from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TransparencyConfig(AppConfig):
    name = "daftar.transparency"
    label = "transparency"
    verbose_name = _("Transparency and documents")

    def ready(self) -> None:
        # Imported here, not at module level: the tasks import models, which are not ready
        # when this module is imported.
        from daftar.cases.outcomes import on_file_approved, on_file_paid
        from daftar.transparency.tasks.documents import file_approved, file_paid

        on_file_approved(file_approved)
        on_file_paid(file_paid)
