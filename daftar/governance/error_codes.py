"""The stable codes of the errors governance raises (docs/adr/0014-error-codes-as-enums.md).

A value never changes once published: partner apps branch on it. Each member carries the
meaning shown in docs/error-codes.md.
"""

from django.utils.translation import gettext_lazy as _

from daftar.core.error_codes import ErrorCode


class GovernanceErrorCode(ErrorCode):
    ADOPTION_DATE_BEFORE_CURRENT = (
        "adoption_date_before_current",
        _("The adoption date is earlier than that of the version in force."),
    )
    ADOPTION_DATE_FUTURE = "adoption_date_future", _("The adoption date is in the future.")
    AMENDS_NOT_ADOPTED = "amends_not_adopted", _("Only an adopted decision can be amended.")
    ARTICLE_NUMBER_OUT_OF_RANGE = "article_number_out_of_range", _("Article numbers start at 1.")
    CITES_DRAFT = "cites_draft", _("A decision may cite only adopted text of the bylaw.")
    DECISION_CLOSED = "decision_closed", _("The decision is no longer open to changes or votes.")
    DECISION_NOT_ADOPTED = "decision_not_adopted", _("The cited decision is not adopted.")
    DECISION_NUMBER_FORMAT = "decision_number_format", _("A decision number looks like 1404/27.")
    DECISION_NUMBER_YEAR = (
        "decision_number_year",
        _("The decision number's year is not the year of its date."),
    )
    DECISION_REQUIRED = (
        "decision_required",
        _("This change takes effect only through a committee decision."),
    )
    DECISION_WRONG_KIND = (
        "decision_wrong_kind",
        _("The decision is not of the kind this change needs."),
    )
    DIFFERENT_BYLAW = "different_bylaw", _("The versions belong to different bylaws.")
    DRAFT_MERGED = (
        "draft_merged",
        _("The draft was merged into a newer version and can no longer change."),
    )
    EMPTY = "empty", _("An empty draft cannot be sent for review.")
    MERGE_CHOICE = (
        "merge_choice",
        _("An article's merge choice is not left, right or a non-empty edited text."),
    )
    MERGE_INCOMPLETE = "merge_incomplete", _("Some articles of the merge have no choice yet.")
    MERGE_UNNEEDED = "merge_unneeded", _("Articles that do not differ were given a merge choice.")
    NO_QUORUM = (
        "no_quorum",
        _("The decision cannot be adopted without a quorum of members present."),
    )
    NO_QUORUM_RULE = "no_quorum_rule", _("No quorum rule is in force.")
    NOT_COMMITTEE_MEMBER = (
        "not_committee_member",
        _("Only a member of the steering committee may do this."),
    )
    NOTE_NOT_IN_ARTICLE = (
        "note_not_in_article",
        _("The cited note does not belong to the cited article."),
    )
    QUORUM_OUT_OF_RANGE = (
        "quorum_out_of_range",
        _("The quorum is not between 1 and the number of seats."),
    )
    SAME_VERSION = "same_version", _("A version cannot be compared or merged with itself.")
    UNKNOWN_CHAPTER = "unknown_chapter", _("The chapter does not exist in this version.")
    VERSION_FROZEN = "version_frozen", _("The bylaw version is no longer a draft.")
    VERSION_TRANSITION = "version_transition", _("The bylaw version cannot move to that status.")
    VOTER_NOT_PRESENT = (
        "voter_not_present",
        _("A member who has voted is missing from the attendance."),
    )
