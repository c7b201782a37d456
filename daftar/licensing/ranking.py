"""The published ranking formula of a licensing call: pure Python, no Django, no database.

The platform computes every published ranking with these functions, and anyone can check a
published results file with nothing but Python (3.11 or later) and this one file:

    python -m daftar.licensing.ranking results.json     # or: python ranking.py results.json
    manage.py licensing_recompute results.json          # the same, through Django

Both print whether the file's ranking is reproduced exactly (exit code 0) or list the
differences (exit code 1). This module is deliberately one self-contained file, so that it
can be handed to anyone as it is.

Formula — exact decimal arithmetic, never floating point:

    degree points      = degree_points[degree level]      (0 for a level not in the table)
    experience points  = min(experience years × experience_points_per_year,
                             experience_points_cap)
    total              = exam_weight × exam score + degree points + experience points

Totals are kept to 4 decimal places (rounded half up; exact for the platform's inputs, which
have at most 2 decimal places).

Who is ranked: every candidate in the file (an eligible applicant who sat the exam) whose exam
score is at least `pass_mark`. The others are listed as not ranked.

Order — one global order; each key only breaks ties left by the keys before it:
    1. total, highest first;
    2. exam score, highest first;
    3. years of experience, most first;
    4. applicant code, ascending. Codes are handed out in order of registration, so an exact
       tie goes to the earlier application; no two applicants share a code, so the order is
       total and the same file always gives the same ranking.

Allocation — serial dictatorship: candidates are taken in that order, and each is allocated
the first district in their own list of preferences that still has a free place in its quota.
A candidate whose listed districts are all full is allocated nothing.

District ranking: for each district, the ranked candidates who listed it, in the global order,
numbered from 1. A district's cut-off is the total of the last candidate allocated to it (none
when nobody was).

Quota proposal, before a call opens (the committee may then adjust it):
    proposed = max(0, ceil(population / people_per_office) − active offices in the district)
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

FORMAT = "daftar-licensing-results/1"
TOTAL_PLACES = Decimal("0.0001")
SCORE_PLACES = Decimal("0.01")
BELOW_PASS_MARK = "below_pass_mark"  # noqa: S105 - a reason code, not a secret

FORMULA_TEXT = {
    "total": (
        "exam_weight * exam_score + degree_points[degree_level] + "
        "min(experience_years * experience_points_per_year, experience_points_cap); "
        "exact decimals, total rounded half up to 4 places"
    ),
    "ranked": "candidates whose exam_score >= pass_mark",
    "order": ["total desc", "exam_score desc", "experience_years desc", "code asc"],
    "allocation": (
        "serial dictatorship: in the global order, each candidate is allocated the first "
        "district of their preferences that still has a free place in its quota"
    ),
    "district_ranking": "ranked candidates who listed the district, in the global order",
    "cutoff": "total of the last candidate allocated to the district",
    "quota_proposal": (
        "max(0, ceil(population / people_per_office) - active offices in the district)"
    ),
}


class InvalidResultsFile(ValueError):
    """The file is not a results file this module can read (named field, plain English)."""


def to_decimal(value: object, *, name: str = "value") -> Decimal:
    """A Decimal from a JSON string, integer or decimal; floats and booleans are refused."""
    if isinstance(value, bool | float):
        raise InvalidResultsFile(f"{name} must be written as a decimal string, not {value!r}")
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int | str):
        try:
            result = Decimal(str(value).strip())
        except InvalidOperation:
            raise InvalidResultsFile(f"{name} is not a number: {value!r}") from None
    else:
        raise InvalidResultsFile(f"{name} is not a number: {value!r}")
    if not result.is_finite():
        raise InvalidResultsFile(f"{name} is not a finite number: {value!r}")
    return result


def format_total(value: Decimal) -> str:
    return str(value.quantize(TOTAL_PLACES, rounding=ROUND_HALF_UP))


def format_score(value: Decimal) -> str:
    return str(value.quantize(SCORE_PLACES, rounding=ROUND_HALF_UP))


def propose_quota(population: int | None, people_per_office: int, active_offices: int) -> int:
    """max(0, ceil(population / people_per_office) − active offices); 0 if population unknown."""
    if population is None or population <= 0:
        return 0
    if people_per_office <= 0:
        raise ValueError("people_per_office must be positive")
    needed = -(-population // people_per_office)  # ceiling division on integers
    return max(0, needed - active_offices)


# --- inputs -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Parameters:
    exam_weight: Decimal
    degree_points: Mapping[str, Decimal]
    experience_points_per_year: Decimal
    experience_points_cap: Decimal
    pass_mark: Decimal

    def as_dict(self) -> dict:
        return {
            "exam_weight": str(self.exam_weight),
            "degree_points": {level: str(p) for level, p in sorted(self.degree_points.items())},
            "experience_points_per_year": str(self.experience_points_per_year),
            "experience_points_cap": str(self.experience_points_cap),
            "pass_mark": str(self.pass_mark),
        }

    @classmethod
    def from_dict(cls, data: Mapping) -> Parameters:
        try:
            points = data["degree_points"]
            if not isinstance(points, Mapping):
                raise InvalidResultsFile("degree_points must be an object")
            return cls(
                exam_weight=to_decimal(data["exam_weight"], name="exam_weight"),
                degree_points={
                    str(level): to_decimal(p, name=f"degree_points.{level}")
                    for level, p in points.items()
                },
                experience_points_per_year=to_decimal(
                    data["experience_points_per_year"], name="experience_points_per_year"
                ),
                experience_points_cap=to_decimal(
                    data["experience_points_cap"], name="experience_points_cap"
                ),
                pass_mark=to_decimal(data["pass_mark"], name="pass_mark"),
            )
        except KeyError as missing:
            raise InvalidResultsFile(f"parameter {missing} is missing") from None


@dataclass(frozen=True)
class Candidate:
    """An anonymised applicant: what the formula needs and nothing that identifies a person."""

    code: str
    exam_score: Decimal
    degree_level: str
    experience_years: int
    preferences: tuple[int, ...]

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "exam_score": format_score(self.exam_score),
            "degree_level": self.degree_level,
            "experience_years": self.experience_years,
            "preferences": list(self.preferences),
        }

    @classmethod
    def from_dict(cls, data: Mapping, *, index: int) -> Candidate:
        where = f"candidates[{index}]"
        try:
            code = data["code"]
            years = data["experience_years"]
            preferences = data["preferences"]
            if not isinstance(code, str) or not code:
                raise InvalidResultsFile(f"{where}.code must be a non-empty string")
            if isinstance(years, bool) or not isinstance(years, int) or years < 0:
                raise InvalidResultsFile(f"{where}.experience_years must be a whole number")
            if not isinstance(preferences, list) or not all(
                isinstance(d, int) and not isinstance(d, bool) for d in preferences
            ):
                raise InvalidResultsFile(f"{where}.preferences must be a list of districts")
            return cls(
                code=code,
                exam_score=to_decimal(data["exam_score"], name=f"{where}.exam_score"),
                degree_level=str(data["degree_level"]),
                experience_years=years,
                preferences=tuple(preferences),
            )
        except KeyError as missing:
            raise InvalidResultsFile(f"{where}: field {missing} is missing") from None


# --- the computation --------------------------------------------------------------------------


@dataclass(frozen=True)
class Scored:
    candidate: Candidate
    degree_points: Decimal
    experience_points: Decimal
    total: Decimal
    ranked: bool

    @property
    def code(self) -> str:
        return self.candidate.code


@dataclass(frozen=True)
class DistrictOutcome:
    district: int
    quota: int
    ranking: tuple[str, ...]
    allocated: tuple[str, ...]
    cutoff: Decimal | None


@dataclass(frozen=True)
class Outcome:
    scored: Mapping[str, Scored]
    order: tuple[str, ...]
    not_ranked: tuple[str, ...]
    allocation: Mapping[str, int | None]
    districts: Mapping[int, DistrictOutcome]

    def rank_of(self, code: str) -> int | None:
        try:
            return self.order.index(code) + 1
        except ValueError:
            return None


def score(candidate: Candidate, parameters: Parameters) -> Scored:
    degree = parameters.degree_points.get(candidate.degree_level, Decimal(0))
    experience = min(
        candidate.experience_years * parameters.experience_points_per_year,
        parameters.experience_points_cap,
    )
    total = (parameters.exam_weight * candidate.exam_score + degree + experience).quantize(
        TOTAL_PLACES, rounding=ROUND_HALF_UP
    )
    return Scored(
        candidate=candidate,
        degree_points=degree,
        experience_points=experience,
        total=total,
        ranked=candidate.exam_score >= parameters.pass_mark,
    )


def order_key(scored: Scored) -> tuple:
    """Total desc, exam score desc, experience desc, code asc."""
    c = scored.candidate
    return (-scored.total, -c.exam_score, -c.experience_years, c.code)


def compute(
    parameters: Parameters, quotas: Mapping[int, int], candidates: Iterable[Candidate]
) -> Outcome:
    candidates = list(candidates)
    codes = [c.code for c in candidates]
    if len(set(codes)) != len(codes):
        duplicate = next(code for code in codes if codes.count(code) > 1)
        raise InvalidResultsFile(f"applicant code {duplicate} appears more than once")
    for c in candidates:
        if len(set(c.preferences)) != len(c.preferences):
            raise InvalidResultsFile(f"{c.code} lists a district more than once")
    scored = {c.code: score(c, parameters) for c in candidates}
    ranked = sorted((s for s in scored.values() if s.ranked), key=order_key)
    order = tuple(s.code for s in ranked)
    not_ranked = tuple(sorted(s.code for s in scored.values() if not s.ranked))

    taken: dict[int, int] = {}
    allocation: dict[str, int | None] = {}
    for s in ranked:
        allocation[s.code] = None
        for district in s.candidate.preferences:
            if taken.get(district, 0) < quotas.get(district, 0):
                taken[district] = taken.get(district, 0) + 1
                allocation[s.code] = district
                break

    districts = {}
    listed = {d for s in ranked for d in s.candidate.preferences}
    for district in sorted(set(quotas) | listed):
        ranking = tuple(s.code for s in ranked if district in s.candidate.preferences)
        allocated = tuple(code for code in ranking if allocation[code] == district)
        districts[district] = DistrictOutcome(
            district=district,
            quota=quotas.get(district, 0),
            ranking=ranking,
            allocated=allocated,
            cutoff=scored[allocated[-1]].total if allocated else None,
        )
    return Outcome(
        scored=scored,
        order=order,
        not_ranked=not_ranked,
        allocation=allocation,
        districts=districts,
    )


# --- the published document ----------------------------------------------------------------


def results_section(outcome: Outcome) -> dict:
    """The `results` part of a published file, exactly as `compute` determines it."""
    return {
        "order": [
            {
                "rank": rank,
                "code": code,
                "total": format_total(outcome.scored[code].total),
                "allocated_district": outcome.allocation[code],
            }
            for rank, code in enumerate(outcome.order, start=1)
        ],
        "not_ranked": [{"code": code, "reason": BELOW_PASS_MARK} for code in outcome.not_ranked],
        "districts": {
            str(number): {
                "quota": d.quota,
                "ranking": [
                    {
                        "rank": rank,
                        "code": code,
                        "total": format_total(outcome.scored[code].total),
                        "allocated": outcome.allocation[code] == number,
                    }
                    for rank, code in enumerate(d.ranking, start=1)
                ],
                "cutoff": format_total(d.cutoff) if d.cutoff is not None else None,
            }
            for number, d in outcome.districts.items()
        },
    }


def build_document(
    *,
    call: Mapping,
    publication: Mapping,
    parameters: Parameters,
    quotas: Mapping[int, int],
    candidates: Sequence[Candidate],
) -> dict:
    """Everything needed to recompute the ranking, and the ranking itself."""
    outcome = compute(parameters, quotas, candidates)
    return {
        "format": FORMAT,
        "call": dict(call),
        "publication": dict(publication),
        "formula": {**FORMULA_TEXT, "parameters": parameters.as_dict()},
        "quotas": {str(d): q for d, q in sorted(quotas.items())},
        "candidates": [c.as_dict() for c in sorted(candidates, key=lambda c: c.code)],
        "results": results_section(outcome),
    }


def dumps(document: Mapping) -> str:
    """The canonical text of a published file (UTF-8, sorted keys, stable across runs)."""
    return json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def loads(text: str | bytes) -> dict:
    try:
        data = json.loads(text, parse_float=Decimal)
    except ValueError as error:
        raise InvalidResultsFile(f"not JSON: {error}") from None
    if not isinstance(data, dict):
        raise InvalidResultsFile("the file must hold one JSON object")
    return data


def read_inputs(document: Mapping) -> tuple[Parameters, dict[int, int], list[Candidate]]:
    """The formula's inputs from a published file (the `results` part is not used)."""
    if document.get("format") != FORMAT:
        raise InvalidResultsFile(f"format must be {FORMAT!r}, not {document.get('format')!r}")
    try:
        parameters = Parameters.from_dict(document["formula"]["parameters"])
        raw_quotas = document["quotas"]
        raw_candidates = document["candidates"]
    except (KeyError, TypeError) as missing:
        raise InvalidResultsFile(f"section {missing} is missing") from None
    quotas = {}
    for district, quota in raw_quotas.items():
        if not str(district).isdigit() or isinstance(quota, bool) or not isinstance(quota, int):
            raise InvalidResultsFile(f"quota of district {district!r} must be a whole number")
        quotas[int(district)] = quota
    if not isinstance(raw_candidates, list):
        raise InvalidResultsFile("candidates must be a list")
    candidates = [Candidate.from_dict(c, index=i) for i, c in enumerate(raw_candidates)]
    return parameters, quotas, candidates


@dataclass(frozen=True)
class Difference:
    """One place where the published results and the recomputation disagree."""

    section: str  # order, not_ranked, district_ranking, district_cutoff, district_quota, results
    key: str
    published: str
    recomputed: str

    def __str__(self) -> str:
        return (
            f"{self.section} {self.key}: published {self.published}, recomputed {self.recomputed}"
        )


def _entry(item: Mapping | None, *fields: str) -> str:
    if item is None:
        return "(nothing)"
    return " ".join(f"{field}={item.get(field)}" for field in fields)


def _compare_lists(section, key_prefix, published, recomputed, fields) -> list[Difference]:
    differences = []
    for index in range(max(len(published), len(recomputed))):
        left = published[index] if index < len(published) else None
        right = recomputed[index] if index < len(recomputed) else None
        if left != right:
            differences.append(
                Difference(
                    section,
                    f"{key_prefix}{index + 1}",
                    _entry(left, *fields),
                    _entry(right, *fields),
                )
            )
    return differences


def verify(document: Mapping) -> list[Difference]:
    """Recompute from the file's inputs alone; list what differs from its published results."""
    parameters, quotas, candidates = read_inputs(document)
    recomputed = results_section(compute(parameters, quotas, candidates))
    published = document.get("results")
    if not isinstance(published, Mapping):
        return [Difference("results", "", "(missing)", "(present)")]
    differences = _compare_lists(
        "order",
        "rank ",
        list(published.get("order") or []),
        recomputed["order"],
        ("code", "total", "allocated_district"),
    )
    left = [item.get("code") for item in published.get("not_ranked") or []]
    right = [item["code"] for item in recomputed["not_ranked"]]
    if left != right:
        differences.append(
            Difference("not_ranked", "", ", ".join(map(str, left)), ", ".join(right))
        )
    published_districts = published.get("districts") or {}
    for district in sorted(set(published_districts) | set(recomputed["districts"]), key=int):
        mine = published_districts.get(district) or {}
        theirs = recomputed["districts"].get(district) or {}
        if mine.get("quota") != theirs.get("quota"):
            differences.append(
                Difference(
                    "district_quota", district, str(mine.get("quota")), str(theirs.get("quota"))
                )
            )
        differences += _compare_lists(
            "district_ranking",
            f"{district} rank ",
            list(mine.get("ranking") or []),
            list(theirs.get("ranking") or []),
            ("code", "total", "allocated"),
        )
        if mine.get("cutoff") != theirs.get("cutoff"):
            differences.append(
                Difference(
                    "district_cutoff", district, str(mine.get("cutoff")), str(theirs.get("cutoff"))
                )
            )
    return differences


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if len(argv) != 1:
        print("usage: python -m daftar.licensing.ranking <published-results.json>")
        return 2
    try:
        with open(argv[0], "rb") as handle:
            document = loads(handle.read())
        differences = verify(document)
    except (OSError, InvalidResultsFile) as error:
        print(f"cannot check {argv[0]}: {error}")
        return 2
    if not differences:
        print(f"reproduced exactly: {len(document['results']['order'])} ranked candidates")
        return 0
    print(f"NOT reproduced: {len(differences)} difference(s)")
    for difference in differences:
        print(f"  {difference}")
    return 1


if __name__ == "__main__":
    raise SystemExit(main())
