# ruff: noqa: E501  (the messages are looked up verbatim)
"""Convert the error codes still typed as strings into ErrorCode members (issue 13, merge aid).

For merging branches written before the enums (docs/adr/0014-error-codes-as-enums.md): take the
other branch's side of a conflicting raise, run this, then `ruff check --fix . && ruff format .`.
A literal becomes the member with that value (values are unique across apps); a generic
"invalid" becomes the specific code its message had when the enums came in (below); anything
else is left alone and listed, and the error-code test names it. Delete this script once the
issue-13 branches are merged.

    DJANGO_SETTINGS_MODULE=config.settings.test .venv/bin/python scripts/convert_error_codes.py
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parent.parent

# The message of each raise that answered "invalid" -> its specific code (ADR 0014 changelog).
INVALID_BY_MESSAGE = {
    '_("A call number looks like 1404-1: the year, a dash and the call\'s number.")': "call_code_format",
    "_('%(name)s is listed twice.')": "split_beneficiary_repeated",
    "_('A decision number looks like 1404/27.')": "decision_number_format",
    "_('A licence term is between 1 and 10 years.')": "licence_term_out_of_range",
    "_('A member who has voted is present.')": "voter_not_present",
    "_('A renewal is between 1 and 10 years.')": "renewal_term_out_of_range",
    "_('A score is corrected only when the objection is upheld.')": "correction_without_upholding",
    "_('An entry needs at least two postings.')": "entry_too_short",
    "_('An office fee share needs the office.')": "office_fee_without_office",
    "_('An office has at least one counter.')": "counters_out_of_range",
    "_('Article numbers start at 1.')": "article_number_out_of_range",
    "_('At least one municipal revenue head must receive a share.')": "splits_without_revenue_head",
    "_('Chapter %(number)d does not exist in this version.')": "unknown_chapter",
    "_('Choose a degree.')": "unknown_degree",
    "_('Choose a field of study.')": "unknown_degree_field",
    "_('Choose a score from 1 to 5.')": "score_out_of_range",
    "_('Choose scopes among: %(scopes)s.')": "unknown_scope",
    "_('Closing time must be after opening time.')": "hours_closing_before_opening",
    "_('Decision %(number)s is not in year %(year)d of its date.')": "decision_number_year",
    "_('District %(number)s is not in this call.')": "district_not_in_call",
    "_('Each document type may be required once.')": "document_kind_repeated",
    "_('Each weekday may appear only once.')": "weekday_repeated",
    "_('Enter a date of birth in the past.')": "birth_date_invalid",
    "_('Enter the corrected score as a number.')": "score_format",
    "_('Ledger amounts are whole rials.')": "amount_not_whole_rials",
    "_('List at least one beneficiary.')": "splits_empty",
    "_('Only an adopted decision can be amended.')": "amends_not_adopted",
    "_('Only past days can be settled.')": "period_not_past",
    "_('Shares are whole basis points, not negative.')": "split_share_invalid",
    "_('The Idempotency-Key is too long (100 characters at most).')": "idempotency_key_too_long",
    "_('The adoption date cannot be in the future.')": "adoption_date_future",
    "_('The adoption date is earlier than that of the version in force.')": "adoption_date_before_current",
    "_('The agreement in principle of %(code)s runs from %(start)s to %(end)s; a licence cannot be issued on %(date)s.')": "licence_before_award",
    "_('The certificate must expire after it is issued.')": "certificate_expiry_before_issue",
    "_('The cited note does not belong to article %(number)d.')": "note_not_in_article",
    "_('The deadline to set up the office must be after the decision (%(date)s).')": "setup_deadline_before_award",
    "_('The leaving date cannot be before the hiring date.')": "left_before_hired",
    "_('The licence already belongs to this licensee.')": "transfer_to_same_licensee",
    "_('The payout is made after the period ends.')": "payout_before_period_end",
    "_('The penalty is a whole number of rials.')": "amount_not_whole_rials",
    "_('The penalty is larger than any the treasury accepts; check the amount.')": "penalty_too_large",
    "_('The penalty must be more than zero rials.')": "penalty_not_positive",
    "_('The period ends before it starts.')": "period_reversed",
    "_('The quorum must be between 1 and %(seats)d members.')": "quorum_out_of_range",
    "_('The shares must add up to 10,000 basis points (100%%); they add up to %(total)d.')": "splits_total",
    "_('This call does not ask for that document.')": "document_not_requested",
    "_('Unknown beneficiary %(name)s.')": "unknown_beneficiary",
    "_('Unknown degree.')": "unknown_degree",
    "_('Unknown field of study.')": "unknown_degree_field",
    "_('Unknown weekday.')": "unknown_weekday",
    "_('X-Timestamp must be Unix time in milliseconds.')": "timestamp_format",
    "results.py:problem.message": "score_format",
    "scores.py:problem.message": "score_row_invalid",
}


def main() -> int:
    sys.path.insert(0, str(ROOT))
    django.setup()
    from daftar.core.error_codes import error_code_enums
    from daftar.core.error_sites import error_classes

    members = {code.value: code for enum in error_code_enums() for code in enum}
    classes = error_classes()
    left = []
    for path in sorted((ROOT / "daftar").rglob("*.py")):
        parts = path.relative_to(ROOT).parts
        if "tests" in parts or "migrations" in parts:
            continue
        source = path.read_text(encoding="utf-8")
        edits = []
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Call) and _name(node.func) in classes:
                code = next((k.value for k in node.keywords if k.arg == "code"), None)
                message = ast.unparse(node.args[0]) if node.args else ""
            elif isinstance(node, ast.ClassDef) and node.name in classes:
                code = next(
                    (
                        s.value
                        for s in node.body
                        if isinstance(s, ast.Assign) and any(_name(t) == "code" for t in s.targets)
                    ),
                    None,
                )
                message = ""
            else:
                continue
            for part in ast.walk(code) if code is not None else ():
                if not (isinstance(part, ast.Constant) and isinstance(part.value, str)):
                    continue
                value = part.value
                if value == "invalid":
                    value = INVALID_BY_MESSAGE.get(
                        message, INVALID_BY_MESSAGE.get(f"{path.name}:{message}", "invalid")
                    )
                member = members.get(value)
                where = f"{path.relative_to(ROOT)}:{part.lineno}"
                if member is None or value == "invalid" or part.lineno != part.end_lineno:
                    left.append(f"{where}: {part.value!r}")
                    continue
                edits.append((part.lineno, part.col_offset, part.end_col_offset, member))
        if edits:
            source = _rewrite(path, source, edits)
        # A conflict resolved to the other side can drop an enum's import the code still uses.
        _import_missing(path, source, {enum.__name__: enum for enum in error_code_enums()})
    print("\n".join(["not converted:", *left]) if left else "every literal code converted")
    return 1 if left else 0


def _name(node):
    return node.id if isinstance(node, ast.Name) else getattr(node, "attr", None)


def _rewrite(path: Path, source: str, edits) -> str:
    lines = source.split("\n")
    for line, start, end, member in sorted(edits, reverse=True):
        enum = type(member)
        text = lines[line - 1]
        lines[line - 1] = f"{text[:start]}{enum.__name__}.{member.name}{text[end:]}"
    path.write_text("\n".join(lines), encoding="utf-8")
    print(f"converted {len(edits)} in {path.relative_to(ROOT)}")
    return "\n".join(lines)


def _import_missing(path: Path, source: str, enums: dict) -> None:
    tree = ast.parse(source)
    used = {
        node.value.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id in enums
    }
    bound = {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    } | {node.name for node in ast.walk(tree) if isinstance(node, ast.ClassDef)}
    imports = [f"from {enums[name].__module__} import {name}" for name in sorted(used - bound)]
    if not imports:
        return
    # After `from __future__` (ruff's isort puts them in place afterwards).
    anchor = "from __future__ import annotations\n"
    if anchor in source:
        source = source.replace(anchor, anchor + "\n" + "\n".join(imports) + "\n", 1)
    else:
        source = "\n".join(imports) + "\n" + source
    path.write_text(source, encoding="utf-8")
    print(f"imported {', '.join(sorted(used - bound))} in {path.relative_to(ROOT)}")


if __name__ == "__main__":
    sys.exit(main())
