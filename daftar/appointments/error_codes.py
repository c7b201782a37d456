"""The stable codes of the errors appointments raises (docs/adr/0014-error-codes-as-enums.md).

A value never changes once published: partner apps branch on it.
"""

from django.utils.translation import gettext_lazy as _

from daftar.core.error_codes import ErrorCode


class AppointmentsErrorCode(ErrorCode):
    """Booking and the queue add their codes here."""

    # --- the queue (docs/appointments-queue.md) ---
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
    QUEUE_NO_APPOINTMENT_TODAY = (
        "queue_no_appointment_today",
        _("No appointment at this office today matches what was entered."),
    )
    QUEUE_ALREADY_CHECKED_IN = (
        "queue_already_checked_in",
        _("The appointment has already been checked in; it has its ticket."),
    )
    QUEUE_APPOINTMENT_NOT_BOOKED = (
        "queue_appointment_not_booked",
        _("The appointment was cancelled or marked as missed; it cannot be checked in."),
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
