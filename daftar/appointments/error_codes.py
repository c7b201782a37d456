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
    DAY_OUTSIDE_HORIZON = (
        "day_outside_horizon",
        _("Appointments are booked from today for the next two weeks only."),
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
    # --- the queue (docs/appointments.md) ---
    QUEUE_NOT_OFFICE_STAFF = (
        "queue_not_office_staff",
        _("Only the office's own operators and manager run its queue."),
    )
    QUEUE_CHECK_IN_NEEDS_CODE = (
        "queue_check_in_needs_code",
        _("Enter the booking code (or scan its QR code) or the citizen's national code."),
    )
    QUEUE_BAD_NATIONAL_CODE = (
        "queue_bad_national_code",
        _("The national code entered is not valid."),
    )
    QUEUE_ALREADY_CHECKED_IN = (
        "queue_already_checked_in",
        _("The appointment has already been checked in; it has its ticket."),
    )
    QUEUE_SERVICE_NOT_AT_OFFICE = (
        "queue_service_not_at_office",
        _("Choose a service delivered at offices."),
    )
    QUEUE_COUNTER_OUT_OF_RANGE = (
        "queue_counter_out_of_range",
        _("Choose one of the office's counters."),
    )
    QUEUE_COUNTER_BUSY = (
        "queue_counter_busy",
        _("The counter still has a called ticket: mark it served or not come first."),
    )
    QUEUE_EMPTY = "queue_empty", _("No one is waiting.")
    QUEUE_TICKET_NOT_CALLED = (
        "queue_ticket_not_called",
        _("The ticket is not at a counter now (waiting, served or marked as not come)."),
    )
    QUEUE_RECALLED_ONCE = (
        "queue_recalled_once",
        _("A ticket is called again once only: mark it served or not come."),
    )
    QUEUE_NUMBERING_BUSY = (
        "queue_numbering_busy",
        _("Too many tickets were issued at the same moment; try again."),
    )
