"""Writes for the bylaw and the steering committee. Each is one audited transaction.

Status changes happen in `bylaw._version_move` (versions) and `decisions._decision_move`
(decisions) only.
"""

from daftar.governance.services.bylaw import (
    NoteText,
    article_delete,
    article_save,
    bylaw_version_adopt,
    bylaw_version_create,
    bylaw_version_submit,
    chapter_save,
)
from daftar.governance.services.committee import (
    committee_member_appoint,
    meeting_record,
    quorum_rule_set,
)
from daftar.governance.services.common import STREAM
from daftar.governance.services.decisions import (
    decision_cast_vote,
    decision_close,
    decision_draft,
    decision_record_effect,
    decision_require,
    decision_set_present,
    decision_tally,
    decision_update_draft,
)
from daftar.governance.services.merge import LEFT, RIGHT, EditedArticle, MergeChoice, bylaw_merge

__all__ = [
    "LEFT",
    "RIGHT",
    "STREAM",
    "EditedArticle",
    "MergeChoice",
    "NoteText",
    "article_delete",
    "article_save",
    "bylaw_merge",
    "bylaw_version_adopt",
    "bylaw_version_create",
    "bylaw_version_submit",
    "chapter_save",
    "committee_member_appoint",
    "decision_cast_vote",
    "decision_close",
    "decision_draft",
    "decision_record_effect",
    "decision_require",
    "decision_set_present",
    "decision_tally",
    "decision_update_draft",
    "meeting_record",
    "quorum_rule_set",
]
