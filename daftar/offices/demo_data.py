"""The demo's Tehran: its 22 municipal districts and their sub-districts (نواحی), a neighbourhood
and a rough centre for each (office names, map positions), and street names for addresses, in
`data/demo/districts.json`.

Population figures are the 1395 (2016) census as reported per district in Tehran
Municipality's statistical publications, rounded; districts 21 and 22 are estimates. They feed
quota proposals in licensing, so treat them as demo data and replace them with the official
figures before a real call is opened.

Sub-district counts are APPROXIMATE: the city has about 123 sub-districts in all (published
totals vary between 112 and 123 over the years, as sub-districts were split and merged), and
these per-district counts are plausible figures that add up to 123, not the official list.
Replace them with Tehran Municipality's current figures before relying on coverage.
"""

from __future__ import annotations

import functools
from pathlib import Path

from pydantic import StrictInt

from daftar.core.datafiles import DataRecord, datafile_load

DISTRICTS_FILE = Path(__file__).resolve().parent / "data" / "demo" / "districts.json"
_PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


class DemoDistrict(DataRecord):
    number: StrictInt
    population: StrictInt
    sub_districts: StrictInt  # how many, numbered 1…n
    neighbourhood: str  # names its offices: "دفتر خدمات الکترونیک شهر <neighbourhood> <n>"
    centre: tuple[float, float]  # latitude, longitude


class DemoCity(DataRecord):
    population_year: StrictInt
    population_source: str
    districts: tuple[DemoDistrict, ...]
    streets: tuple[str, ...]

    def by_number(self) -> dict[int, DemoDistrict]:
        return {district.number: district for district in self.districts}


@functools.cache
def demo_city() -> DemoCity:
    return datafile_load(DISTRICTS_FILE, DemoCity)


def district_name_fa(number: int) -> str:
    return f"منطقه {str(number).translate(_PERSIAN_DIGITS)}"


def district_name_en(number: int) -> str:
    return f"District {number}"


def sub_district_name_fa(number: int) -> str:
    return f"ناحیه {str(number).translate(_PERSIAN_DIGITS)}"


def sub_district_name_en(number: int) -> str:
    return f"Sub-district {number}"
