"""Writes for licensing. Each is one audited transaction on the "licensing" stream.

Status changes happen only in `lifecycle._call_move` (calls), `review._application_move`
(applications) and `awards._agreement_move` (agreements in principle).
"""

from daftar.licensing.services.applications import (
    ApplicationData,
    Ineligible,
    application_document_upload,
    application_submit,
)
from daftar.licensing.services.awards import (
    Award,
    agreement_issue_licence,
    agreements_award,
    agreements_lapse_due,
    proposed_awards,
)
from daftar.licensing.services.calls import (
    CallSettings,
    call_create,
    call_quotas_propose,
    call_quotas_set,
    call_update,
)
from daftar.licensing.services.common import STREAM
from daftar.licensing.services.lifecycle import (
    call_close,
    call_close_objections,
    call_close_registration,
    call_mark_scored,
    call_open,
)
from daftar.licensing.services.results import (
    call_publish_results,
    objection_file,
    objection_rule,
)
from daftar.licensing.services.review import document_review
from daftar.licensing.services.scores import ScoreImportRejected, score_enter, scores_import

__all__ = [
    "STREAM",
    "ApplicationData",
    "Award",
    "CallSettings",
    "Ineligible",
    "ScoreImportRejected",
    "agreement_issue_licence",
    "agreements_award",
    "agreements_lapse_due",
    "application_document_upload",
    "application_submit",
    "call_close",
    "call_close_objections",
    "call_close_registration",
    "call_create",
    "call_mark_scored",
    "call_open",
    "call_publish_results",
    "call_quotas_propose",
    "call_quotas_set",
    "call_update",
    "document_review",
    "objection_file",
    "objection_rule",
    "proposed_awards",
    "score_enter",
    "scores_import",
]
