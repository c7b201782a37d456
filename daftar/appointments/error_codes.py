"""The stable codes of the errors appointments raises (docs/adr/0014-error-codes-as-enums.md).

A value never changes once published: partner apps branch on it.
"""

from daftar.core.error_codes import ErrorCode


class AppointmentsErrorCode(ErrorCode):
    """Booking and the queue add their codes here."""
