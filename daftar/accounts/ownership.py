"""The national mobile-ownership inquiry: "does this mobile belong to this national code?"

In Iran every mobile line is registered to a national code, and the operators answer this
question for licensed services (through the regulator's "Shahkar" system or an aggregator).
Daftar asks it before it binds a national code to a mobile for the first time (ADR 0006).

The inquiry is pluggable like the SMS gateway: `settings.MOBILE_OWNERSHIP_INQUIRY` names a
class implementing `MobileOwnershipInquiry`. Production must name a real provider's adapter
explicitly (config/settings/prod.py refuses to start without one); development and tests use
`FileMobileOwnershipInquiry`, which answers from a file (`settings.MOBILE_OWNERSHIP_FILE`,
by default `daftar/accounts/data/mobile_owners.csv`).

An adapter answers one of three things and nothing else; any exception it raises (timeout,
refused connection, malformed answer) is taken as "unavailable", never as a match.
"""

from __future__ import annotations

import csv
import enum
import logging
import threading
from functools import cache
from pathlib import Path
from typing import Protocol

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.module_loading import import_string

from daftar.core.identifiers import normalize_mobile, normalize_national_code
from daftar.core.logging import mask_national_code

logger = logging.getLogger(__name__)


class Ownership(enum.StrEnum):
    MATCH = "match"  # the mobile is registered to this national code
    NO_MATCH = "no_match"  # it is registered to someone else (or to no one)
    UNAVAILABLE = "unavailable"  # the service could not answer now


class MobileOwnershipInquiry(Protocol):
    def check(self, *, national_code: str, mobile: str) -> Ownership:
        """Ask whether canonical `mobile` (+989…) belongs to canonical `national_code`.

        Return Ownership.UNAVAILABLE (or raise) when the provider cannot answer; never guess.
        """


class MobileOwnershipFileError(Exception):
    """The development answers file is malformed."""


class FileMobileOwnershipInquiry:
    """Development and tests: answers from a CSV file, `national_code,mobile` per line.

    A line binds a mobile to a national code (a person may own several lines). Blank lines
    and lines starting with `#` are ignored, and so is a `national_code,mobile` header. Both
    values may be written in any form the kernel accepts (Persian digits, 0912…, +98912…).

    * the pair is in the file → MATCH;
    * the national code is in the file, with other mobiles only → NO_MATCH;
    * the national code is not in the file → UNAVAILABLE: the file knows nothing about that
      person, as a real provider would not answer for a code it cannot look up.
    """

    _lock = threading.Lock()
    _cached: tuple[Path, int, dict[str, frozenset[str]]] | None = None

    def check(self, *, national_code: str, mobile: str) -> Ownership:
        owners = self._owners(Path(settings.MOBILE_OWNERSHIP_FILE))
        mobiles = owners.get(national_code)
        if mobiles is None:
            return Ownership.UNAVAILABLE
        return Ownership.MATCH if mobile in mobiles else Ownership.NO_MATCH

    @classmethod
    def _owners(cls, path: Path) -> dict[str, frozenset[str]]:
        stamp = path.stat().st_mtime_ns
        with cls._lock:
            cached = cls._cached
            if cached is not None and cached[0] == path and cached[1] == stamp:
                return cached[2]
            owners = parse_owners_file(path)
            cls._cached = (path, stamp, owners)
            return owners


def parse_owners_file(path: Path) -> dict[str, frozenset[str]]:
    owners: dict[str, set[str]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.reader(handle), start=1):
            cells = [cell.strip() for cell in row]
            if not any(cells) or cells[0].startswith("#"):
                continue
            if [cell.lower() for cell in cells] == ["national_code", "mobile"]:
                continue
            if len(cells) != 2:
                raise MobileOwnershipFileError(f"{path}:{number}: expected national_code,mobile")
            try:
                code, mobile = normalize_national_code(cells[0]), normalize_mobile(cells[1])
            except ValidationError as error:
                raise MobileOwnershipFileError(f"{path}:{number}: {error.messages[0]}") from error
            owners.setdefault(code, set()).add(mobile)
    return {code: frozenset(mobiles) for code, mobiles in owners.items()}


@cache
def _inquiry_class(path: str):
    return import_string(path)


def get_inquiry() -> MobileOwnershipInquiry:
    return _inquiry_class(settings.MOBILE_OWNERSHIP_INQUIRY)()


def mobile_ownership_check(*, national_code: str, mobile: str) -> Ownership:
    """Ask the configured inquiry. Call it outside any transaction: it may wait on a network."""
    masked = mask_national_code(national_code)
    try:
        answer = Ownership(get_inquiry().check(national_code=national_code, mobile=mobile))
    except Exception:  # a provider failure is "cannot answer", never a match
        logger.exception("mobile-ownership inquiry failed for %s", masked)
        return Ownership.UNAVAILABLE
    logger.info("mobile-ownership inquiry for %s: %s", masked, answer)
    return answer
