"""The stable codes of the errors transparency raises (docs/adr/0014-error-codes-as-enums.md).

A value never changes once published: partner apps branch on it. Grouped by area (portal and
aggregates, open data, council reports, issued documents); keep each group alphabetical.
"""

from django.utils.translation import gettext_lazy as _

from daftar.core.error_codes import ErrorCode


class TransparencyErrorCode(ErrorCode):
    # --- portal and aggregates -----------------------------------------------------------
    DISTRICT_UNKNOWN = (
        "district_unknown",
        _("There is no such district: Tehran's districts are numbered 1 to 22."),
    )
    INDICATOR_UNKNOWN = (
        "indicator_unknown",
        _("There is no such indicator for the map."),
    )
    PERIOD_IN_FUTURE = (
        "period_in_future",
        _("The period ends after today: figures of the future do not exist yet."),
    )
    PERIOD_INVALID = (
        "period_invalid",
        _("The period is not valid: its start must not be after its end."),
    )
    PERIOD_TOO_LONG = (
        "period_too_long",
        _("The period is too long for the portal."),
    )
    # --- open data -----------------------------------------------------------------------
    OPEN_DATA_DAY_NOT_ENDED = (
        "open_data_day_not_ended",
        _("Open data is published for a day that has ended: the day must be before today."),
    )
    OPEN_DATA_NOT_ALLOWED = (
        "open_data_not_allowed",
        _("Only a system administrator or the nightly job may publish the open data."),
    )
    # --- council reports -----------------------------------------------------------------
    # --- issued documents ----------------------------------------------------------------
