"""Identity fixtures shared by every app's tests (loaded from the root conftest): the answers
of the development mobile-ownership inquiry, and an inquiry that is down."""

from __future__ import annotations

import itertools

import pytest
from django.conf import settings as django_settings

_files = itertools.count()


class BrokenInquiry:
    """A provider that does not answer (the outside world, mocked)."""

    def check(self, *, national_code: str, mobile: str):
        raise TimeoutError("the operator's inquiry did not answer")


@pytest.fixture
def mobile_owners(settings, tmp_path):
    """Add answers to the shipped development file: `mobile_owners({"0012345679": ["0935…"]})`
    makes those pairs "match" and any other mobile of those codes "no match"."""
    shipped = django_settings.MOBILE_OWNERSHIP_FILE.read_text(encoding="utf-8")

    def write(owners: dict[str, list[str]]) -> None:
        path = tmp_path / f"mobile_owners_{next(_files)}.csv"
        extra = "".join(
            f"{code},{mobile}\n" for code, mobiles in owners.items() for mobile in mobiles
        )
        path.write_text(shipped + extra, encoding="utf-8")
        settings.MOBILE_OWNERSHIP_FILE = path

    return write


@pytest.fixture
def ownership_down(settings):
    """The mobile-ownership inquiry fails (time-out) for every question."""
    settings.MOBILE_OWNERSHIP_INQUIRY = "daftar.accounts.tests.fixtures.BrokenInquiry"
