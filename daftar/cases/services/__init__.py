"""Writes for files. The status of a file changes only in `workflow.file_apply_action`."""

from daftar.cases.services.assignment import file_assign
from daftar.cases.services.files import (
    attachment_add,
    callback_done,
    file_correct_and_resubmit,
    file_create,
    file_open,
    file_rate,
    file_submit,
    file_update_form,
)
from daftar.cases.services.money import file_hold_for_payment, file_record_refund
from daftar.cases.services.sla import sla_sweep
from daftar.cases.services.workflow import file_apply_action

__all__ = [
    "attachment_add",
    "callback_done",
    "file_apply_action",
    "file_assign",
    "file_correct_and_resubmit",
    "file_create",
    "file_hold_for_payment",
    "file_open",
    "file_rate",
    "file_record_refund",
    "file_submit",
    "file_update_form",
    "sla_sweep",
]
