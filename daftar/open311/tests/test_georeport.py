"""GeoReport v2 at /open311/v2/: every endpoint in both formats, the filters, the errors (with
nothing created), a report becoming a file or a complaint with its SLA, and the status flowing
back. JSON answers are validated against the committed OpenAPI description."""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema_rs
import pytest
import yaml
from django.utils import timezone

from daftar.api.tests.fixtures import CITIZEN
from daftar.cases.models import File
from daftar.cases.services import file_apply_action
from daftar.core.actors import Actor
from daftar.notifications.models import SmsMessage
from daftar.open311.models import Open311Request
from daftar.open311.tests.xml_schema import valid_xml
from daftar.supervision.choices import ComplaintChannel, ComplaintRuling
from daftar.supervision.models import Complaint
from daftar.supervision.services.complaints import complaint_rule_on, complaint_take

BASE = "/open311/v2/"
SCHEMA = yaml.safe_load(
    (Path(__file__).resolve().parents[1] / "schema" / "georeport-v2.yaml").read_text()
)


def conforms(response, path: str, method: str = "get") -> object:
    """The JSON body, after checking it against the OpenAPI description of this answer."""
    answer = SCHEMA["paths"][path][method]["responses"][str(response.status_code)]
    if "$ref" in answer:
        answer = SCHEMA["components"]["responses"][answer["$ref"].rsplit("/", 1)[1]]
    schema = dict(answer["content"]["application/json"]["schema"])
    schema["components"] = SCHEMA["components"]
    body = response.json()
    jsonschema_rs.validator_for(_as_json_schema(schema)).validate(body)
    return body


def _as_json_schema(node):
    """OpenAPI 3.0 → JSON Schema: `nullable`, and `$ref`s into #/components kept resolvable."""
    if isinstance(node, list):
        return [_as_json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _as_json_schema(value) for key, value in node.items()}
    if node.pop("nullable", False) and "type" in node:
        node["type"] = [node["type"], "null"]
    if node.get("format") == "date-time":
        node.pop("format")
        node["pattern"] = r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d([+-]\d\d:\d\d|Z)$"
    return node


def xml_of(response) -> ET.Element:
    """The XML body, after checking it against the GeoReport v2 XSD."""
    assert response["Content-Type"].startswith("text/xml")
    valid_xml(response.content)
    return ET.fromstring(response.content)  # noqa: S314 (our own answer)


def report(world, **fields):
    data = {
        "api_key": world.key,
        "jurisdiction_id": "tehran.ir",
        "service_code": "pavement",
        "lat": "35.6997",
        "long": "51.3380",
        "attribute[area_m2]": "12",
        "attribute[zone]": "1",
        "account_id": CITIZEN["national_code"],
        "phone": CITIZEN["mobile"],
        "first_name": CITIZEN["first_name"],
        "description": "پیاده‌رو جلوی مدرسه شکسته است.",
        "media_url": "https://example.org/photo.jpg",
    }
    data.update(fields)
    return {key: value for key, value in data.items() if value is not None}


def complaint_report(world, **fields):
    data = {
        "api_key": world.bare_key,
        "service_code": "office-bribe",
        "address_string": "خیابان آزادی، پلاک ۱۲",
        "attribute[office_code]": "T0101",
        "phone": "09351234567",
        "description": "در دفتر برای کار فوری پول خواستند.",
    }
    data.update(fields)
    return {key: value for key, value in data.items() if value is not None}


def nothing_created():
    return (
        not Open311Request.objects.exists()
        and not File.objects.exists()
        and not Complaint.objects.exists()
    )


# --- discovery and services -------------------------------------------------------------------


def test_discovery_names_the_specification_and_both_formats(client, db):
    body = conforms(client.get(BASE + "discovery.json"), "/discovery.json")
    [endpoint] = body["endpoints"]
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert endpoint["url"].endswith("/open311/v2/")
    root = xml_of(client.get(BASE + "discovery.xml"))
    assert root.tag == "discovery"
    assert [f.text for f in root.findall("endpoints/endpoint/formats/format")] == [
        "text/xml",
        "application/json",
    ]


def test_the_service_list_shows_the_mapped_services_in_both_formats(client, world):
    body = conforms(client.get(BASE + "services.json"), "/services.json")
    assert [s["service_code"] for s in body] == ["pavement", "office-bribe"]
    assert body[0]["metadata"] is True
    assert body[0]["group"] == "streets"
    root = xml_of(client.get(BASE + "services.xml?jurisdiction_id=tehran.ir"))
    assert root.tag == "services"
    assert [s.findtext("service_code") for s in root.findall("service")] == [
        "pavement",
        "office-bribe",
    ]
    assert root.find("service/metadata").text == "true"


def test_a_file_services_attributes_come_from_its_form_fields(client, world):
    body = conforms(client.get(BASE + "services/pavement.json"), "/services/{service_code}.json")
    assert body["service_code"] == "pavement"
    area, zone = body["attributes"]
    assert (area["code"], area["datatype"], area["required"], area["order"]) == (
        "area_m2",
        "number",
        True,
        1,
    )
    assert "۱" in area["datatype_description"]
    assert "۱۰۰۰" in area["datatype_description"]  # the bounds, in the request's language
    assert zone["datatype"] == "singlevaluelist"
    assert [v["key"] for v in zone["values"]] == ["1", "2"]
    root = xml_of(client.get(BASE + "services/pavement.xml"))
    assert root.tag == "service_definition"
    assert [a.findtext("code") for a in root.findall("attributes/attribute")] == [
        "area_m2",
        "zone",
    ]
    assert [v.findtext("key") for v in root.findall("attributes/attribute/values/value")] == [
        "1",
        "2",
    ]


def test_a_complaint_service_asks_for_the_office(client, world):
    body = client.get(BASE + "services/office-bribe.json").json()
    [office] = body["attributes"]
    assert (office["code"], office["required"]) == ("office_code", True)


def test_an_unknown_service_or_jurisdiction_is_404_in_the_spec_format(client, world):
    response = client.get(BASE + "services/potholes.json")
    assert response.status_code == 404
    [error] = conforms(response, "/services/{service_code}.json")
    assert error["code"] == 404
    assert "potholes" in error["description"]
    response = client.get(BASE + "services.xml?jurisdiction_id=paris.fr")
    assert response.status_code == 404
    root = xml_of(response)
    assert root.tag == "errors"
    assert root.findtext("error/code") == "404"


# --- POST a report ----------------------------------------------------------------------------


def test_a_report_becomes_a_submitted_file_with_its_sla_and_an_sms(client, world):
    response = client.post(BASE + "requests.json", report(world))
    assert response.status_code == 201, response.content
    [created] = conforms(response, "/requests.json", "post")
    file = File.objects.get(tracking_code=created["service_request_id"])
    assert file.service.code == "ws-pavement"
    assert file.channel == "partner"
    assert file.partner == world.app
    assert file.citizen.national_code == CITIZEN["national_code"]
    assert file.form_data == {"area_m2": "12.00", "zone": 1}
    assert file.due_at is not None
    assert file.state.code == "awaiting_payment"
    assert SmsMessage.objects.filter(purpose="file_update").exists()
    made = Open311Request.objects.get()
    assert made.token == created["token"]
    assert made.file == file
    assert str(made.lat) == "35.699700"
    assert made.media_url == "https://example.org/photo.jpg"
    assert created["service_notice"] == "پیامک پیگیری فرستاده می‌شود."


def test_a_report_on_a_complaint_service_becomes_an_anonymous_complaint_in_xml(client, world):
    response = client.post(BASE + "requests.xml", complaint_report(world))
    assert response.status_code == 201, response.content
    root = xml_of(response)
    assert root.tag == "service_requests"
    request_id = root.findtext("request/service_request_id")
    complaint = Complaint.objects.get(tracking_code=request_id)
    assert complaint.channel == ComplaintChannel.OPEN311
    assert complaint.anonymous
    assert complaint.office == world.office
    assert complaint.category == "bribe"
    assert complaint.contact_mobile == "09351234567"
    assert complaint.due_at > timezone.now()
    assert "خیابان آزادی" in complaint.description
    assert SmsMessage.objects.get(purpose="complaint_update").to == "+989351234567"
    assert root.findtext("request/token") == Open311Request.objects.get().token


@pytest.mark.parametrize(
    ("change", "status", "words"),
    [
        ({"api_key": "dft_nope_nope"}, 403, "api_key"),
        ({"api_key": None}, 403, "api_key"),
        ({"jurisdiction_id": "paris.fr"}, 404, "jurisdiction_id"),
        ({"service_code": "potholes"}, 400, "potholes"),
        ({"service_code": ""}, 400, "service_code"),
        ({"attribute[zone]": None}, 400, "attribute[zone]"),
        ({"attribute[colour]": "red"}, 400, "attribute[colour]"),
        ({"attribute[zone]": "9"}, 400, ""),
        ({"lat": "95", "long": "51"}, 400, "lat"),
        ({"lat": "north", "long": "51"}, 400, "lat"),
        ({"lat": None, "long": None}, 400, "lat"),
        ({"media_url": "javascript:alert(1)"}, 400, "media_url"),
        ({"account_id": None}, 400, "account_id"),
        ({"phone": "09129999999"}, 400, ""),
    ],
)
def test_a_bad_report_is_refused_in_the_spec_format_and_creates_nothing(
    client, world, change, status, words
):
    response = client.post(BASE + "requests.json", report(world, **change))
    assert response.status_code == status, response.content
    [error] = conforms(response, "/requests.json", "post")
    assert error["code"] == status
    assert words in error["description"]
    assert nothing_created()


def test_a_key_without_the_open311_scope_is_refused(client, world, trusted_partner):
    _app, key = trusted_partner(name="Files only", scopes=["files"])
    response = client.post(BASE + "requests.xml", report(world, api_key=key))
    assert response.status_code == 403
    assert xml_of(response).findtext("error/code") == "403"
    assert nothing_created()


def test_an_app_without_signed_in_citizens_cannot_open_a_file(client, world):
    response = client.post(BASE + "requests.json", report(world, api_key=world.bare_key))
    assert response.status_code == 403
    assert "signed_in_citizens" in response.json()[0]["description"]
    assert nothing_created()


def test_a_complaint_report_needs_a_known_office_and_a_description(client, world):
    for change in (
        {"attribute[office_code]": None},
        {"attribute[office_code]": "X9999"},
        {"description": ""},
        {"phone": "12345"},
    ):
        response = client.post(BASE + "requests.json", complaint_report(world, **change))
        assert response.status_code == 400, (change, response.content)
    assert nothing_created()


def test_reports_are_rate_limited_per_app(client, world):
    world.bare_app.requests_per_minute = 1
    world.bare_app.save(update_fields=["requests_per_minute"])
    assert client.post(BASE + "requests.json", complaint_report(world)).status_code == 201
    response = client.post(BASE + "requests.json", complaint_report(world))
    assert response.status_code == 429
    assert Open311Request.objects.count() == 1


def test_the_public_api_is_rate_limited_per_address(client, world, settings):
    settings.OPEN311_REQUESTS_PER_MINUTE = 2
    assert client.get(BASE + "services.json").status_code == 200
    assert client.get(BASE + "services.json").status_code == 200
    response = client.get(BASE + "services.xml")
    assert response.status_code == 429
    assert xml_of(response).tag == "errors"


def test_a_control_character_is_refused_in_the_spec_format(client, world):
    response = client.get(BASE + "requests.json?status=open%00")
    assert response.status_code == 400
    assert response.json()[0]["code"] == 400


# --- GET requests, one request, tokens --------------------------------------------------------


@pytest.fixture
def two_reports(client, world):
    file_id = client.post(BASE + "requests.json", report(world)).json()[0]["service_request_id"]
    complaint_id = client.post(BASE + "requests.json", complaint_report(world)).json()[0][
        "service_request_id"
    ]
    return file_id, complaint_id


def test_requests_list_both_reports_without_personal_data(client, world, two_reports):
    file_id, complaint_id = two_reports
    response = client.get(BASE + "requests.json")
    body = conforms(response, "/requests.json")
    assert [r["service_request_id"] for r in body] == [complaint_id, file_id]
    text = response.content.decode()
    for personal in (CITIZEN["national_code"], CITIZEN["mobile"], "09351234567", "ندا"):
        assert personal not in text
    file_request = body[1]
    assert file_request["status"] == "open"
    assert file_request["agency_responsible"] == "معاونت شهرسازی"
    assert file_request["expected_datetime"]
    assert file_request["lat"] == 35.6997
    root = xml_of(client.get(BASE + "requests.xml"))
    assert root.tag == "service_requests"
    assert [r.findtext("service_request_id") for r in root.findall("request")] == [
        complaint_id,
        file_id,
    ]


def test_requests_filter_by_id_service_date_and_status(client, world, two_reports):
    file_id, complaint_id = two_reports

    def ids(query):
        response = client.get(BASE + "requests.json?" + query)
        return [r["service_request_id"] for r in conforms(response, "/requests.json")]

    assert ids(f"service_request_id={file_id},{complaint_id}") == [complaint_id, file_id]
    assert ids(f"service_request_id={file_id}&service_code=office-bribe") == [file_id]
    assert ids("service_code=office-bribe") == [complaint_id]
    assert ids("service_code=pavement,office-bribe&status=open") == [complaint_id, file_id]
    assert ids("status=closed") == []
    later = (timezone.now() + datetime.timedelta(hours=1)).isoformat()
    assert ids(f"start_date={later.replace('+', '%2B')}") == []
    earlier = "2020-01-01T00:00:00Z"
    assert ids(f"start_date={earlier}&end_date=2020-02-01T00:00:00Z") == []
    assert len(ids(f"start_date={earlier}")) == 2


def test_the_default_window_is_the_last_90_days(client, world, two_reports):
    Open311Request.objects.update(requested_at=timezone.now() - datetime.timedelta(days=91))
    assert client.get(BASE + "requests.json").json() == []
    assert len(client.get(BASE + "requests.json?start_date=2020-01-01T00:00:00Z").json()) == 2


@pytest.mark.parametrize(
    "query", ["status=pending", "start_date=yesterday", "end_date=2026-13-01T00:00:00Z",
              "start_date=2026-02-01T00:00:00Z&end_date=2026-01-01T00:00:00Z",
              "start_date=2026-02-01T00:00:00"],
)  # fmt: skip
def test_bad_filters_are_400(client, world, query):
    response = client.get(BASE + "requests.json?" + query)
    assert response.status_code == 400
    conforms(response, "/requests.json")


def test_one_request_and_a_token_resolve_in_both_formats(client, world, two_reports):
    file_id, _ = two_reports
    token = Open311Request.objects.get(service_request_id=file_id).token
    [one] = conforms(
        client.get(BASE + f"requests/{file_id}.json"), "/requests/{service_request_id}.json"
    )
    assert one["service_request_id"] == file_id
    assert one["service_code"] == "pavement"
    assert xml_of(client.get(BASE + f"requests/{file_id}.xml")).findtext("request/status") == "open"
    [answer] = conforms(client.get(BASE + f"tokens/{token}.json"), "/tokens/{token}.json")
    assert answer == {"service_request_id": file_id, "token": token}
    root = xml_of(client.get(BASE + f"tokens/{token}.xml"))
    assert root.findtext("request/service_request_id") == file_id
    for path in ("requests/999999999999.json", "tokens/abc.json", "requests/x%20y.xml"):
        assert client.get(BASE + path).status_code == 404


# --- status flowing back ----------------------------------------------------------------------


def test_a_cancelled_file_is_closed_with_its_state_as_notes(client, world, two_reports):
    file_id, _ = two_reports
    file = File.objects.get(tracking_code=file_id)
    file_apply_action(actor=Actor.partner(world.app), file=file, action="cancel")
    [one] = client.get(BASE + f"requests/{file_id}.json").json()
    assert one["status"] == "closed"
    assert one["status_notes"] == "لغوشده"
    assert [
        r["service_request_id"] for r in client.get(BASE + "requests.json?status=closed").json()
    ] == [file_id]
    assert SmsMessage.objects.filter(purpose="file_update").count() >= 2


def test_a_ruled_complaint_is_closed_with_its_ruling(client, world, personas, two_reports):
    _, complaint_id = two_reports
    complaint = Complaint.objects.get(tracking_code=complaint_id)
    supervisor = Actor.for_user(personas.supervisor)
    complaint_take(actor=supervisor, complaint=complaint)
    [one] = client.get(BASE + f"requests/{complaint_id}.json").json()
    assert one["status"] == "open"
    assert one["status_notes"] == "در دست رسیدگی"
    complaint_rule_on(
        actor=supervisor,
        complaint=complaint,
        ruling=ComplaintRuling.REJECTED,
        reasons="شواهدی یافت نشد.",
    )
    [one] = client.get(BASE + f"requests/{complaint_id}.json").json()
    assert one["status"] == "closed"
    assert "رد" in one["status_notes"]
    assert one["expected_datetime"] is None
    assert SmsMessage.objects.filter(purpose="complaint_update").count() >= 2
