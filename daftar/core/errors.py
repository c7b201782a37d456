"""One error hierarchy for the whole domain, with stable machine codes.

Services raise these; views turn them into form errors or messages, and the API turns
them into its single error envelope. `code` is a stable identifier clients may rely on;
`message` is translated (English source, Persian catalogue) and may name a field.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from daftar.core.error_codes import CoreErrorCode, ErrorCode
from daftar.core.numbers import format_message

# Raised with a plain string in daftar/cases/services/workflow.py, which lane A of issue 13
# moves into the workflow app: converted after the workflow move, then this set goes.


class DaftarError(Exception):
    """Base class. Subclasses set `code`, `default_message` and `http_status`.

    `code` is always an ErrorCode member (daftar.core.error_codes): a plain string is refused
    at construction, so a code typed at the raise cannot reach a client.
    """

    code: ErrorCode = CoreErrorCode.ERROR
    default_message: Promise | str = _("The request could not be completed.")
    http_status: int = 400
    # What docs/error-codes.md says instead of `http_status`, for a class whose answer keeps
    # a status decided elsewhere.
    documented_status: str | None = None

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if not isinstance(cls.code, ErrorCode):
            raise TypeError(f"{cls.__name__}.code is {cls.code!r}: declare an ErrorCode member")

    def __init__(
        self,
        message: Promise | str | None = None,
        *,
        code: ErrorCode | None = None,
        field: str | None = None,
        params: dict[str, Any] | None = None,
    ) -> None:
        self.message = message if message is not None else self.default_message
        if code is not None and not isinstance(code, ErrorCode):
            raise TypeError(
                f"{type(self).__name__}(code={code!r}): an error code is an ErrorCode member "
                "(daftar/<app>/error_codes.py), not a string"
            )
        if code is not None:
            self.code = code
        self.field = field
        self.params = params or {}
        super().__init__(self.render())

    def render(self, language: str | None = None) -> str:
        """The message in `language` (default: the active one), with its placeholders filled."""
        if language is None:
            text = str(self.message)
        else:
            with translation.override(language):
                text = str(self.message)
        if not self.params:
            return text
        return format_message(text, self.params, language)

    def as_dict(self) -> dict[str, Any]:
        """The API envelope body: stable code, field, and the message in both languages."""
        return {
            "code": self.code,
            "field": self.field,
            "message": {"fa": self.render("fa"), "en": self.render("en")},
        }

    def as_validation_error(self) -> ValidationError:
        error = ValidationError(self.render(), code=self.code)
        return ValidationError({self.field: error}) if self.field else error


class InvalidInput(DaftarError):
    code = CoreErrorCode.INVALID
    default_message = _("Some of the information entered is not valid.")


class NotFound(DaftarError):
    code = CoreErrorCode.NOT_FOUND
    default_message = _("Not found.")
    http_status = 404


class Forbidden(DaftarError):
    code = CoreErrorCode.FORBIDDEN
    default_message = _("You are not allowed to do this.")
    http_status = 403


class Conflict(DaftarError):
    """The action does not fit the object's current state (already done, wrong status...)."""

    code = CoreErrorCode.CONFLICT
    default_message = _("This cannot be done in the current state.")
    http_status = 409


class RateLimited(DaftarError):
    code = CoreErrorCode.RATE_LIMITED
    default_message = _("Too many attempts. Please try again later.")
    http_status = 429


class ServiceUnavailable(DaftarError):
    code = CoreErrorCode.UNAVAILABLE
    default_message = _("The service is temporarily unavailable.")
    http_status = 503


def validation_error_to_daftar(error: ValidationError, *, field: str | None = None) -> InvalidInput:
    """Wrap a Django ValidationError (from a validator) in the domain hierarchy."""
    if hasattr(error, "error_dict"):
        field, errors = next(iter(error.error_dict.items()))
        first = errors[0]
    else:
        first = error.error_list[0]
    # Keep the lazy message and its params so the envelope can render both languages. The
    # identifiers' validators raise with CoreErrorCode members; anything else is generic.
    code = first.code if isinstance(first.code, ErrorCode) else CoreErrorCode.INVALID
    return InvalidInput(first.message, code=code, field=field, params=first.params or {})
