"""Tehran's 22 municipal districts and their sub-districts (نواحی).

Population figures are the 1395 (2016) census as reported per district in Tehran
Municipality's statistical publications, rounded; districts 21 and 22 are estimates.
They feed quota proposals in licensing, so treat them as demo data and replace them with
the official figures before a real call is opened.
"""

POPULATION_YEAR = 1395
POPULATION_SOURCE = "1395 census, per-district (rounded; 21 and 22 estimated) — demo data"

# (number, population)
DISTRICTS: list[tuple[int, int]] = [
    (1, 487_500),
    (2, 701_000),
    (3, 331_000),
    (4, 917_300),
    (5, 856_600),
    (6, 251_400),
    (7, 312_200),
    (8, 425_500),
    (9, 174_200),
    (10, 327_100),
    (11, 308_200),
    (12, 240_700),
    (13, 280_400),
    (14, 496_900),
    (15, 691_700),
    (16, 272_200),
    (17, 277_900),
    (18, 419_200),
    (19, 268_400),
    (20, 367_600),
    (21, 189_000),
    (22, 187_000),
]

# Sub-districts (نواحی) per district. APPROXIMATE: the city has about 123 sub-districts in all
# (published totals vary between 112 and 123 over the years, as sub-districts were split and
# merged), and these per-district counts are plausible figures that add up to 123, not the
# official list. Replace them with Tehran Municipality's current figures before relying on
# coverage. Sub-district populations are optional and left out here.
SUB_DISTRICTS: dict[int, int] = {
    1: 10,
    2: 9,
    3: 6,
    4: 9,
    5: 7,
    6: 6,
    7: 5,
    8: 4,
    9: 2,
    10: 3,
    11: 4,
    12: 6,
    13: 4,
    14: 6,
    15: 7,
    16: 6,
    17: 3,
    18: 5,
    19: 5,
    20: 7,
    21: 5,
    22: 4,
}

_PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def _fa_digits(number: int) -> str:
    return str(number).translate(_PERSIAN_DIGITS)


def name_fa(number: int) -> str:
    return f"منطقه {_fa_digits(number)}"


def name_en(number: int) -> str:
    return f"District {number}"


def sub_district_name_fa(number: int) -> str:
    return f"ناحیه {_fa_digits(number)}"


def sub_district_name_en(number: int) -> str:
    return f"Sub-district {number}"
