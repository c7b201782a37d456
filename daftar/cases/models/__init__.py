from daftar.cases.models.files import Attachment, CallbackTask, File, FileEvent, Rating
from daftar.cases.models.workflow import Workflow, WorkflowAction, WorkflowState, WorkflowVersion

__all__ = [
    "Attachment",
    "CallbackTask",
    "File",
    "FileEvent",
    "Rating",
    "Workflow",
    "WorkflowAction",
    "WorkflowState",
    "WorkflowVersion",
]
