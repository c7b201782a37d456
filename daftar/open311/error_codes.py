"""The stable codes of the errors open311 raises (docs/adr/0014-error-codes-as-enums.md).

GeoReport v2 clients see only the HTTP status and the description (the specification's error
format); the code is what the audit log, the docs and Daftar's own callers branch on.
"""

from django.utils.translation import gettext_lazy as _

from daftar.core.error_codes import ErrorCode


class Open311ErrorCode(ErrorCode):
    API_KEY_INVALID = (
        "api_key_invalid",
        _("The api_key is missing, unknown, revoked or lacks the open311 scope."),
    )
    ATTRIBUTE_INVALID = (
        "attribute_invalid",
        _("An attribute of the report is missing, unknown or not valid for the service."),
    )
    CITIZEN_REQUIRED = (
        "citizen_required",
        _(
            "The service opens a file, which needs a citizen the app has signed in "
            "(account_id and phone) and the app's signed_in_citizens scope."
        ),
    )
    REPORT_LOCATION_INVALID = (
        "report_location_invalid",
        _("The report has no valid location: lat and long, address_string or address_id."),
    )
    MAPPING_INVALID = (
        "mapping_invalid",
        _("An Open311 service cannot be mapped to that service or complaint category."),
    )
    MEDIA_URL_INVALID = ("media_url_invalid", _("media_url is not an http(s) address."))
    MAPPING_CODE_TAKEN = (
        "mapping_code_taken",
        _("An Open311 service with that code exists already."),
    )
    MAPPING_ORDER_INVALID = (
        "mapping_order_invalid",
        _("The order of an Open311 service is a whole number from 0 to 32767."),
    )
    SERVICE_CODE_UNKNOWN = ("service_code_unknown", _("No Open311 service has that code."))
