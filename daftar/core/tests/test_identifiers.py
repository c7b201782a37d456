"""Iranian identifiers: what is accepted, what it becomes, and how a refusal is explained."""

from __future__ import annotations

import random
import re
from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from daftar.core.digits import to_persian_digits
from daftar.core.identifiers import (
    legal_id_check_digit,
    mobile_display,
    mobile_prefix_of,
    national_code_check_digit,
    normalize_legal_id,
    normalize_mobile,
    normalize_national_code,
    normalize_postal_code,
    normalize_sheba,
    sheba_check_digits,
    sheba_checksum_ok,
)


def refusal(normaliser: Callable[[object], str], value: object) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        normaliser(value)
    return caught.value


def rendered(error: ValidationError, language: str) -> str:
    with translation.override(language):
        return " ".join(error.messages)


# --- national code ---------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["0499370899", "1234567891", "0010350829", "0042846358"])
def test_valid_national_codes_are_accepted_unchanged(code):
    assert normalize_national_code(code) == code


def test_the_check_digit_follows_the_mod_11_rule():
    # 0,4,9,9,3,7,0,8,9 weighted 10..2 sum to 266; 266 % 11 = 2, so the check digit is 11 - 2.
    assert national_code_check_digit("049937089") == 9
    # 210 % 11 = 1, and remainders below 2 are the check digit itself.
    assert national_code_check_digit("123456789") == 1


@pytest.mark.parametrize("digit", "0123456789")
def test_all_same_digit_national_codes_are_rejected(digit):
    code = digit * 10
    # Every such code happens to satisfy the checksum, which is why it needs its own rule.
    assert national_code_check_digit(code[:9]) == int(digit)
    assert refusal(normalize_national_code, code).code == "national_code_repeated"


def test_a_national_code_with_a_wrong_check_digit_is_rejected():
    assert refusal(normalize_national_code, "0499370898").code == "national_code_checksum"


@pytest.mark.parametrize(
    "typed",
    [
        "۰۴۹۹۳۷۰۸۹۹",  # Persian digits
        "٠٤٩٩٣٧٠٨٩٩",  # Arabic-Indic digits
        "049-937089-9",
        " 049 937 0899 ",
        "۰۴۹-۹۳۷۰۸۹-۹",
        "049\u2013937\u20130899",  # en dashes from a word processor
    ],
)
def test_national_codes_typed_with_other_digits_spaces_or_dashes_are_normalised(typed):
    assert normalize_national_code(typed) == "0499370899"


@pytest.mark.parametrize(("typed", "count"), [("049937089", 9), ("04993708991", 11), ("1", 1)])
def test_national_codes_of_the_wrong_length_are_rejected_with_the_count(typed, count):
    error = refusal(normalize_national_code, typed)
    assert error.code == "national_code_length"
    assert error.params == {"count": count}
    assert str(count) in rendered(error, "en")


@pytest.mark.parametrize("typed", ["04993708a9", "O499370899", "049937089²", "०४९९३७०८९९"])
def test_national_codes_with_letters_or_foreign_digit_forms_are_rejected(typed):
    # "²" and Devanagari digits pass str.isdigit(); they must still be refused, not crash
    # int() or be stored as non-ASCII.
    assert refusal(normalize_national_code, typed).code == "national_code_not_digits"


@pytest.mark.parametrize("typed", [None, "", "  ", " - "])
def test_a_missing_national_code_asks_for_one(typed):
    assert refusal(normalize_national_code, typed).code == "national_code_required"


# --- legal-entity national ID ------------------------------------------------------------------


@pytest.mark.parametrize("code", ["10100132561", "10862754012", "14100227435", "10320001270"])
def test_valid_legal_ids_are_accepted(code):
    assert normalize_legal_id(code) == code


def test_a_legal_id_check_remainder_of_ten_becomes_zero():
    # (digit + tenth digit + 2) weighted 29,27,23,19,17 twice: this body leaves 10 mod 11.
    assert legal_id_check_digit("1001230989") == 0
    assert normalize_legal_id("10012309890") == "10012309890"


def test_legal_ids_typed_with_persian_digits_and_dashes_are_normalised():
    assert normalize_legal_id("۱۰۱-۰۰۱۳۲۵۶-۱") == "10100132561"


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("10100132562", "legal_id_checksum"),
        ("1010013256", "legal_id_length"),
        ("101001325611", "legal_id_length"),
        ("1010013256x", "legal_id_not_digits"),
        ("11111111111", "legal_id_repeated"),
        ("", "legal_id_required"),
    ],
)
def test_bad_legal_ids_are_rejected(typed, code):
    assert refusal(normalize_legal_id, typed).code == code


# --- postal code -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [
        ("1193653471", "1193653471"),
        ("11936-53471", "1193653471"),
        ("۱۱۹۳۶ ۵۳۴۷۱", "1193653471"),
        ("1193612020", "1193612020"),  # 0 and 2 are fine after the fifth digit
    ],
)
def test_valid_postal_codes_are_normalised(typed, canonical):
    assert normalize_postal_code(typed) == canonical


@pytest.mark.parametrize("typed", ["0193653471", "1203653471", "1193053471", "1193253471"])
def test_postal_codes_with_0_or_2_in_the_first_five_digits_are_rejected(typed):
    assert refusal(normalize_postal_code, typed).code == "postal_code_invalid"


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("119365347", "postal_code_length"),
        ("11936534711", "postal_code_length"),
        ("11936S3471", "postal_code_not_digits"),
        (None, "postal_code_required"),
    ],
)
def test_malformed_postal_codes_are_rejected(typed, code):
    assert refusal(normalize_postal_code, typed).code == code


# --- Sheba -----------------------------------------------------------------------------------

SHEBA = "IR820540102680020817909002"


@pytest.mark.parametrize(
    "typed",
    [
        SHEBA,
        "ir820540102680020817909002",
        "IR82 0540 1026 8002 0817 9090 02",
        "IR82-0540-1026-8002-0817-9090-02",
        "IR۸۲۰۵۴۰۱۰۲۶۸۰۰۲۰۸۱۷۹۰۹۰۰۲",
        "820540102680020817909002",  # 24 digits without IR: the prefix is implied
    ],
)
def test_sheba_numbers_are_normalised_to_upper_case_ir_and_24_digits(typed):
    assert normalize_sheba(typed) == SHEBA


def test_sheba_check_digits_follow_iso_13616():
    assert sheba_checksum_ok(SHEBA)
    assert sheba_check_digits(SHEBA[4:]) == SHEBA[2:4]


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("IR820540102680020817909003", "sheba_checksum"),
        ("IR920540102680020817909002", "sheba_checksum"),
        ("IR8205401026800208179090", "sheba_length"),
        ("IR82054010268002081790900200", "sheba_length"),
        ("IR82054010268002081790900X", "sheba_length"),
        ("DE89370400440532013000", "sheba_prefix"),
        ("8205401026800208179090021", "sheba_prefix"),  # 25 digits: no prefix can be implied
        ("", "sheba_required"),
    ],
)
def test_bad_sheba_numbers_are_rejected(typed, code):
    assert refusal(normalize_sheba, typed).code == code


def test_check_digits_01_are_refused_although_they_leave_the_right_remainder():
    # Reported: the remainder is the same as with check digits 98, which ISO 13616 gives.
    typed = "IR014369165780042904089170"
    assert sheba_checksum_ok(typed)
    assert sheba_check_digits(typed[4:]) == "98"
    assert normalize_sheba("IR98" + typed[4:]) == "IR98" + typed[4:]
    error = refusal(normalize_sheba, typed)
    assert error.code == "sheba_check_digits"
    assert "02" in rendered(error, "en")
    assert "۰۲" in rendered(error, "fa")


def _bban_whose_check_digits_are(wanted: str) -> str:
    for account in range(10**6):
        bban = f"0170000000{account:012d}"
        if sheba_check_digits(bban) == wanted:
            return bban
    raise AssertionError(wanted)


@pytest.mark.parametrize(("valid", "look_alike"), [("98", "01"), ("97", "00"), ("02", "99")])
def test_check_digits_00_01_and_99_are_refused_where_97_98_and_02_are_valid(valid, look_alike):
    bban = _bban_whose_check_digits_are(valid)
    assert normalize_sheba(f"IR{valid}{bban}") == f"IR{valid}{bban}"
    assert sheba_checksum_ok(f"IR{look_alike}{bban}")  # the mod-97 remainder alone passes
    assert refusal(normalize_sheba, f"IR{look_alike}{bban}").code == "sheba_check_digits"


def test_computed_check_digits_are_always_between_02_and_98():
    rng = random.Random(13616)
    for _ in range(3_000):
        bban = "".join(rng.choice("0123456789") for _ in range(22))
        digits = sheba_check_digits(bban)
        assert 2 <= int(digits) <= 98
        assert normalize_sheba(f"IR{digits}{bban}") == f"IR{digits}{bban}"


# Every Sheba the fixtures, sample statements, docs and demo data use as a *valid* account.
FIXTURE_SHEBAS = [
    "IR820540102680020817909002",  # core tests, treasury conftest (the treasury account)
    "IR062960000000100324200001",  # reconciliation, statement import and penalty tests
    "IR110170000000123456789001",  # sample statements (CSV, MT940), docs/bank-statements.md
    "IR490120000000004001234567",  # sample statements: the counterparty account
]


@pytest.mark.parametrize("sheba", FIXTURE_SHEBAS)
def test_every_sheba_the_fixtures_and_docs_use_is_still_valid(sheba):
    assert normalize_sheba(sheba) == sheba


def test_the_demo_treasury_and_office_shebas_are_still_valid():
    from daftar.core import generators

    # daftar/treasury/demo.py and daftar/offices/demo.py draw them exactly like this.
    assert normalize_sheba(generators.sheba(random.Random("treasury-account")))
    rng = random.Random(0)
    for _ in range(2_000):
        value = generators.sheba(rng)
        assert normalize_sheba(value) == value


# --- mobile ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "09123456789",
        "9123456789",
        "+989123456789",
        "00989123456789",
        "989123456789",
        "0912 345 6789",
        "0912-345-6789",
        "+98 912 345 6789",
        "۰۹۱۲۳۴۵۶۷۸۹",
        "٠٩١٢٣٤٥٦٧٨٩",
        "۰۰۹۸ ۹۱۲ ۳۴۵ ۶۷۸۹",
    ],
)
def test_mobiles_in_every_accepted_form_become_plus_989(typed):
    assert normalize_mobile(typed) == "+989123456789"


@pytest.mark.parametrize(
    "typed",
    [
        "02112345678",  # Tehran landline
        "2112345678",  # ten digits not starting with 9
        "0912345678",  # one digit short
        "091234567890",  # one digit long
        "+14155550123",
        "0912345678x",
        "+98९१२३४५६७८९",  # Devanagari digits are not folded, and not accepted
    ],
)
def test_numbers_that_are_not_iranian_mobiles_are_rejected(typed):
    assert refusal(normalize_mobile, typed).code == "mobile_invalid"


@pytest.mark.parametrize(
    "typed",
    [
        "(0912) 123 4567",
        "(0912)1234567",
        "+98(912)1234567",
        "+98 (912) 123-4567",
        "0098 (912) 123 4567",
        "+98 (0912) 123 4567",
        "(۰۹۱۲) ۱۲۳ ۴۵۶۷",
    ],
)
def test_mobiles_with_the_prefix_in_parentheses_are_accepted(typed):
    assert normalize_mobile(typed) == "+989121234567"


@pytest.mark.parametrize(
    "typed", ["0912)1234567", "(0912(1234567", "(0912)(123)4567", "()09121234567x"]
)
def test_mobiles_with_stray_parentheses_are_refused(typed):
    assert refusal(normalize_mobile, typed).code == "mobile_invalid"


@pytest.mark.parametrize(
    ("typed", "operator"),
    [
        ("09001234567", "Irancell"),
        ("09041234567", "Irancell"),
        ("09351234567", "Irancell"),
        ("09101234567", "MCI"),
        ("09961234567", "MCI"),
        ("09231234567", "RighTel"),
        ("09341234567", "TeleKish"),
        ("09981234567", "Shatel Mobile"),
        ("09998712345", "RighTel"),
    ],
)
def test_mobiles_in_allocated_ranges_are_accepted_with_their_operator(typed, operator):
    canonical = normalize_mobile(typed)
    assert mobile_prefix_of(canonical).operator == operator


def test_a_mobile_in_a_range_no_operator_uses_is_refused_naming_the_prefix():
    # Reported: 09512142425 was accepted; 095x belongs to no operator.
    error = refusal(normalize_mobile, "09512142425")
    assert error.code == "mobile_unallocated"
    assert "0951" in rendered(error, "en")
    assert "mobile number" in rendered(error, "en")
    persian = rendered(error, "fa")
    assert "۰۹۵۱" in persian
    assert "شماره همراه" in persian


@pytest.mark.parametrize(
    ("typed", "prefix"),
    [
        ("09412345678", "0941"),  # Irancell's data (fixed-wireless) range, not mobile
        ("09061234567", "0906"),
        ("09241234567", "0924"),
        ("09701234567", "0970"),
        ("09971234567", "0997"),
        ("09958123456", "09958"),  # 09955 and 099510 are in use, 09958 is not
        ("09951234567", "099512"),  # of 09951…, only 099510 is in use
    ],
)
def test_unallocated_ranges_are_refused_with_the_shortest_unused_prefix(typed, prefix):
    error = refusal(normalize_mobile, typed)
    assert error.code == "mobile_unallocated"
    with translation.override("en"):
        assert str(error.params["prefix"]) == prefix
    with translation.override("fa"):
        assert str(error.params["prefix"]) == to_persian_digits(prefix)


def test_the_shape_alone_can_be_checked_for_numbers_already_on_record():
    assert normalize_mobile("09512142425", check_prefix=False) == "+989512142425"
    assert refusal(normalize_mobile, "0951214242").code == "mobile_invalid"


def test_a_missing_mobile_asks_for_one():
    assert refusal(normalize_mobile, "").code == "mobile_required"


def test_mobiles_are_displayed_the_way_iranians_write_them():
    assert mobile_display("+989123456789") == "0912 345 6789"


# --- messages --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("normaliser", "typed", "field_name"),
    [
        (normalize_national_code, "", "national code"),
        (normalize_national_code, "12", "national code"),
        (normalize_national_code, "12a", "national code"),
        (normalize_national_code, "5555555555", "national code"),
        (normalize_national_code, "0499370898", "national code"),
        (normalize_legal_id, "", "national ID"),
        (normalize_legal_id, "12", "national ID"),
        (normalize_legal_id, "12a", "national ID"),
        (normalize_legal_id, "55555555555", "national ID"),
        (normalize_legal_id, "10100132562", "national ID"),
        (normalize_postal_code, "", "postal code"),
        (normalize_postal_code, "12", "postal code"),
        (normalize_postal_code, "12a", "postal code"),
        (normalize_postal_code, "1023456789", "postal code"),
        (normalize_sheba, "", "Sheba number"),
        (normalize_sheba, "DE89", "Sheba number"),
        (normalize_sheba, "IR12", "Sheba number"),
        (normalize_sheba, "IR820540102680020817909003", "Sheba number"),
        (normalize_mobile, "", "mobile number"),
        (normalize_mobile, "02112345678", "mobile number"),
        (normalize_mobile, "09512142425", "mobile number"),
        (normalize_sheba, "IR014369165780042904089170", "Sheba number"),
    ],
)
def test_every_refusal_names_the_field_and_renders_in_persian_and_english(
    normaliser, typed, field_name
):
    error = refusal(normaliser, typed)
    assert error.code
    assert field_name in rendered(error, "en")
    persian = rendered(error, "fa")
    assert persian.strip()
    assert "%(" not in persian  # placeholders are filled in every language


def test_direction_marks_copied_from_rtl_pages_are_ignored():
    from daftar.core.identifiers import normalize_national_code

    assert normalize_national_code("\u200e0499370899\u200f") == "0499370899"
    assert normalize_national_code("\u20660499370899\u2069") == "0499370899"


def test_a_trunk_zero_after_the_country_code_is_accepted():
    from daftar.core.identifiers import normalize_mobile

    assert normalize_mobile("+98 0912 123 4567") == "+989121234567"
    assert normalize_mobile("0098 0912 123 4567") == "+989121234567"


def test_a_legal_id_with_zeros_in_digits_four_to_nine_is_rejected():
    from django.core.exceptions import ValidationError

    from daftar.core.identifiers import legal_id_check_digit, normalize_legal_id

    body = "1230000004"
    with pytest.raises(ValidationError) as caught:
        normalize_legal_id(body + str(legal_id_check_digit(body)))
    assert caught.value.code == "legal_id_invalid"


# --- the list of allocated mobile prefixes -----------------------------------------------------


def test_the_prefix_file_names_its_source_and_the_day_it_was_checked():
    import json

    from daftar.core.identifiers import MOBILE_PREFIXES_FILE

    data = json.loads(MOBILE_PREFIXES_FILE.read_text(encoding="utf-8"))
    assert "libphonenumber" in data["source"]
    assert data["checked_on"] >= "2026-12-03"
    assert {row["prefix"] for row in data["prefixes"]} >= {"0912", "0935", "0921", "0990"}


def test_no_allocated_prefix_hides_inside_another():
    # "0999" and "09991" both listed would make the operator of 09991… ambiguous.
    from daftar.core.identifiers import mobile_prefixes

    prefixes = [entry.prefix for entry in mobile_prefixes()]
    for prefix in prefixes:
        assert not [other for other in prefixes if other != prefix and other.startswith(prefix)]


def test_the_prefix_file_is_read_once_per_process():
    from daftar.core.identifiers import mobile_prefixes

    normalize_mobile("09121234567")
    before = mobile_prefixes.cache_info()
    for _ in range(3):
        normalize_mobile("09351234567")
    after = mobile_prefixes.cache_info()
    assert after.misses == before.misses


def test_a_malformed_prefix_file_stops_with_a_message_naming_it(tmp_path, monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    from daftar.core import identifiers

    bad = tmp_path / "mobile_prefixes.json"
    bad.write_text('{"prefixes": [{"prefix": "912", "operator": "MCI", "operator_fa": ""}]}')
    monkeypatch.setattr(identifiers, "MOBILE_PREFIXES_FILE", bad)
    identifiers.mobile_prefixes.cache_clear()
    identifiers._prefixes_by_length.cache_clear()
    try:
        with pytest.raises(ImproperlyConfigured, match=r"mobile_prefixes\.json"):
            normalize_mobile("09121234567")
    finally:
        monkeypatch.undo()
        identifiers.mobile_prefixes.cache_clear()
        identifiers._prefixes_by_length.cache_clear()
    assert normalize_mobile("09121234567") == "+989121234567"


# Numbers this file refuses on purpose; any other mobile written anywhere in the project (demo
# data, fixtures, factories, the benchmarks, docs) must be in an allocated range.
DELIBERATELY_UNALLOCATED = {
    "+989512142425",
    "+989412345678",
    "+989061234567",
    "+989241234567",
    "+989701234567",
    "+989971234567",
    "+989958123456",
    "+989951234567",
}
_WRITTEN_MOBILE = re.compile(
    r"(?<![\d+])\(?(?:\+98|0098|0)[ \-]?\(?9\d{2}\)?[ \-]?\d{3}[ \-]?\d{4}(?!\d)"
)


def test_every_mobile_written_in_the_project_is_in_an_allocated_range():
    from pathlib import Path

    from daftar.core.digits import to_ascii_digits

    root = Path(__file__).resolve().parents[3]
    places = [root / name for name in ("daftar", "bench", "tests", "docs", "config")]
    files = [root / "README.md", root / "conftest.py"] + [
        path
        for place in places
        for path in place.rglob("*")
        if path.suffix in {".py", ".md", ".html", ".json", ".csv", ".txt", ".mt940", ".sql"}
        and "vendor" not in path.parts
    ]
    written: dict[str, set[str]] = {}
    for path in files:
        text = to_ascii_digits(path.read_text(encoding="utf-8", errors="replace"))
        for match in _WRITTEN_MOBILE.finditer(text):
            try:
                number = normalize_mobile(match.group(), check_prefix=False)
            except ValidationError:
                continue  # a refusal fixture of the wrong shape ("0912)1234567")
            written.setdefault(number, set()).add(str(path.relative_to(root)))
    assert len(written) > len(DELIBERATELY_UNALLOCATED)  # the scan does find the fixtures
    unallocated = {
        number: sorted(paths)
        for number, paths in written.items()
        if mobile_prefix_of(number) is None and number not in DELIBERATELY_UNALLOCATED
    }
    assert unallocated == {}
    assert set(written) >= DELIBERATELY_UNALLOCATED
