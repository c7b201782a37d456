from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "daftar.accounts"
    label = "accounts"
    verbose_name = _("Accounts and roles")

    def ready(self) -> None:
        from daftar.accounts.signals import ensure_role_groups

        post_migrate.connect(
            ensure_role_groups, sender=self, dispatch_uid="daftar.accounts.ensure_role_groups"
        )
