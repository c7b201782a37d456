from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowConfig(AppConfig):
    name = "daftar.workflow"
    label = "workflow"
    verbose_name = _("Workflows")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from daftar.workflow.models import WorkflowState
        from daftar.workflow.selectors import forget_workflow_states

        post_save.connect(
            forget_workflow_states, sender=WorkflowState, dispatch_uid="forget_states_save"
        )
        post_delete.connect(
            forget_workflow_states, sender=WorkflowState, dispatch_uid="forget_states_del"
        )
