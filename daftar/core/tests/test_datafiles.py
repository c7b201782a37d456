"""A data file that cannot be read, is not JSON or breaks its schema is refused with an error
naming the file and the record, never half-loaded."""

from __future__ import annotations

import json

import pytest

from daftar.core.datafiles import DataFileError, DataRecord, datafile_load, record_path


class Place(DataRecord):
    code: str
    number: int


class Places(DataRecord):
    places: tuple[Place, ...]


def write(tmp_path, data, name="places.json"):
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_good_file_loads_as_its_schema(tmp_path):
    path = write(tmp_path, {"places": [{"code": "tajrish", "number": 1}]})

    places = datafile_load(path, Places)

    assert places.places == (Place(code="tajrish", number=1),)


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(DataFileError, match=r"nowhere\.json: cannot be read"):
        datafile_load(tmp_path / "nowhere.json", Places)


def test_broken_json_is_named_with_its_line(tmp_path):
    path = tmp_path / "places.json"
    path.write_text('{"places": [\n  {"code": "tajrish",}\n]}', encoding="utf-8")

    with pytest.raises(DataFileError, match=r"places\.json: not valid JSON at line 2"):
        datafile_load(path, Places)


def test_a_bad_record_is_named_by_file_position_and_code(tmp_path):
    path = write(
        tmp_path,
        {"places": [{"code": "tajrish", "number": 1}, {"code": "vanak", "number": "three"}]},
    )

    with pytest.raises(DataFileError) as caught:
        datafile_load(path, Places)

    message = str(caught.value)
    assert "places.json" in message
    assert "places[1] 'vanak' → number" in message


def test_an_unknown_key_is_refused_not_ignored(tmp_path):
    path = write(tmp_path, {"places": [{"code": "tajrish", "number": 1, "nmuber": 2}]})

    with pytest.raises(DataFileError, match=r"places\[0\] 'tajrish' → nmuber: Extra inputs"):
        datafile_load(path, Places)


def test_every_bad_record_is_listed_not_only_the_first(tmp_path):
    path = write(tmp_path, {"places": [{"code": "a"}, {"code": "b", "number": 2}, {"number": 3}]})

    with pytest.raises(DataFileError) as caught:
        datafile_load(path, Places)

    message = str(caught.value)
    assert "2 record(s)" in message
    assert "places[0] 'a' → number: Field required" in message
    assert "places[2] 3 → code: Field required" in message


def test_a_record_path_walks_nested_lists_and_names_each_item():
    data = {"services": [{"code": "x"}, {"code": "y", "fields": [{"name": "zone"}]}]}

    assert record_path(data, ("services", 1, "fields", 0, "type")) == (
        "services[1] 'y' → fields[0] 'zone' → type"
    )
    assert record_path(data, ()) == "(the whole file)"
