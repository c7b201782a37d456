"""The stable codes of the errors appointments raises (docs/adr/0014-error-codes-as-enums.md).

A value never changes once published: partner apps branch on it.
"""

from django.utils.translation import gettext_lazy as _

from daftar.core.error_codes import ErrorCode


class AppointmentsErrorCode(ErrorCode):
    """Booking and the queue add their codes here."""

    # --- booking (issue 18 part 2) ---------------------------------------------------------
    ALREADY_CHECKED_IN = "already_checked_in", _("The appointment was already checked in.")
    BOOKING_BLOCKED = (
        "booking_blocked",
        _("Booking is blocked for a while after missed appointments (the no-show rule)."),
    )
    BOOKING_NOT_ACTIVE = "booking_not_active", _("The appointment is no longer booked.")
    CHECK_IN_NOT_FOUND = (
        "check_in_not_found",
        _("No appointment booked today at this office matches the code or national code."),
    )
    CHECK_IN_OUTSIDE_WINDOW = (
        "check_in_outside_window",
        _("Check-in opens an hour before the appointment and closes half an hour after it."),
    )
    CITIZENS_ONLY = "citizens_only", _("Only a signed-in citizen books an appointment.")
    NO_SHOW_DECISION_INVALID = (
        "no_show_decision_invalid",
        _("A no-show rule cites an adopted policy decision of the steering committee."),
    )
    NO_SHOW_RULE_KEEPERS_ONLY = (
        "no_show_rule_keepers_only",
        _("Only the supervision unit records the no-show rule adopted by the committee."),
    )
    NO_SHOW_RULE_NUMBERS = (
        "no_show_rule_numbers",
        _("The no-show rule's numbers are out of range."),
    )
    NOT_OFFICE_STAFF = (
        "not_office_staff",
        _("Only the office's own staff check its appointments in."),
    )
    OFFICE_NOT_BOOKABLE = "office_not_bookable", _("The office does not take appointments now.")
    ONE_BOOKING_PER_DAY = (
        "one_booking_per_day",
        _("A citizen has at most one booked appointment per office and day."),
    )
    SERVICE_NOT_BOOKABLE = (
        "service_not_bookable",
        _("The office does not deliver this service at its counter."),
    )
    SLOT_FULL = "slot_full", _("Every seat of the slot is taken.")
    SLOT_UNKNOWN = (
        "slot_unknown",
        _("There is no such slot: the office is closed then, or the time has passed."),
    )
    TOO_LATE_TO_CHANGE = (
        "too_late_to_change",
        _("An appointment can be cancelled or moved only until an hour before it."),
    )
