"""The official calendar files (core/data/holidays/<year>.json) and the deadline arithmetic
across a change of calendar."""

from __future__ import annotations

import datetime
import json

import pytest

from daftar.core.calendar import TEHRAN, WORKDAY_END, deadline_on_new_calendar
from daftar.core.datafiles import DataFileError, datafile_load
from daftar.core.jalali import jalali_year_bounds
from daftar.core.official_calendar import (
    HOLIDAYS_DIR,
    OfficialYear,
    by_day,
    official_year,
    official_years,
)

SOLAR_DAYS = {"01-01", "01-02", "01-03", "01-04", "01-12", "01-13", "03-14", "03-15", "11-22"}
LUNAR_HIJRI = {  # the official lunar holidays by Hijri month-day
    "01-09", "01-10", "02-20", "02-28", "02-30", "03-08", "03-17", "06-03", "07-13", "07-27",
    "08-15", "09-21", "10-01", "10-02", "10-25", "12-10", "12-18",
}  # fmt: skip


def test_there_are_files_for_last_this_and_next_year():
    assert {1404, 1405, 1406} <= set(official_years())


@pytest.mark.parametrize("year", official_years())
def test_each_year_lists_the_solar_holidays_and_only_official_lunar_ones(year):
    data = official_year(year)
    solar = {h.date[5:] for h in data.holidays if h.kind == "solar"}
    assert solar >= SOLAR_DAYS
    first, last = jalali_year_bounds(year)
    for holiday in data.holidays:
        assert holiday.date.startswith(f"{year}-"), holiday
        assert first <= holiday.gregorian <= last
        assert not {"ي", "ك"} & set(holiday.name_fa), holiday.name_fa
        assert holiday.name_en.isascii()
        assert holiday.name_en
        if holiday.kind == "lunar":
            assert holiday.hijri[5:] in LUNAR_HIJRI, holiday
    lunar = [h for h in data.holidays if h.kind == "lunar"]
    assert 14 <= len(lunar) <= 20  # 17 a Hijri year; a Jalali year holds 17 ± a few
    assert data.notes, "say how the lunar dates were found"


@pytest.mark.parametrize("year", official_years())
def test_two_holidays_on_one_day_become_one_day_with_both_names(year):
    days = by_day(year)
    assert len({d.day for d in days}) == len(days)
    assert [d.day for d in days] == sorted(d.day for d in days)


def test_a_wrong_record_is_refused_by_name(tmp_path):
    path = tmp_path / "1405.json"
    data = json.loads((HOLIDAYS_DIR / "1405.json").read_text(encoding="utf-8"))
    data["holidays"][0]["date"] = "1405-13-01"
    data["holidays"][1]["kind"] = "weekly"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(DataFileError) as refused:
        datafile_load(path, OfficialYear)
    assert "1405-13-01" in str(refused.value)
    assert "kind" in str(refused.value)


def test_a_year_without_a_file_is_named():
    with pytest.raises(DataFileError, match="1399"):
        official_year(1399)


def _at(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, WORKDAY_END, tzinfo=TEHRAN)


def test_a_deadline_moves_one_working_day_per_day_added_or_removed_between():
    start = datetime.datetime(2026, 12, 5, 9, tzinfo=TEHRAN)  # a Saturday
    due = _at(datetime.date(2026, 12, 10))  # Thursday: 5 working days
    holiday = datetime.date(2026, 12, 7)
    later = deadline_on_new_calendar(start, due, before=set(), after={holiday})
    assert later == _at(datetime.date(2026, 12, 12))  # past Friday to Saturday
    assert deadline_on_new_calendar(start, later, before={holiday}, after=set()) == due
    # a day after the deadline, or a Friday, changes nothing
    assert (
        deadline_on_new_calendar(start, due, before=set(), after={datetime.date(2026, 12, 13)})
        == due
    )
    assert (
        deadline_on_new_calendar(start, due, before=set(), after={datetime.date(2026, 12, 11)})
        == due
    )
