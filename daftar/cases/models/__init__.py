from daftar.cases.models.files import (
    EARLIEST_DEADLINE,
    Attachment,
    CallbackTask,
    File,
    FileEvent,
    FileHandover,
    FileSignOff,
    Rating,
)

__all__ = [
    "EARLIEST_DEADLINE",
    "Attachment",
    "CallbackTask",
    "File",
    "FileEvent",
    "FileHandover",
    "FileSignOff",
    "Rating",
]
