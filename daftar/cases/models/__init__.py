from daftar.cases.models.files import Attachment, CallbackTask, File, FileEvent, Rating

__all__ = [
    "Attachment",
    "CallbackTask",
    "File",
    "FileEvent",
    "Rating",
]
