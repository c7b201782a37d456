"""Tehran's 22 municipal districts.

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

_PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def name_fa(number: int) -> str:
    return f"منطقه {str(number).translate(_PERSIAN_DIGITS)}"


def name_en(number: int) -> str:
    return f"District {number}"
