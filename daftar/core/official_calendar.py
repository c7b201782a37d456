"""The official calendar of holidays, one JSON file per Jalali year in `data/holidays/<year>.json`,
kept by the calendar team (docs/administration/calendar.md) and read through a schema
(`core/datafiles.py`, ADR 0015).

Each file lists the year's holidays with their Jalali date, Persian and English names, kind
(solar: fixed by law; lunar: a Hijri date, which moves every year and can move by a day when
the moon is sighted), the Hijri date of a lunar one, and whether the date is still provisional
(not yet confirmed against the official calendar; the file's `notes` say how it was found).
Two holidays may fall on one day (Eid al-Ghadir on 15 Khordad): `by_day()` joins their names.

Loading a year into the database is `offices.services.holidays_load` (audited, idempotent),
through the `load_holidays` command and the demo seed.
"""

from __future__ import annotations

import datetime
import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import StrictBool, StrictInt, field_validator

from daftar.core.datafiles import DataFileError, DataRecord, datafile_load
from daftar.core.jalali import from_jalali

HOLIDAYS_DIR = Path(__file__).resolve().parent / "data" / "holidays"
_JALALI = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_HIJRI = re.compile(r"(\d{4})-(\d{2})-(\d{2})|")


class OfficialHoliday(DataRecord):
    date: str  # Jalali, "1405-01-01"
    name_fa: str
    name_en: str
    kind: Literal["solar", "lunar"]
    hijri: str = ""  # a lunar holiday's Hijri date, "1448-01-10"
    provisional: StrictBool = False

    @field_validator("date")
    @classmethod
    def _jalali(cls, value: str) -> str:
        match = _JALALI.fullmatch(value)
        if match is None:
            raise ValueError("a Jalali date written YYYY-MM-DD")
        try:
            from_jalali(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            raise ValueError(f"{value} is not a day of the Solar Hijri calendar") from None
        return value

    @field_validator("hijri")
    @classmethod
    def _hijri(cls, value: str) -> str:
        if _HIJRI.fullmatch(value) is None:
            raise ValueError("a Hijri date written YYYY-MM-DD, or empty")
        return value

    @property
    def gregorian(self) -> datetime.date:
        year, month, day = (int(part) for part in self.date.split("-"))
        return from_jalali(year, month, day)


class OfficialYear(DataRecord):
    year: StrictInt
    source: str
    notes: str
    holidays: tuple[OfficialHoliday, ...]


@dataclass(frozen=True, slots=True)
class OfficialDay:
    """One day of the official calendar, the holidays falling on it joined."""

    day: datetime.date
    name_fa: str
    name_en: str
    kind: str  # "solar" if any holiday of the day is solar (fixed), else "lunar"
    provisional: bool


def official_years() -> list[int]:
    """The years that have a file, in order."""
    return sorted(int(path.stem) for path in HOLIDAYS_DIR.glob("*.json") if path.stem.isdigit())


@functools.cache
def official_year(year: int) -> OfficialYear:
    """The file of `year`; DataFileError if there is none or it is wrong (by record)."""
    path = HOLIDAYS_DIR / f"{year}.json"
    if not path.exists():
        raise DataFileError(f"no official calendar for {year} ({path.name} is missing)")
    data = datafile_load(path, OfficialYear)
    if data.year != year:
        raise DataFileError(f"{path.name}: says year {data.year}")
    return data


def by_day(year: int) -> list[OfficialDay]:
    """The year's holidays one per day, in date order."""
    days: dict[datetime.date, list[OfficialHoliday]] = {}
    for holiday in official_year(year).holidays:
        days.setdefault(holiday.gregorian, []).append(holiday)
    result = []
    for day in sorted(days):
        items = days[day]
        result.append(
            OfficialDay(
                day=day,
                name_fa="، ".join(dict.fromkeys(item.name_fa for item in items)),
                name_en="; ".join(dict.fromkeys(item.name_en for item in items)),
                kind="solar" if any(item.kind == "solar" for item in items) else "lunar",
                provisional=any(item.provisional for item in items),
            )
        )
    return result
