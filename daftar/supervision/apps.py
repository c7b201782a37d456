from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupervisionConfig(AppConfig):
    name = "daftar.supervision"
    label = "supervision"
    verbose_name = _("Supervision of the offices")

    def ready(self) -> None:
        # Imported here, not at module level: the services import models, which are not
        # ready while the app registry is loading.
        from daftar.offices.renewal import authorisation_check, renewal_check
        from daftar.supervision.services.grading import (
            grade_blocks_authorisation,
            grade_blocks_renewal,
        )

        renewal_check(grade_blocks_renewal)
        authorisation_check(grade_blocks_authorisation)
