"""Error codes are enum members, specific, unique across apps, described in both languages,
and tabled in docs/error-codes.md (ADR 0014)."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from daftar.core.error_codes import CoreErrorCode, error_code_enums
from daftar.core.error_sites import error_class, error_classes, error_sites
from daftar.core.error_table import TABLE_PATH, render_table
from daftar.core.errors import Conflict, InvalidInput

# A class whose default is one of these says nothing a client can act on: its raises must
# name a specific code. Forbidden, NotFound, RateLimited, ServiceUnavailable and the like
# default to the meaning of their HTTP status, which is specific enough.
GENERIC = {CoreErrorCode.ERROR, CoreErrorCode.INVALID, CoreErrorCode.CONFLICT}


def _sites():
    return error_sites()


def test_the_collector_finds_the_raises_of_every_app():
    apps_raising = {site.path.split("/")[1] for site in error_sites() if site.kind == "call"}
    assert {"accounts", "api", "cases", "catalogue", "core", "governance"} <= apps_raising
    assert {"licensing", "offices", "treasury"} <= apps_raising
    assert len([site for site in error_sites() if site.kind == "call"]) > 300


def test_no_error_is_raised_with_a_code_typed_as_a_string():
    literal = [
        f"{site.where}: {site.error_class}(code={site.string_literals[0]!r})"
        for site in _sites()
        if site.string_literals
    ]
    assert literal == [], "use a member of the app's ErrorCode enum:\n" + "\n".join(literal)


def test_no_error_is_raised_without_a_specific_code_where_its_class_answers_a_generic_one():
    classes = error_classes()
    enums = {enum.__name__: enum for enum in error_code_enums()}
    generic = []
    for site in _sites():
        if site.kind != "call":
            continue
        if not site.has_code and error_class(site.error_class, classes).code in GENERIC:
            generic.append(f"{site.where}: {site.error_class}() without a code")
        for enum_name, member in site.members:
            if enums[enum_name][member] in GENERIC:
                generic.append(f"{site.where}: {site.error_class}(code={enum_name}.{member})")
    assert generic == [], "name what went wrong with a specific code:\n" + "\n".join(generic)


def test_an_error_refuses_a_plain_string_as_its_code():
    with pytest.raises(TypeError, match="ErrorCode member"):
        InvalidInput("x", code="invalid")  # type: ignore[arg-type]


def test_an_error_class_refuses_a_plain_string_as_its_default_code():
    with pytest.raises(TypeError, match="declare an ErrorCode member"):

        class Typo(InvalidInput):
            code = "not_payabel"


def test_an_error_keeps_the_member_it_was_given_and_its_class_default_otherwise():
    assert InvalidInput(code=CoreErrorCode.REQUIRED).code is CoreErrorCode.REQUIRED
    assert Conflict().code is CoreErrorCode.CONFLICT
    assert InvalidInput(code=CoreErrorCode.REQUIRED).as_dict()["code"] == "required"


def test_codes_are_unique_across_apps():
    owners: dict[str, list[str]] = {}
    for enum in error_code_enums():
        assert len(enum.__members__) == len(enum), f"{enum.__name__} has an alias"
        for code in enum:
            owners.setdefault(code.value, []).append(enum.__name__)
    shared = {value: names for value, names in owners.items() if len(names) > 1}
    assert shared == {}


def test_each_app_declares_its_codes_in_its_own_enum_named_for_what_went_wrong():
    for enum in error_code_enums():
        app = enum.__module__.split(".")[1]
        assert enum.__module__ == f"daftar.{app}.error_codes"
        assert enum.__name__.lower() == f"{app}errorcode"
        for name, code in enum.__members__.items():
            assert name == code.value.upper(), f"{enum.__name__}.{name} = {code.value!r}"


def test_every_code_has_a_description_translated_into_persian():
    untranslated = []
    for enum in error_code_enums():
        for code in enum:
            with translation.override("en"):
                english = str(code.description)
            with translation.override("fa"):
                persian = str(code.description)
            if not english or persian == english:
                untranslated.append(f"{enum.__name__}.{code.name}")
    assert untranslated == []


def test_every_code_is_raised_somewhere():
    raised = {
        value
        for site in error_sites()
        for value in site.string_literals  # the workflow raises not converted yet
    }
    enums = {enum.__name__: enum for enum in error_code_enums()}
    raised |= {enums[e][m].value for site in error_sites() for e, m in site.members}
    classes = error_classes()
    raised |= {
        error_class(site.error_class, classes).code.value
        for site in error_sites()
        if site.kind == "call" and not site.has_code
    }
    unused = [code.value for enum in enums.values() for code in enum if code.value not in raised]
    assert unused == []


def test_the_table_of_codes_in_the_docs_is_up_to_date():
    assert TABLE_PATH.read_text(encoding="utf-8") == render_table(), (
        "docs/error-codes.md is stale: run `python manage.py error_codes`"
    )


def test_the_table_lists_every_code_with_its_status_and_both_meanings():
    table = render_table()
    assert "| `payout_before_period_end` | 400 | The payout date is not after" in table
    assert "| `not_refundable` | 409 |" in table
    assert "| `unauthenticated` | 401 |" in table
    assert "| `invalid_request` | 422 |" in table
    assert "تاریخ پرداخت پس از پایان دوره نیست" in table


def test_the_error_codes_command_fails_on_a_stale_table(tmp_path, monkeypatch):
    stale = tmp_path / "error-codes.md"
    stale.write_text("# Error codes\n", encoding="utf-8")
    monkeypatch.setattr("daftar.core.management.commands.error_codes.TABLE_PATH", stale)
    with pytest.raises(CommandError, match="stale"):
        call_command("error_codes", check=True)
