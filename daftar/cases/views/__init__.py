"""Pages for files, one module per audience: the citizen portal (`citizen`), inboxes
(`inbox`), a file's page and its actions (`files`), what a file hands out (`documents`) and
the office counter (`counter`). `urls.py` reads the views from here."""

from daftar.cases.views.citizen import apply, file_correct, file_rate, track
from daftar.cases.views.counter import (
    callback_done,
    counter,
    counter_consent,
    counter_file,
    counter_reclaim,
    counter_reclaim_code,
)
from daftar.cases.views.documents import attachment_download, receipt
from daftar.cases.views.files import file_action, file_assign, file_detail
from daftar.cases.views.inbox import inbox

__all__ = [
    "apply",
    "attachment_download",
    "callback_done",
    "counter",
    "counter_consent",
    "counter_file",
    "counter_reclaim",
    "counter_reclaim_code",
    "file_action",
    "file_assign",
    "file_correct",
    "file_detail",
    "file_rate",
    "inbox",
    "receipt",
    "track",
]
