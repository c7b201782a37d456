"""The stable codes of the errors accounts raises (docs/adr/0014-error-codes-as-enums.md).

A value never changes once published: partner apps branch on it. Each member carries the
meaning shown in docs/error-codes.md.
"""

from django.utils.translation import gettext_lazy as _

from daftar.core.error_codes import ErrorCode


class AccountsErrorCode(ErrorCode):
    ALREADY_ENROLLED = "already_enrolled", _("The second factor is already enrolled.")
    ALREADY_REGISTERED = (
        "already_registered",
        _("The mobile is already the citizen's verified mobile."),
    )
    CITIZEN_NOT_VERIFIED = (
        "citizen_not_verified",
        _("The citizen's identity or mobile has not been verified."),
    )
    CONSENT_OTHER_SERVICE = (
        "consent_other_service",
        _("The consent code was given for another service."),
    )
    CONSENT_REQUIRED = "consent_required", _("The citizen's consent code is required.")
    CONSENT_USED = "consent_used", _("The consent code has already been used.")
    ENROLMENT_CODE_EXPIRED = "enrolment_code_expired", _("The enrolment code has expired.")
    ENROLMENT_CODE_FORMAT = (
        "enrolment_code_format",
        _("The enrolment code is not in the expected format."),
    )
    ENROLMENT_CODE_LOCKED = (
        "enrolment_code_locked",
        _("Too many wrong enrolment codes; the code is locked."),
    )
    ENROLMENT_CODE_MISSING = (
        "enrolment_code_missing",
        _("No enrolment code was issued, or it was already used."),
    )
    ENROLMENT_CODE_REQUIRED = (
        "enrolment_code_required",
        _("The authenticator was not set up with an enrolment code."),
    )
    ENROLMENT_CODE_WRONG = "enrolment_code_wrong", _("The enrolment code is wrong.")
    IDENTITY_NOT_CHECKED = (
        "identity_not_checked",
        _("The operator has not confirmed checking the citizen's national card."),
    )
    MOBILE_MISMATCH = (
        "mobile_mismatch",
        _("The mobile number differs from the one on record for this national code."),
    )
    MOBILE_NOT_OWNER = (
        "mobile_not_owner",
        _("The mobile number is not registered to this national code."),
    )
    NOT_STAFF = "not_staff", _("The account is not a staff account.")
    NOT_SYSTEM_ADMIN = "not_system_admin", _("Only a system administrator may do this.")
    NOTHING_TO_RECLAIM = (
        "nothing_to_reclaim",
        _("There is no account to reclaim for this national code."),
    )
    OTP_EXPIRED = "otp_expired", _("The one-time code has expired.")
    OTP_FORMAT = "otp_format", _("The one-time code is not in the expected format.")
    OTP_LOCKED = "otp_locked", _("Too many wrong one-time codes; the code is locked.")
    OTP_MISSING = "otp_missing", _("No one-time code was issued, or it was already used.")
    OTP_WRONG = "otp_wrong", _("The one-time code is wrong.")
    OWN_ACCOUNT = "own_account", _("This cannot be done to one's own account.")
    OWN_SYSTEM_ADMIN_ROLE = (
        "own_system_admin_role",
        _("A system administrator cannot remove their own system administrator role."),
    )
    ROLES_REQUIRED = "roles_required", _("A staff account needs at least one staff role.")
    USER_ALREADY_ACTIVE = "user_already_active", _("The account is already active.")
    USER_ALREADY_INACTIVE = "user_already_inactive", _("The account is already deactivated.")
    USERNAME_INVALID = "username_invalid", _("The username is not valid.")
    USERNAME_TAKEN = "username_taken", _("Another account already has this username.")
    NOT_ALLOWED_TO_ADMINISTER_STAFF = (
        "not_allowed_to_administer_staff",
        _("Only a system administrator administers staff accounts."),
    )
    OWNERSHIP_UNAVAILABLE = (
        "ownership_unavailable",
        _("The mobile-ownership inquiry is unavailable."),
    )
