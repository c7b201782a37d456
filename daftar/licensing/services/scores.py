"""Exam scores: imported from a CSV file (all rows or none) or entered one at a time.

The CSV file is UTF-8 text with a header row and two columns, comma-separated:

    applicant_code,score          (or the Persian header: کد متقاضی,نمره)
    A1404-0017,87.5
    A1404-0018,absent             (or غایب: the applicant did not sit the exam)

A score is a number from 0 to 100 with at most two decimal places (Persian digits and the
Persian decimal separator are accepted). Every bad row is reported with its line number, the
field and the reason; if any row is bad, nothing is imported.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext_lazy as _

from daftar.audit.services import audit_record, audited
from daftar.core.actors import Actor
from daftar.core.digits import to_ascii_digits
from daftar.core.error_codes import CoreErrorCode
from daftar.core.errors import InvalidInput
from daftar.core.numbers import Bytes
from daftar.licensing.choices import ApplicationStatus, CallStatus
from daftar.licensing.error_codes import LicensingErrorCode
from daftar.licensing.models import Application, Call
from daftar.licensing.reasons import lazy_format
from daftar.licensing.services.common import STREAM, lock_call, require_staff, require_status

MAX_CSV_BYTES = 1024 * 1024
ABSENT_WORDS = {"absent", "غایب", "غائب"}
_HEADERS = ({"applicant_code", "score"}, {"کد متقاضی", "نمره"})


@dataclass(frozen=True)
class RowError:
    line: int
    field: str
    message: object  # a lazily translated sentence


class ScoreImportRejected(InvalidInput):
    """The file had bad rows; `errors` lists each one. Nothing was imported."""

    code = LicensingErrorCode.SCORE_IMPORT_REJECTED

    def __init__(self, errors: list[RowError]) -> None:
        self.errors = errors
        super().__init__(
            _("Nothing was imported: %(count)d row(s) of the file have errors."),
            field="file",
            params={"count": len(errors)},
        )


class _RowProblem(Exception):
    def __init__(self, field: str, message) -> None:
        self.field, self.message = field, message


def _parse_score(text: str) -> tuple[Decimal | None, bool]:
    """(score, absent) from what was typed."""
    value = to_ascii_digits(text or "").replace("٫", ".").strip()
    if not value:
        raise _RowProblem("score", _("The score is missing."))
    if value.lower() in ABSENT_WORDS:
        return None, True
    try:
        score = Decimal(value)
    except InvalidOperation:
        raise _RowProblem(
            "score", lazy_format(_("«%(value)s» is not a number."), {"value": value})
        ) from None
    if not score.is_finite() or not 0 <= score <= 100:
        raise _RowProblem(
            "score", lazy_format(_("A score is from 0 to 100; %(value)s is not."), {"value": value})
        )
    if score != score.quantize(Decimal("0.01")):
        raise _RowProblem("score", _("Use at most two decimal places."))
    return score.quantize(Decimal("0.01")), False


def _row(call: Call, applications: dict[str, Application], code: str, score_text: str):
    code = to_ascii_digits(code or "").strip().upper()
    if not code:
        raise _RowProblem("applicant_code", _("The applicant code is missing."))
    application = applications.get(code)
    if application is None:
        raise _RowProblem(
            "applicant_code",
            lazy_format(
                _("There is no applicant %(code)s in call %(call)s."),
                {"code": code, "call": call.code},
            ),
        )
    if application.status != ApplicationStatus.ELIGIBLE:
        raise _RowProblem(
            "applicant_code",
            lazy_format(
                _("%(code)s is not eligible (%(status)s); only eligible applicants sit the exam."),
                {"code": code, "status": ApplicationStatus(application.status).label},
            ),
        )
    score, absent = _parse_score(score_text)
    return application, score, absent


def parse_scores(call: Call, content: bytes) -> list[tuple[Application, Decimal | None, bool]]:
    """Every row checked; raises ScoreImportRejected listing all the bad ones."""
    if len(content) > MAX_CSV_BYTES:
        raise InvalidInput(
            _("The file is too large; the limit is %(limit)s."),
            code=CoreErrorCode.FILE_TOO_LARGE,
            field="file",
            params={"limit": Bytes(MAX_CSV_BYTES)},
        )
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput(
            _("The file must be CSV text in UTF-8."),
            code=LicensingErrorCode.FILE_ENCODING,
            field="file",
        ) from None
    rows = list(csv.reader(io.StringIO(text)))
    header = [cell.strip().lower() for cell in rows[0]] if rows else []
    if len(header) != 2 or set(header) not in _HEADERS:
        raise ScoreImportRejected(
            [
                RowError(
                    1,
                    "header",
                    _("The first line must be the header: applicant_code,score"),
                )
            ]
        )
    code_column = header.index("applicant_code" if "applicant_code" in header else "کد متقاضی")
    applications = {a.code: a for a in call.applications.all()}
    parsed, errors, seen = [], [], {}
    for line, cells in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        try:
            if len(cells) != 2:
                raise _RowProblem(
                    "row",
                    lazy_format(
                        _("Expected 2 columns (applicant_code, score); found %(count)d."),
                        {"count": len(cells)},
                    ),
                )
            application, score, absent = _row(
                call, applications, cells[code_column], cells[1 - code_column]
            )
            if application.code in seen:
                raise _RowProblem(
                    "applicant_code",
                    lazy_format(
                        _("%(code)s already appears on line %(line)d."),
                        {"code": application.code, "line": seen[application.code]},
                    ),
                )
            seen[application.code] = line
            parsed.append((application, score, absent))
        except _RowProblem as problem:
            errors.append(RowError(line, problem.field, problem.message))
    if errors:
        raise ScoreImportRejected(errors)
    if not parsed:
        raise InvalidInput(
            _("The file has no scores."), code=CoreErrorCode.EMPTY_FILE, field="file"
        )
    return parsed


def _apply(parsed) -> dict[str, list]:
    changes = {}
    for application, score, absent in parsed:
        before = [
            str(application.exam_score) if application.exam_score is not None else None,
            application.exam_absent,
        ]
        application.exam_score, application.exam_absent = score, absent
        changes[application.code] = [before, [str(score) if score is not None else None, absent]]
    Application.objects.bulk_update([a for a, _s, _a in parsed], ["exam_score", "exam_absent"])
    return changes


@audited
def scores_import(*, actor: Actor, call: Call, content: bytes) -> int:
    """Import a whole CSV file of scores, or nothing. Returns the number of rows imported."""
    require_staff(actor)
    call = lock_call(call)
    require_status(call, [CallStatus.REGISTRATION_CLOSED], action=_("entering exam scores"))
    parsed = parse_scores(call, content)
    changes = _apply(parsed)
    audit_record(
        actor=actor,
        action="scores.imported",
        stream=STREAM,
        obj=call,
        summary=f"{len(parsed)} exam score(s) imported for call {call.code}",
        after={"scores": changes},
    )
    return len(parsed)


@audited
def score_enter(*, actor: Actor, call: Call, code: str, score: str) -> Application:
    """Enter (or correct) one applicant's score; `score` may be a number or "absent"."""
    require_staff(actor)
    call = lock_call(call)
    require_status(call, [CallStatus.REGISTRATION_CLOSED], action=_("entering exam scores"))
    applications = {
        a.code: a
        for a in call.applications.filter(code=to_ascii_digits(code or "").strip().upper())
    }
    try:
        parsed = [_row(call, applications, code, score)]
    except _RowProblem as problem:
        raise InvalidInput(
            problem.message, code=LicensingErrorCode.SCORE_ROW_INVALID, field=problem.field
        ) from None
    changes = _apply(parsed)
    application = parsed[0][0]
    audit_record(
        actor=actor,
        action="scores.entered",
        stream=STREAM,
        obj=application,
        summary=f"exam score of {application.code} entered",
        before={"score": changes[application.code][0]},
        after={"score": changes[application.code][1]},
    )
    return application
