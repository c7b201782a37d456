"""Open311 demo data: three mapped services, the city app "Tehran-e Man" with an open311 key
(and the committee's signed_in_citizens authorisation, so its reports may open files for its
signed-in citizens), and two sample reports so `GET requests` answers on the demo.

Idempotent: a second run finds the services and the app and does nothing. The key is shown
once, in the seed's log, as partner keys always are (docs/open311.md).
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from daftar.accounts.choices import Role
from daftar.accounts.models import User
from daftar.api.models import PartnerApp
from daftar.api.services import SIGNED_IN_CITIZENS, partner_create, partner_scope_grant
from daftar.catalogue.models import Service
from daftar.core.actors import Actor
from daftar.core.errors import DaftarError
from daftar.governance.choices import DecisionKind
from daftar.offices.demo import FLAGSHIP_OFFICE
from daftar.open311.models import Open311Service
from daftar.open311.services import Report, open311_request_submit, open311_service_define
from daftar.supervision.demo import adopt_decision

APP_NAME = "تهران من (Open311)"
SERVICES = [
    {
        "service_code": "bulky-waste",
        "name_fa": "جمع‌آوری پسماند حجیم",
        "name_en": "Bulky-waste collection",
        "description_fa": "اثاثیه و لوازم کهنه را از درِ خانه جمع می‌کنیم؛ هزینه طبق تعرفه است.",
        "description_en": "Old furniture and appliances collected at the door, at the tariff.",
        "catalogue_service_code": "ws-bulky-waste",
        "group": "پسماند",
        "keywords": "waste,furniture,پسماند",
        "notice_fa": "پیامک پرداخت و پیگیری به همراه ثبت‌شده فرستاده می‌شود.",
        "notice_en": "The payment and follow-up SMS go to the registered mobile.",
        "order": 1,
    },
    {
        "service_code": "office-bribe",
        "name_fa": "درخواست پول اضافه در دفتر",
        "name_en": "Money demanded at an office beyond the tariff",
        "description_fa": "گزارش بی‌نام به واحد نظارت؛ کد دفتر را از تابلوی دفتر بنویسید.",
        "description_en": "An anonymous report to the supervision unit; give the office's code.",
        "complaint_category": "bribe",
        "group": "دفاتر",
        "order": 2,
    },
    {
        "service_code": "office-data-misuse",
        "name_fa": "سوءاستفاده از اطلاعات شخصی در دفتر",
        "name_en": "Misuse of personal data at an office",
        "description_fa": "گزارش بی‌نام به واحد نظارت؛ کد دفتر را بنویسید.",
        "description_en": "An anonymous report to the supervision unit; give the office's code.",
        "complaint_category": "data_misuse",
        "group": "دفاتر",
        "order": 3,
    },
]


def seed_open311(ctx) -> None:
    if Open311Service.objects.exists():
        ctx.log("open311: already seeded")
        return
    system = Actor.system("demo")
    have = set(Service.objects.values_list("code", flat=True))
    for values in SERVICES:
        if (
            values.get("catalogue_service_code", "")
            and values["catalogue_service_code"] not in have
        ):
            continue
        open311_service_define(actor=system, **values)
    app = PartnerApp.objects.filter(name=APP_NAME).first()
    if app is None:
        app, key = partner_create(
            actor=system, name=APP_NAME, scopes=["open311"], require_signature=False
        )
        decision = adopt_decision(
            kind=DecisionKind.SERVICE_AUTHORISATION,
            subject_fa="اجازه ثبت گزارش Open311 برای شهروندان واردشده به «تهران من»",
            subject_en="Tehran-e Man may report through Open311 for its signed-in citizens",
            body_fa="برنامه «تهران من» که شهروندان با ورود یکپارچه شهرداری به آن وارد می‌شوند، "
            "می‌تواند گزارش‌های Open311 را به نام همان شهروندان به پرونده تبدیل کند.",
            day=timezone.localdate() - datetime.timedelta(days=30),
        )
        app = partner_scope_grant(
            actor=system, partner=app, scope=SIGNED_IN_CITIZENS, decision=decision
        )
        ctx.log(f"open311: the key of {APP_NAME} (shown once): {key}")
    _sample_reports(ctx, app)


def _sample_reports(ctx, app) -> None:
    complaint = Open311Service.objects.get(service_code="office-bribe")
    reports = [
        (
            complaint,
            Report(
                service_code="office-bribe",
                attributes={"office_code": FLAGSHIP_OFFICE},
                address_string="تهران، خیابان انقلاب",
                lat="35.7009",
                long="51.3912",
                description="برای جلو انداختن نوبت، مبلغی جدا از تعرفه خواستند.",
            ),
        )
    ]
    waste = Open311Service.objects.filter(service_code="bulky-waste").first()
    citizen = (
        User.objects.filter(groups__name=Role.CITIZEN, mobile_owner_verified_at__isnull=False)
        .exclude(national_code="")
        .exclude(mobile="")
        .order_by("pk")
        .first()
    )
    if waste is not None and citizen is not None:
        mobile = "0" + citizen.mobile.removeprefix("+98") if citizen.mobile else ""
        reports.append(
            (
                waste,
                Report(
                    service_code="bulky-waste",
                    attributes={"postal_code": "1315693111", "item_type": "1", "items": "2"},
                    lat="35.7219",
                    long="51.3347",
                    account_id=citizen.national_code,
                    phone=mobile,
                    description="دو مبل کهنه جلوی در.",
                ),
            )
        )
    for service, report in reports:
        try:
            made = open311_request_submit(partner=app, service=service, report=report)
            ctx.log(f"open311: {service.service_code} → {made.service_request_id}")
        except DaftarError as error:  # e.g. a demo without the flagship office
            ctx.log(f"open311: sample {service.service_code} not made: {error.render()}")
