"""Iranian identifiers: what is accepted, what it becomes, and how a refusal is explained."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from daftar.core.identifiers import (
    legal_id_check_digit,
    mobile_display,
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
