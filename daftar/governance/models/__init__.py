from daftar.governance.models.bylaw import (
    Article,
    ArticleNote,
    Bylaw,
    BylawVersion,
    Chapter,
    Commission,
)
from daftar.governance.models.committee import (
    CommitteeMember,
    Decision,
    DecisionCitation,
    DecisionCounter,
    DecisionEffect,
    Meeting,
    QuorumRule,
    Vote,
)

__all__ = [
    "Article",
    "ArticleNote",
    "Bylaw",
    "BylawVersion",
    "Chapter",
    "Commission",
    "CommitteeMember",
    "Decision",
    "DecisionCitation",
    "DecisionCounter",
    "DecisionEffect",
    "Meeting",
    "QuorumRule",
    "Vote",
]
