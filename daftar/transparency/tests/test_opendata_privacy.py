"""No personal data ever: files of citizens with real-looking national codes, mobiles, names and
addresses (in their form data, their complaints, the licensee and the office's address) go
through the whole chain — the aggregates' build, then the publication — and every published
file is scanned for national codes, mobiles and those names: none may be found."""

from __future__ import annotations

import datetime
import random
import re

import pytest
from django.db.models import F
from django.test import Client

from daftar.accounts.tests.factories import CitizenFactory
from daftar.cases import services as cases
from daftar.cases.models import File
from daftar.cases.tests.fixtures import FORM, pdf
from daftar.catalogue.choices import Channel
from daftar.core import generators
from daftar.core.actors import Actor
from daftar.core.digits import to_ascii_digits
from daftar.core.identifiers import national_code_check_digit
from daftar.offices.models import Office
from daftar.supervision.choices import ComplaintCategory
from daftar.supervision.models import Complaint
from daftar.supervision.tests import complaints_fixtures
from daftar.transparency.services.aggregates import aggregates_build
from daftar.transparency.services.opendata import opendata_publish
from daftar.transparency.tests import test_opendata_world as world
from daftar.transparency.tests.test_opendata_world import YESTERDAY

open_data_dir = world.open_data_dir
complaint_rules = complaints_fixtures.complaint_rules

pytestmark = pytest.mark.django_db

PEOPLE = [
    ("مریم", "ایزدپناه"),
    ("کیوان", "شریعتمداری"),
    ("نسترن", "فرهمندپور"),
    ("بهرام", "قوامی‌نژاد"),
    ("Shirin", "Esfandiari"),
    ("ژاله", "تفرشیان"),
]
ADDRESS = "تهران، خیابان ولیعصر، کوچه یاس‌پور، پلاک ۴۷، واحد ۳"
LICENSEE_NATIONAL_CODE = "1234567891"  # counter_ready's licensee, حسن صالحی


def _valid_national_code(digits: str) -> bool:
    return len(set(digits)) > 1 and national_code_check_digit(digits[:9]) == int(digits[9])


def _national_codes(text: str) -> list[str]:
    return [code for code in re.findall(r"(?<!\d)\d{10}(?!\d)", text) if _valid_national_code(code)]


def _mobiles(text: str) -> list[str]:
    return re.findall(r"(?:\+98|0098|(?<!\d)0)?9\d{9}(?!\d)", text)


@pytest.fixture
def citizens_with_files(personas, catalogue, counter_ready, complaint_rules):
    rng = random.Random(1405)
    citizens = [
        CitizenFactory(
            first_name=first,
            last_name=last,
            national_code=generators.national_code(rng),
            mobile=generators.mobile(rng),
        )
        for first, last in PEOPLE
    ]
    Office.objects.filter(pk=counter_ready.pk).update(address=ADDRESS)
    for index, citizen in enumerate(citizens * 2):
        form = {**FORM, "owner": citizens[(index + 1) % len(citizens)].national_code}
        if index % 2:
            cases.file_open(
                actor=Actor.for_user(citizen),
                service=catalogue.service,
                channel=Channel.WEB,
                citizen=citizen,
                form_data=form,
                documents={"deed": pdf()},
            )
        else:
            cases.file_open(
                actor=Actor.for_user(personas.operator_a),
                service=catalogue.service,
                channel=Channel.OFFICE,
                citizen=citizen,
                form_data=form,
                documents={"deed": pdf()},
                office=counter_ready,
                operator=personas.operator_a,
            )
    for citizen in citizens[:3]:
        complaints_fixtures.file_portal(
            citizen,
            category=ComplaintCategory.OVERCHARGING,
            office=counter_ready,
            description=(
                f"من {citizen.first_name} {citizen.last_name} با کد ملی {citizen.national_code} "
                f"و همراه {citizen.mobile}، ساکن {ADDRESS}، بیش از تعرفه پرداختم."
            ),
            contact_mobile="0" + citizen.mobile[3:],
        )
    # everything happened two days ago, so yesterday's publication holds it
    two_days = datetime.timedelta(days=2)
    File.objects.update(submitted_at=F("submitted_at") - two_days)
    Complaint.objects.update(received_at=F("received_at") - two_days)
    return citizens


def test_no_published_file_holds_a_national_code_a_mobile_a_name_or_an_address(
    citizens_with_files, django_capture_on_commit_callbacks, open_data_dir
):
    # given the aggregates built from those files and the open data published
    aggregates_build(actor=Actor.system("aggregates"), full=True)
    with django_capture_on_commit_callbacks(execute=True):
        publications = opendata_publish(actor=Actor.system("open-data"), on=YESTERDAY)
    assert sum(p.row_count for p in publications if p.dataset == "files") > 0
    client = Client()
    texts = {p.path: (open_data_dir / p.path).read_bytes().decode("utf-8") for p in publications}
    texts["dictionary.json"] = client.get("/open-data/dictionary.json").content.decode()
    # the files are there and say something (the published figures are not empty)
    assert "bp-file-open" in texts["files/" + YESTERDAY.isoformat() + ".csv"]
    secrets = [LICENSEE_NATIONAL_CODE, "صالحی", ADDRESS, "یاس‌پور"]
    for citizen in citizens_with_files:
        secrets += [citizen.national_code, citizen.mobile, citizen.mobile[3:], citizen.last_name]
        secrets.append(f"{citizen.first_name} {citizen.last_name}")
    # when every file is scanned (Persian and Arabic digits read as digits)
    for name, text in texts.items():
        folded = to_ascii_digits(text)
        # then no national code, mobile, name or address is in it
        assert _national_codes(folded) == [], name
        assert _mobiles(folded) == [], name
        for secret in secrets:
            assert secret not in text, (name, secret)
            assert to_ascii_digits(secret) not in folded, (name, secret)


def test_the_scanner_finds_what_it_looks_for():
    # a scanner that finds nothing proves nothing: it finds a code, mobiles in both forms
    code = generators.national_code(random.Random(7))
    text = f"x,{code},+989121234567,09351234567,۰۹۱۲۱۲۳۴۵۶۷,2200000"
    folded = to_ascii_digits(text)
    assert _national_codes(folded) == [code]
    assert len(_mobiles(folded)) == 3
