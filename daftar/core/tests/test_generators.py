"""Generated identifiers are valid and reproducible; generated names are clean Persian."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator

import pytest

from daftar.core import generators
from daftar.core.identifiers import (
    mobile_prefix_of,
    normalize_legal_id,
    normalize_mobile,
    normalize_national_code,
    normalize_postal_code,
    normalize_sheba,
)
from daftar.core.text import normalize_persian

SEEDS = range(500)

PAIRS: list[tuple[Callable[[random.Random], str], Callable[[object], str]]] = [
    (generators.national_code, normalize_national_code),
    (generators.legal_id, normalize_legal_id),
    (generators.postal_code, normalize_postal_code),
    (generators.sheba, normalize_sheba),
    (generators.mobile, normalize_mobile),
]


@pytest.mark.parametrize(("generate", "normalise"), PAIRS, ids=lambda f: f.__name__)
def test_every_generated_identifier_is_already_canonical(generate, normalise):
    for seed in SEEDS:
        value = generate(random.Random(seed))
        assert normalise(value) == value, (seed, value)


@pytest.mark.parametrize(("generate", "normalise"), PAIRS, ids=lambda f: f.__name__)
def test_generated_identifiers_are_reproducible_from_the_seed(generate, normalise):
    assert generate(random.Random(42)) == generate(random.Random(42))
    assert len({generate(random.Random(seed)) for seed in range(50)}) > 45


@pytest.mark.parametrize(("generate", "normalise"), PAIRS, ids=lambda f: f.__name__)
def test_many_values_from_one_generator_stay_valid(generate, normalise):
    rng = random.Random(1)
    for _ in range(500):
        normalise(generate(rng))


class ScriptedRandom(random.Random):
    """Plays back chosen digits so the generator's retry path can be exercised."""

    def __init__(self, digits: str) -> None:
        super().__init__(0)
        self._digits: Iterator[str] = iter(digits)

    def choice(self, seq):
        return next(self._digits)


def test_generated_national_codes_are_never_one_repeated_digit():
    # 111111111 gets check digit 1; the generator must throw it away and draw again.
    rng = ScriptedRandom("1" * 9 + "049937089")
    assert generators.national_code(rng) == "0499370899"


def test_generated_postal_codes_never_start_with_four_equal_digits():
    rng = ScriptedRandom("3333" + "1193" + "6" + "53471")
    assert generators.postal_code(rng) == "1193653471"


def test_generated_sheba_numbers_use_known_bank_codes():
    for seed in range(100):
        value = generators.sheba(random.Random(seed))
        assert value[4:7] in generators.SHEBA_BANK_CODES


def test_generated_mobiles_use_real_operator_prefixes():
    for seed in range(100):
        value = generators.mobile(random.Random(seed))
        assert value.startswith("+989")
        assert value[3:6] in generators.operator_mobile_prefixes()
        assert mobile_prefix_of(value) is not None


def test_generated_mobiles_draw_from_every_operator_range_in_the_data_file():
    rng = random.Random(7)
    drawn = {generators.mobile(rng)[3:6] for _ in range(5000)}
    assert drawn == set(generators.operator_mobile_prefixes())
    assert {"912", "935", "921", "990", "904"} <= drawn


def test_generated_legal_ids_look_like_real_ones():
    for seed in range(100):
        value = generators.legal_id(random.Random(seed))
        assert value[:2] in {"10", "14"}
        assert int(value[3:9]) != 0


# --- names -----------------------------------------------------------------------------------

ALL_NAMES = [
    *generators.FEMALE_FIRST_NAMES,
    *generators.MALE_FIRST_NAMES,
    *generators.FAMILY_NAMES,
]


def test_the_name_lists_are_large_enough_and_have_no_duplicates():
    first = generators.FEMALE_FIRST_NAMES + generators.MALE_FIRST_NAMES
    assert len(first) >= 40
    assert len(generators.FAMILY_NAMES) >= 40
    assert len({fa for fa, _ in first}) == len(first)
    assert len({fa for fa, _ in generators.FAMILY_NAMES}) == len(generators.FAMILY_NAMES)


@pytest.mark.parametrize(("persian", "english"), ALL_NAMES)
def test_every_built_in_name_is_normalised_persian_with_a_latin_spelling(persian, english):
    assert normalize_persian(persian) == persian
    assert not set(persian) & set("يك")
    assert english.isascii()
    assert english.isalpha()
    assert english[0].isupper()


def test_a_person_has_matching_persian_and_english_names():
    for seed in range(100):
        person = generators.person(random.Random(seed))
        first = dict(generators.FEMALE_FIRST_NAMES + generators.MALE_FIRST_NAMES)
        assert first[person.first_fa] == person.first_en
        assert dict(generators.FAMILY_NAMES)[person.last_fa] == person.last_en
        assert person.full_fa == f"{person.first_fa} {person.last_fa}"
        assert person.full_en == f"{person.first_en} {person.last_en}"


def test_person_name_and_its_english_spelling_come_from_the_same_draw():
    first_fa, last_fa = generators.person_name(random.Random(3))
    first_en, last_en = generators.person_name_en(random.Random(3))
    person = generators.person(random.Random(3))
    assert (first_fa, last_fa, first_en, last_en) == (
        person.first_fa,
        person.last_fa,
        person.first_en,
        person.last_en,
    )


@pytest.mark.parametrize(
    ("sex", "names"),
    [("female", generators.FEMALE_FIRST_NAMES), ("male", generators.MALE_FIRST_NAMES)],
)
def test_a_person_of_a_chosen_sex_gets_a_first_name_of_that_sex(sex, names):
    for seed in range(50):
        person = generators.person(random.Random(seed), sex=sex)
        assert person.sex == sex
        assert (person.first_fa, person.first_en) in names


def test_both_sexes_appear_when_none_is_chosen():
    sexes = {generators.person(random.Random(seed)).sex for seed in range(50)}
    assert sexes == {"female", "male"}
