"""Typed readers for settings that come from the environment.

Every setting read from the environment goes through one of these functions.
A malformed value stops the process with a message naming the variable, what
was expected and what was found: misconfiguration must fail loudly at start-up,
never silently at the first request.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TypeVar

from django.core.exceptions import ImproperlyConfigured

T = TypeVar("T")


class _Missing:
    def __repr__(self) -> str:
        return "<required>"


REQUIRED = _Missing()

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def _raw(name: str) -> str | None:
    value = os.environ.get(name)
    if value is None:
        return None
    return value.strip()


def _read(
    name: str,
    default: T | _Missing,
    parse: Callable[[str], T],
    expected: str,
    *,
    secret: bool = False,
) -> T:
    raw = _raw(name)
    if raw is None or raw == "":
        if isinstance(default, _Missing):
            raise ImproperlyConfigured(f"Environment variable {name} is required ({expected}).")
        return default
    try:
        return parse(raw)
    except (ValueError, TypeError) as exc:
        # A secret's value never goes into a message (nor a traceback) that ends up in logs.
        found = f"{len(raw)} characters" if secret else repr(raw)
        error = ImproperlyConfigured(
            f"Environment variable {name} must be {expected}; got {found} ({exc})."
        )
        if secret:
            raise error from None
        raise error from exc


def env_str(name: str, default: str | _Missing = REQUIRED) -> str:
    return _read(name, default, str, "a non-empty string")


def env_bool(name: str, default: bool | _Missing = REQUIRED) -> bool:
    def parse(raw: str) -> bool:
        lowered = raw.lower()
        if lowered in _TRUE:
            return True
        if lowered in _FALSE:
            return False
        raise ValueError("not a boolean")

    return _read(name, default, parse, "one of 1/0, true/false, yes/no, on/off")


def env_int(
    name: str,
    default: int | _Missing = REQUIRED,
    *,
    minimum: int | None = None,
    maximum: int | None = None,
) -> int:
    def parse(raw: str) -> int:
        value = int(raw, 10)
        if minimum is not None and value < minimum:
            raise ValueError(f"below the minimum {minimum}")
        if maximum is not None and value > maximum:
            raise ValueError(f"above the maximum {maximum}")
        return value

    bounds = (
        f" between {minimum} and {maximum}" if minimum is not None or maximum is not None else ""
    )
    return _read(name, default, parse, f"an integer{bounds}")


def env_list(name: str, default: list[str] | _Missing = REQUIRED) -> list[str]:
    def parse(raw: str) -> list[str]:
        items = [item.strip() for item in raw.split(",")]
        if any(not item for item in items):
            raise ValueError("empty item in the list")
        return items

    return _read(name, default, parse, "a comma-separated list without empty items")


def env_choice(name: str, choices: tuple[str, ...], default: str | _Missing = REQUIRED) -> str:
    def parse(raw: str) -> str:
        if raw not in choices:
            raise ValueError("not one of the allowed values")
        return raw

    return _read(name, default, parse, f"one of {', '.join(choices)}")


def env_secret(
    name: str,
    default: str | _Missing = REQUIRED,
    *,
    min_length: int = 32,
    refuse: Callable[[str], bool] | None = None,
) -> str:
    """A secret of at least `min_length` characters; `refuse` names values that are known to
    the world (the development keys published in the repository) and so are no secret."""

    def parse(raw: str) -> str:
        if len(raw) < min_length:
            raise ValueError(f"shorter than {min_length} characters")
        if refuse is not None and refuse(raw):
            raise ValueError(
                "this is a development key published in the repository: anyone can forge "
                "what it signs; generate a new one, e.g. python3 -c 'import secrets; "
                "print(secrets.token_urlsafe(48))'"
            )
        return raw

    return _read(name, default, parse, f"a secret of at least {min_length} characters", secret=True)


def env_url(name: str, default: str | _Missing = REQUIRED, *, schemes: tuple[str, ...]) -> str:
    def parse(raw: str) -> str:
        scheme, sep, rest = raw.partition("://")
        if not sep or scheme not in schemes or not rest:
            raise ValueError("bad scheme or empty address")
        return raw

    return _read(name, default, parse, f"a URL with scheme {'/'.join(schemes)}")


def env_int_list(
    name: str, default: list[int] | _Missing = REQUIRED, *, minimum: int | None = None
) -> list[int]:
    """A comma-separated list of integers (each at least `minimum`), e.g. "30,7"."""

    def parse(raw: str) -> list[int]:
        items = [item.strip() for item in raw.split(",")]
        if any(not item for item in items):
            raise ValueError("empty item in the list")
        values = [int(item, 10) for item in items]
        if minimum is not None and any(value < minimum for value in values):
            raise ValueError(f"an item below the minimum {minimum}")
        return values

    return _read(name, default, parse, "a comma-separated list of integers")
