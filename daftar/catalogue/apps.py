from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogueConfig(AppConfig):
    name = "daftar.catalogue"
    label = "catalogue"
    verbose_name = _("Service catalogue")

    def ready(self) -> None:
        # Imported here: selectors import models, not loaded while the registry is.
        from daftar.catalogue.selectors import department_names
        from daftar.workflow.departments import departments_source

        departments_source(department_names)
