"""Open311's descriptions in Persian write their numbers in Persian digits (a limit, a range,
an example), in English in Latin digits; the machine `code` (the HTTP status) stays a number,
and what the client sent (a code, an id) is echoed as sent."""

from __future__ import annotations

import pytest
from django.conf import settings

from daftar.open311.tests.test_georeport import BASE, conforms, nothing_created, report

LATIN = set("0123456789")


def _english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def test_a_range_in_a_persian_error_has_persian_digits(client, world):
    response = client.post(BASE + "requests.json", report(world, lat="95", long="51"))
    assert response.status_code == 400
    [error] = conforms(response, "/requests.json", "post")
    assert error["code"] == 400  # the machine code is untouched
    assert "۹۰" in error["description"]
    assert "۱۸۰" in error["description"]
    assert not LATIN & set(error["description"]), error["description"]
    assert nothing_created()
    _english(client)
    [error] = client.post(BASE + "requests.json", report(world, lat="95", long="51")).json()
    assert "between -90 and 90" in error["description"]


def test_a_length_limit_in_a_persian_error_has_persian_digits(client, world):
    response = client.post(BASE + "requests.json", report(world, description="x" * 4001))
    [error] = conforms(response, "/requests.json", "post")
    assert "۴۰۰۰" in error["description"]
    assert "4000" not in error["description"]
    assert nothing_created()


def test_a_count_limit_of_a_filter_has_persian_digits(client, world):
    ids = ",".join(str(100000000000 + n) for n in range(101))
    response = client.get(BASE + "requests.xml?service_request_id=" + ids)
    assert response.status_code == 400
    assert "۱۰۰" in response.content.decode()
    _english(client)
    response = client.get(BASE + "requests.json?service_request_id=" + ids)
    assert "Ask for 100 service_request_id at most." in response.json()[0]["description"]


@pytest.mark.parametrize(("language", "expected"), [("fa", "۱۰۰۰"), ("en", "1000")])
def test_an_attributes_bounds_follow_the_language(client, world, language, expected):
    if language == "en":
        _english(client)
    body = client.get(BASE + "services/pavement.json").json()
    area = body["attributes"][0]
    assert expected in area["datatype_description"]
    if language == "fa":
        assert not LATIN & set(area["datatype_description"])


def test_what_the_client_sent_is_echoed_as_sent(client, world):
    response = client.post(BASE + "requests.json", report(world, service_code="pothole-2"))
    [error] = conforms(response, "/requests.json", "post")
    assert "pothole-2" in error["description"]  # a code, not a number to translate
