from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "daftar.governance"
    label = "governance"
    verbose_name = _("Bylaw and steering committee")

    def ready(self) -> None:
        from daftar.governance.signals import ensure_default_quorum_rule

        post_migrate.connect(
            ensure_default_quorum_rule,
            sender=self,
            dispatch_uid="daftar.governance.default_quorum_rule",
        )
