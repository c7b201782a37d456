from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "daftar.core"
    label = "core"
    verbose_name = _("Shared kernel")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from daftar.core.startup import check_settings

        check_settings()

        from daftar.core.calendar import forget_holidays
        from daftar.core.models import Holiday

        post_save.connect(forget_holidays, sender=Holiday, dispatch_uid="forget_holidays_save")
        post_delete.connect(forget_holidays, sender=Holiday, dispatch_uid="forget_holidays_del")
