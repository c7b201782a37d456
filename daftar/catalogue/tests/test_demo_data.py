"""The demo catalogue's data files keep the catalogue's rules: slugs, clean Persian and English
text, bounded fields, tariffs the app's formula evaluator accepts and that price within range,
splits summing to 100% to known beneficiaries."""

from __future__ import annotations

import itertools
import json
import re
from decimal import Decimal

import pytest

from daftar.catalogue import formula
from daftar.catalogue.demo_data import (
    SERVICES_FILE,
    ServicesFile,
    ServiceSpec,
    demo_organisation,
    demo_services,
)
from daftar.catalogue.formula import FormulaError
from daftar.core.datafiles import DataFileError, datafile_load

SERVICES = demo_services()
ORGANISATION = demo_organisation()
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
FIELD_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
# Arabic yeh, kaf, alef maksura; Arabic-Indic digits
ARABIC_LETTERS = re.compile("[\u064a\u0643\u0649\u0660-\u0669]")
DETACHED_AFFIX = re.compile(r"(^|\s)(ن?می)\s|\s(ها|های|هایی|ای|تر|ترین)(\s|$|[،.؛:)])")
NUMERIC_TYPES = {"integer", "decimal", "area", "choice"}


def assert_persian(text: str, where: str) -> None:
    assert text, f"{where}: empty Persian text"
    assert not ARABIC_LETTERS.search(text), f"{where}: Arabic letters or digits in {text!r}"
    assert not re.search(r"[0-9]", text), f"{where}: Latin digits in Persian text {text!r}"
    assert text == text.strip(), f"{where}: stray spaces in {text!r}"
    assert "  " not in text, f"{where}: double space in {text!r}"
    assert not re.search("(^|\\s)\u200c|\u200c(\\s|$)|\u200c\u200c", text), (
        f"{where}: misplaced ZWNJ in {text!r}"
    )
    assert not DETACHED_AFFIX.search(text), f"{where}: detached affix (ZWNJ?) in {text!r}"


def assert_english(text: str, where: str) -> None:
    assert text, f"{where}: empty English text"
    assert text == text.strip(), f"{where}: {text!r}"
    assert not re.search("[\u0600-\u06ff\u200c]", text), f"{where}: Persian in English"


def assert_coded(code: str, pattern: re.Pattern, label_fa: str, label_en: str, where: str) -> None:
    """A short code of the expected shape, labelled in clean Persian and English."""
    assert pattern.match(code), where
    assert len(code) <= 40, where
    assert_persian(label_fa, where)
    assert_english(label_en, where)


def by_code(services=SERVICES):
    return pytest.mark.parametrize("service", services, ids=[s.code for s in services])


def numeric_samples(service: ServiceSpec) -> dict[str, list[Decimal]]:
    """Each numeric field's low, middle and high value (each choice's value)."""
    samples = {}
    for field in service.fields:
        if field.type == "choice":
            samples[field.name] = [Decimal(choice.value) for choice in field.choices]
        elif field.type in NUMERIC_TYPES:
            middle = (field.min + field.max) / 2
            middle = Decimal(int(middle)) if field.type == "integer" else middle
            samples[field.name] = sorted({field.min, middle.quantize(Decimal("0.01")), field.max})
    return samples


def assert_tariff_prices_within_range(service: ServiceSpec) -> None:
    """The formula, read by the app's own safe evaluator, reads only required numeric fields
    and prices every combination of their low, middle and high values within range."""
    text = service.tariff.formula
    read = formula.names(text)  # raises FormulaError if the app would refuse it
    samples = numeric_samples(service)
    assert read <= set(samples), f"{service.code}: formula reads {read - set(samples)}"
    required = {field.name for field in service.fields if field.required}
    assert read <= required, f"{service.code}: formula reads optional fields {read - required}"
    names = sorted(read)
    for combination in itertools.product(*(samples[name] for name in names)):
        values = dict(zip(names, combination, strict=True))
        result = formula.evaluate(text, values)
        assert 0 <= result < 10**12, f"{service.code}: {result} for {values}"


# --- departments, domains, revenue heads, other beneficiaries -----------------------------------


def test_the_demo_has_four_deputies_and_six_domains_each_under_a_known_deputy():
    departments = [unit.code for unit in ORGANISATION.departments]
    assert departments == ["urban-planning", "transport", "finance", "services"]
    assert [domain.code for domain in ORGANISATION.domains] == [
        "building-permits",
        "construction-violations",
        "supervising-engineers",
        "transport-permits",
        "duties-and-bills",
        "waste-contracts",
    ]
    assert {domain.department for domain in ORGANISATION.domains} <= set(departments)


def test_revenue_heads_and_other_beneficiaries_are_named_once_each():
    for units in (ORGANISATION.revenue_heads, ORGANISATION.other_beneficiaries):
        codes = [unit.code for unit in units]
        assert len(codes) == len(set(codes))


def test_every_unit_has_a_short_slug_and_clean_persian_and_english_names():
    units = (
        *ORGANISATION.departments,
        *ORGANISATION.domains,
        *ORGANISATION.revenue_heads,
        *ORGANISATION.other_beneficiaries,
    )
    for unit in units:
        assert_coded(unit.code, SLUG, unit.name_fa, unit.name_en, unit.code)


def test_each_department_has_one_head_and_reviewers_with_persian_names():
    departments = {unit.code for unit in ORGANISATION.departments}
    usernames = [reviewer.username for reviewer in ORGANISATION.reviewers]
    assert len(usernames) == len(set(usernames))
    for reviewer in ORGANISATION.reviewers:
        assert reviewer.department in departments, reviewer.username
        assert_persian(reviewer.first_name, reviewer.username)
        assert_persian(reviewer.last_name, reviewer.username)
    for code in departments:
        staff = [r for r in ORGANISATION.reviewers if r.department == code]
        assert [r.is_head for r in staff].count(True) == 1, code
        assert any(not r.is_head for r in staff), code


# --- services -------------------------------------------------------------------------------------


def test_the_demo_offers_about_forty_services_each_under_its_own_code():
    assert 36 <= len(SERVICES) <= 44, len(SERVICES)
    codes = [service.code for service in SERVICES]
    assert len(codes) == len(set(codes)), "duplicate service codes"


@by_code()
def test_a_service_belongs_to_a_known_domain_and_department(service):
    assert SLUG.match(service.code)
    assert len(service.code) <= 40
    assert service.domain in {domain.code for domain in ORGANISATION.domains}
    assert service.department in {unit.code for unit in ORGANISATION.departments}


@by_code()
def test_a_service_is_titled_and_described_in_clean_persian_and_english(service):
    assert_persian(service.title_fa, f"{service.code}.title_fa")
    assert_persian(service.description_fa, f"{service.code}.description_fa")
    assert_english(service.title_en, f"{service.code}.title_en")
    assert_english(service.description_en, f"{service.code}.description_en")
    assert len(service.title_fa) <= 200
    assert len(service.title_en) <= 200
    for description in (service.description_fa, service.description_en):
        sentences = len(re.findall(r"[.!?؟](\s|$)", description))
        assert 1 <= sentences <= 3, f"{service.code}: {sentences} sentences in {description!r}"


@by_code()
def test_a_service_has_channels_a_deadline_a_workflow_and_a_refund_rule(service):
    assert service.channels, "no channel"
    assert len(service.channels) == len(set(service.channels))
    assert 1 <= service.sla_days <= 90
    assert service.workflow in {"permit", "certificate", "bill"}
    assert service.refundable_basis_points in {10000, 8000, 0}


@by_code()
def test_a_service_asks_for_two_to_six_bounded_fields(service):
    assert 2 <= len(service.fields) <= 6
    names = [field.name for field in service.fields]
    assert len(names) == len(set(names)), "duplicate field names"
    for field in service.fields:
        where = f"{service.code}.{field.name}"
        assert_coded(field.name, FIELD_NAME, field.label_fa, field.label_en, where)
        if field.type in {"integer", "decimal", "area"}:
            assert field.min is not None, where
            assert field.max is not None, where
            assert field.min <= field.max < Decimal(10) ** 12, f"{where}: bounds"
            for bound in (field.min, field.max):
                assert bound == bound.quantize(Decimal("0.01")), f"{where}: two decimals at most"
                if field.type == "integer":
                    assert bound == int(bound), f"{where}: integer bounds"
            if field.type == "area":
                assert field.min > 0, f"{where}: an area is more than zero"
        elif field.type == "year":
            # The upper bound is the current year, computed when the form is checked: a fixed
            # one (1404) refused this year's duty once the year turned.
            assert field.min is not None, where
            assert field.min == int(field.min), f"{where}: a year is whole"
            assert 1300 <= field.min <= 1404, f"{where}: a Solar Hijri year"
            assert field.max is None, f"{where}: no fixed latest year"
        else:
            assert field.min is None, f"{where}: bounds"
            assert field.max is None, f"{where}: bounds"
        if field.type == "choice":
            values = [choice.value for choice in field.choices]
            assert len(values) >= 2, where
            assert len(values) == len(set(values)), where
            for choice in field.choices:
                assert_persian(choice.label_fa, where)
                assert_english(choice.label_en, where)
        else:
            assert field.choices == (), f"{where}: choices"
        if field.type == "text":
            assert field.max_length is not None, where
            assert field.max_length > 0, where


@by_code()
def test_a_service_lists_one_to_four_documents_under_distinct_codes(service):
    assert 1 <= len(service.documents) <= 4
    codes = [document.code for document in service.documents]
    assert len(codes) == len(set(codes)), "duplicate documents"
    for document in service.documents:
        where = f"{service.code}.{document.code}"
        assert_coded(document.code, SLUG, document.title_fa, document.title_en, where)


@by_code()
def test_a_tariff_reads_required_numeric_fields_and_prices_within_range(service):
    assert_tariff_prices_within_range(service)


@by_code()
def test_a_tariff_says_its_formula_in_plain_persian_and_english(service):
    tariff = service.tariff
    assert_persian(tariff.description_fa, f"{service.code}.tariff")
    assert_english(tariff.description_en, f"{service.code}.tariff")
    for text in (tariff.description_fa, tariff.description_en):
        assert "_" not in text, f"{service.code}: a field name in the plain words"
        assert "[" not in text, f"{service.code}: a lookup table in the plain words"


def test_a_tariff_formula_the_app_would_refuse_fails_the_check():
    service = SERVICES[0]
    hostile = service.model_copy(
        update={"tariff": service.tariff.model_copy(update={"formula": "__import__('os')"})}
    )
    with pytest.raises(FormulaError):
        assert_tariff_prices_within_range(hostile)


def test_a_tariff_pricing_out_of_range_fails_the_check():
    service = next(s for s in SERVICES if formula.names(s.tariff.formula))
    read = sorted(formula.names(service.tariff.formula))[0]
    huge = service.model_copy(
        update={
            "tariff": service.tariff.model_copy(
                update={"formula": f"1_000_000_000_000 + 0 * {read}"}
            )
        }
    )
    with pytest.raises(AssertionError, match=r"1000000000000 for \{"):
        assert_tariff_prices_within_range(huge)


@by_code()
def test_a_tariff_splits_all_of_the_fee_first_to_a_revenue_head(service):
    revenue = {unit.code for unit in ORGANISATION.revenue_heads}
    other = {unit.code for unit in ORGANISATION.other_beneficiaries}
    splits = service.tariff.splits
    assert splits, "no splits"
    beneficiaries = [split.beneficiary for split in splits]
    assert len(beneficiaries) == len(set(beneficiaries)), "a beneficiary twice"
    assert beneficiaries[0].startswith("revenue:"), "the first split is not a revenue head"
    for split in splits:
        who, points = split.beneficiary, split.basis_points
        assert points > 0, who
        if who == "office_fee":
            assert "office" in service.channels, "an office fee without the office channel"
            assert 500 <= points <= 2000, f"office fee {points}"
        elif who.startswith("revenue:"):
            assert who.removeprefix("revenue:") in revenue, f"unknown revenue head {who}"
        else:
            assert who.startswith("other:"), f"unknown beneficiary {who}"
            assert SLUG.match(who.removeprefix("other:")), who
            assert who.removeprefix("other:") in other, f"unknown beneficiary {who}"
    assert sum(split.basis_points for split in splits) == 10_000


def test_every_revenue_head_and_other_beneficiary_receives_a_share_of_some_tariff():
    used = {split.beneficiary for service in SERVICES for split in service.tariff.splits}
    assert {f"revenue:{unit.code}" for unit in ORGANISATION.revenue_heads} <= used
    assert {f"other:{unit.code}" for unit in ORGANISATION.other_beneficiaries} <= used


# --- shared fields and documents ------------------------------------------------------------------


def write(tmp_path, data):
    path = tmp_path / "services.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_service_naming_a_shared_field_that_does_not_exist_is_named(tmp_path):
    service = {"code": "bp-renewal", "fields": [{"like": "zone"}, {"like": "zonee"}]}
    path = write(
        tmp_path,
        {"shared_fields": {"zone": {}}, "shared_documents": {}, "services": [{}, service]},
    )

    with pytest.raises(DataFileError) as caught:
        datafile_load(path, ServicesFile)

    assert "services.json" in str(caught.value)
    assert "services[1] 'bp-renewal' → fields[1]: nothing shared is called 'zonee'" in str(
        caught.value
    )


def test_a_shared_field_with_overrides_keeps_the_shared_keys_and_takes_the_new_ones(tmp_path):
    data = json.loads(SERVICES_FILE.read_text(encoding="utf-8"))
    data["services"] = data["services"][:1]
    data["services"][0]["fields"] = [
        {"like": "zone"},
        {"like": "use", "label_en": "Requested use", "required": False},
    ]
    path = write(tmp_path, data)

    (service,) = datafile_load(path, ServicesFile).services

    zone, use = service.fields
    assert zone.name == "zone"
    assert [choice.value for choice in zone.choices] == [1, 2, 3]
    assert (use.name, use.label_fa, use.label_en, use.required) == (
        "use",
        "کاربری",
        "Requested use",
        False,
    )
