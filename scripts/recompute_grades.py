#!/usr/bin/env python3
"""Recompute every office's score and grade from a published grading input file.

Standard library only (Python 3.11 or later); hand this one file to anyone:

    python3 recompute_grades.py grades-1405-H1.csv

The file (downloaded from the published grading page of Daftar) has three comment lines —
the format, the period, and the formula as JSON (weights per indicator, the minimum score of
grades A to D) — then one row per office: its code, each indicator (0–100, higher is better;
empty when the office had no data for it), the score and the grade the platform computed.

Formula — exact decimal arithmetic, never floating point:

    score = Σ weight × indicator  /  Σ weight        over the indicators the office has
            (an empty indicator is left out and the other weights scaled up to fill its place;
             no indicator at all scores 0), rounded half up to 2 places
    grade = the first of A, B, C, D whose minimum the score reaches; E below D's minimum

Prints whether every score and grade is reproduced (exit code 0) or lists the differences
(exit code 1); a file it cannot read gives exit code 2.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

FORMAT = "daftar-grading-inputs/1"
INDICATORS = (
    "inspections",
    "sla",
    "ratings",
    "complaints",
    "uptime",
    "reconciliation",
    "overcharging",
    "declaration",
    "waiting",
)
GRADED = ("A", "B", "C", "D")
PLACES = Decimal("0.01")


class InvalidInputFile(ValueError):
    """The file is not a grading input file this script can read."""


def score(indicators: dict[str, Decimal | None], weights: dict[str, int]) -> Decimal:
    total = weight_sum = Decimal(0)
    for name in INDICATORS:
        value, weight = indicators.get(name), Decimal(weights.get(name, 0))
        if value is None or weight == 0:
            continue
        total += value * weight
        weight_sum += weight
    if weight_sum == 0:
        return Decimal("0.00")
    return (total / weight_sum).quantize(PLACES, rounding=ROUND_HALF_UP)


def grade(value: Decimal, thresholds: dict[str, int]) -> str:
    for letter in GRADED:
        if value >= Decimal(str(thresholds[letter])):
            return letter
    return "E"


def _decimal(text: str, where: str) -> Decimal | None:
    if text == "":
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise InvalidInputFile(f"{where}: {text!r} is not a number") from None
    if not value.is_finite():
        raise InvalidInputFile(f"{where}: {text!r} is not a number")
    return value


def read(text: str) -> tuple[dict, list[dict]]:
    """(the header: format, period, formula; the office rows)."""
    header: dict = {}
    body = []
    for line in text.splitlines():
        if line.startswith("# "):
            key, _, value = line[2:].partition(": ")
            if not value:
                header["format"] = key
            else:
                header[key] = value
        elif line.strip():
            body.append(line)
    if header.get("format") != FORMAT:
        raise InvalidInputFile(f"not a {FORMAT} file")
    try:
        formula = json.loads(header.get("formula", ""))
        weights, thresholds = formula["weights"], formula["thresholds"]
    except (ValueError, KeyError, TypeError):
        raise InvalidInputFile("the formula line is missing or not valid JSON") from None
    header["formula"] = formula
    rows = list(csv.DictReader(io.StringIO("\n".join(body))))
    expected = ["office", *INDICATORS, "score", "grade"]
    if rows and list(rows[0].keys()) != expected:
        raise InvalidInputFile(f"the columns are not {', '.join(expected)}")
    offices = []
    for number, row in enumerate(rows, start=1):
        where = f"row {number} ({row['office']})"
        offices.append(
            {
                "office": row["office"],
                "indicators": {n: _decimal(row[n], f"{where} {n}") for n in INDICATORS},
                "score": _decimal(row["score"], f"{where} score"),
                "grade": row["grade"],
            }
        )
    if not isinstance(weights, dict) or not isinstance(thresholds, dict):
        raise InvalidInputFile("the formula's weights and thresholds must be objects")
    return header, offices


def verify(text: str) -> tuple[int, list[str]]:
    """(offices checked, differences as sentences)."""
    header, offices = read(text)
    formula = header["formula"]
    differences = []
    for row in offices:
        mine = score(row["indicators"], formula["weights"])
        letter = grade(mine, formula["thresholds"])
        if mine != row["score"]:
            differences.append(
                f"{row['office']}: score published {row['score']}, recomputed {mine}"
            )
        if letter != row["grade"]:
            differences.append(
                f"{row['office']}: grade published {row['grade']}, recomputed {letter}"
            )
    return len(offices), differences


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if len(argv) != 1:
        print("usage: python3 recompute_grades.py <published-grading-inputs.csv>")
        return 2
    try:
        with open(argv[0], encoding="ascii") as handle:
            checked, differences = verify(handle.read())
    except (OSError, UnicodeDecodeError, InvalidInputFile) as error:
        print(f"cannot check {argv[0]}: {error}")
        return 2
    if not differences:
        print(f"reproduced exactly: {checked} offices, every score and grade matches")
        return 0
    print(f"NOT reproduced: {len(differences)} difference(s)")
    for difference in differences:
        print(f"  {difference}")
    return 1


if __name__ == "__main__":
    raise SystemExit(main())
