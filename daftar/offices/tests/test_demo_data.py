"""The demo's Tehran (offices/data/demo/districts.json): 22 districts numbered in order with
123 sub-districts between them, each with a population, a neighbourhood and a centre inside
the city; street names for addresses."""

from __future__ import annotations

import json

import pytest

from daftar.core.datafiles import DataFileError, datafile_load
from daftar.offices.demo_data import DISTRICTS_FILE, DemoCity, demo_city

CITY = demo_city()


def test_tehran_has_22_districts_numbered_in_order_and_123_sub_districts():
    assert [district.number for district in CITY.districts] == list(range(1, 23))
    assert sum(district.sub_districts for district in CITY.districts) == 123
    assert all(district.sub_districts >= 1 for district in CITY.districts)


def test_each_district_has_a_population_a_neighbourhood_and_a_centre_inside_tehran():
    for district in CITY.districts:
        assert 100_000 <= district.population <= 1_000_000, district.number
        assert district.neighbourhood.strip() == district.neighbourhood != "", district.number
        latitude, longitude = district.centre
        assert 35.55 <= latitude <= 35.85, district.number
        assert 51.15 <= longitude <= 51.60, district.number


def test_addresses_draw_on_distinct_street_names():
    assert len(CITY.streets) >= 10
    assert len(set(CITY.streets)) == len(CITY.streets)


def test_a_district_without_its_centre_is_refused_by_number(tmp_path):
    data = json.loads(DISTRICTS_FILE.read_text(encoding="utf-8"))
    del data["districts"][11]["centre"]
    path = tmp_path / "districts.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    with pytest.raises(DataFileError, match=r"districts\[11\] 12 → centre: Field required"):
        datafile_load(path, DemoCity)
