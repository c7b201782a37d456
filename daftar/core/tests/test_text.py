"""Persian text normalisation and search keys."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from daftar.core.text import KASHIDA, ZWNJ, normalize_persian, search_key

# Persian and Arabic letters, look-alikes, diacritics, digits, spaces, ZWNJ, kashida, Latin.
persianish = st.text(
    alphabet=st.sampled_from(
        list("ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیآأإؤئءيكىةۀ")
        + list("\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0653\u0654\u0655\u0670")
        + list("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩0123456789")
        + [" ", "\t", "\n", "\u00a0", ZWNJ, KASHIDA, "\u200e", "\u200f"]
        + list("AbcZß-.")
    ),
    max_size=40,
)


@pytest.mark.parametrize(
    ("typed", "normalised"),
    [
        ("علي", "علی"),  # Arabic yeh
        ("موسى", "موسی"),  # alef maksura
        ("كريم", "کریم"),  # Arabic kaf
        ("مُحَمَّد", "محمد"),  # diacritics
        ("رحمٰن", "رحمن"),  # superscript alef
        ("تهـــران", "تهران"),  # kashida
        ("خانۀ دوست", "خانه دوست"),  # ezafe hamza
        ("مدرسة", "مدرسه"),  # teh marbuta
        ("آب", "آب"),  # madda letter is a letter, not a diacritic
        ("ا\u0653ب", "آب"),  # ...even when typed decomposed
        ("مسئول", "مسئول"),  # hamza seat letters are kept
        ("  شهرداری   منطقه\t۱ \n", "شهرداری منطقه ۱"),
        ("پلاک ۱۲ و ١٣ و 14", "پلاک ۱۲ و ١٣ و 14"),  # digits stay as typed
        ("\u200fتهران\u200e", "تهران"),  # bidi marks
        ("", ""),
    ],
)
def test_persian_text_is_normalised(typed, normalised):
    assert normalize_persian(typed) == normalised


@pytest.mark.parametrize(
    ("typed", "normalised"),
    [
        (f"می{ZWNJ}روم", f"می{ZWNJ}روم"),  # ZWNJ is part of the spelling
        (f"می{ZWNJ}{ZWNJ}{ZWNJ}روم", f"می{ZWNJ}روم"),
        (f"می {ZWNJ}روم", "می روم"),
        (f"می{ZWNJ} روم", "می روم"),
        (f"می {ZWNJ} {ZWNJ} روم", "می روم"),
        (f"{ZWNJ}کتاب{ZWNJ}", "کتاب"),
        (f"کتاب{ZWNJ}\u064e{ZWNJ}ها", f"کتاب{ZWNJ}ها"),
    ],
)
def test_zwnj_is_kept_but_tidied(typed, normalised):
    assert normalize_persian(typed) == normalised


def test_search_keys_match_across_keyboards_digits_and_case():
    assert search_key("علي كريمي") == search_key("علی کریمی")
    assert search_key("خیابان ۱۲") == search_key("خيابان ١٢") == search_key("خیابان 12")
    assert search_key("Tehran  Municipality") == "tehran municipality"
    assert search_key("Straße") == search_key("STRASSE")


def test_search_keys_fold_presentation_forms_copied_from_pdfs():
    assert search_key("\ufee3\ufea4\ufee4\ufeaa") == "محمد"  # isolated/initial/medial forms


def test_search_keys_keep_zwnj():
    assert search_key(f"علی{ZWNJ}پور") == f"علی{ZWNJ}پور"


@settings(max_examples=300, deadline=None)
@given(persianish)
def test_normalising_twice_changes_nothing(text):
    once = normalize_persian(text)
    assert normalize_persian(once) == once


@settings(max_examples=300, deadline=None)
@given(persianish)
def test_normalised_text_has_no_arabic_look_alikes_kashida_or_untidy_spacing(text):
    result = normalize_persian(text)
    assert not set(result) & set("يكىةۀ\u0640\u200e\u200f")
    assert not any("\u064b" <= char <= "\u065f" or char == "\u0670" for char in result)
    assert result == result.strip()
    assert "  " not in result
    assert not result.startswith(ZWNJ)
    assert not result.endswith(ZWNJ)
    assert f" {ZWNJ}" not in result
    assert f"{ZWNJ} " not in result
    assert ZWNJ * 2 not in result


@settings(max_examples=300, deadline=None)
@given(st.one_of(persianish, st.text(max_size=30)))
def test_search_keys_are_stable_and_use_ascii_digits(text):
    key = search_key(text)
    assert search_key(key) == key
    assert not set(key) & set("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩")
