"""Transparency demo data: documents citizens receive: outcome documents of approved files and
receipts, numbered, verifiable by QR, revocable.

Every demo service that ends in approval (the permit and certificate workflows; duty bills
end in a payment and a receipt) gets an outcome template, adopted through
`outcome_template_adopt` from the day its tariff came into force and citing the tariff's
decision; a few services have their own wording (the building permit, the completion
certificate, the waste-collection contract, residents' parking), the others the wording of
their kind. Then the documents of the demo citizen's approved files and of a sample of other
approved files are issued, with the receipts of the demo citizen's payments, as the jobs
would have issued them.
"""

from __future__ import annotations

import datetime
import re

from django.utils import timezone

from daftar.cases.models import File, FileEvent
from daftar.catalogue.models import Service
from daftar.catalogue.selectors import tariff_in_force
from daftar.core.actors import Actor
from daftar.transparency.models.documents import DocumentKind, IssuedDocument, OutcomeTemplate
from daftar.transparency.services.documents import (
    document_issue,
    outcome_template_adopt,
    receipt_documents_issue,
)

ACTOR = Actor.system("demo")
SAMPLE = 24  # approved files of other citizens whose documents the demo issues
FIRST_DAY = datetime.date(2025, 3, 21)  # 1 Farvardin 1404

_OPENING_FA = (
    "بدین‌وسیله گواهی می‌شود درخواست {citizen_name} برای «{service}» به شماره پیگیری "
    "{tracking_code} که در تاریخ {submitted_on} ثبت شد، در {department} بررسی و در تاریخ "
    "{approved_on} تأیید شد."
)
_OPENING_EN = (
    "This certifies that the request of {citizen_name} for “{service}”, tracking code "
    "{tracking_code}, submitted on {submitted_on}, was reviewed by {department} and approved "
    "on {approved_on}."
)
_BY_KIND = {
    DocumentKind.PERMIT: (
        [
            _OPENING_FA,
            "این مجوز در تاریخ {issued_on} صادر شد و با رعایت ضوابط "
            "شهرداری تهران و در حدود درخواست تأییدشده معتبر است.",
        ],
        [
            _OPENING_EN,
            "This permit was issued on {issued_on} and is valid within "
            "the approved request and Tehran Municipality's regulations.",
        ],
    ),
    DocumentKind.CERTIFICATE: (
        [
            _OPENING_FA,
            "این گواهی در تاریخ {issued_on} صادر شد و برای ارائه به مراجع ذی‌ربط معتبر است.",
        ],
        [
            _OPENING_EN,
            "This certificate was issued on {issued_on} for presentation "
            "to the authorities concerned.",
        ],
    ),
    DocumentKind.CONTRACT: (
        [
            _OPENING_FA,
            "این قرارداد میان شهرداری تهران و {citizen_name} در تاریخ "
            "{issued_on} منعقد شد؛ تعهدات طرفین مطابق شرایط عمومی خدمت است.",
        ],
        [
            _OPENING_EN,
            "This contract was concluded between Tehran Municipality and "
            "{citizen_name} on {issued_on}; both parties' obligations follow the service's "
            "general terms.",
        ],
    ),
}
# Services whose documents say more than their kind's wording: (kind, fa, en, extra fa, extra en).
_OWN = {
    "bp-permit-issue": (
        DocumentKind.PERMIT,
        "پروانه ساختمانی",
        "Building permit",
        "زیربنای مجاز {form.built_area_m2} متر مربع در {form.floors} طبقه، کاربری {form.use}.",
        "Permitted floor area {form.built_area_m2} m² on {form.floors} floors, use: {form.use}.",
    ),
    "bp-completion": (
        DocumentKind.CERTIFICATE,
        "گواهی پایان‌کار ساختمان",
        "Building completion certificate",
        "زیربنای اجراشده {form.built_area_m2} متر مربع در {form.units} واحد، مطابق پروانه "
        "شماره {form.permit_number}.",
        "Floor area as built {form.built_area_m2} m² in {form.units} units, under permit "
        "{form.permit_number}.",
    ),
    "ws-business-collection": (
        DocumentKind.CONTRACT,
        "قرارداد جمع‌آوری پسماند واحد تجاری",
        "Business waste-collection contract",
        "جمع‌آوری {form.daily_waste_kg} کیلوگرم پسماند روزانه، {form.pickups_per_week} بار در "
        "هفته، به مدت {form.months} ماه.",
        "Collection of {form.daily_waste_kg} kg of waste a day, {form.pickups_per_week} times a "
        "week, for {form.months} months.",
    ),
    "tr-resident-parking": (
        DocumentKind.PERMIT,
        "مجوز پارک حاشیه‌ای ساکنان",
        "Residents' on-street parking permit",
        "برای خودروی با پلاک {form.plate} در {form.parking_area}، به مدت {form.months} ماه.",
        "For the vehicle with plate {form.plate} in {form.parking_area}, for {form.months} months.",
    ),
}


def _kind_of(service: Service) -> DocumentKind:
    text = f"{service.title_fa} {service.title_en}".lower()
    if "قرارداد" in service.title_fa or "contract" in text:
        return DocumentKind.CONTRACT
    if "گواهی" in service.title_fa or "certificate" in text or "inquiry" in text:
        return DocumentKind.CERTIFICATE
    return DocumentKind.PERMIT


def _adopt_templates(ctx) -> int:
    adopted = 0
    services = Service.objects.filter(workflow__workflow__code__in=["permit", "certificate"])
    for service in services.prefetch_related("fields").order_by("code"):
        if OutcomeTemplate.objects.filter(service=service).exists():
            continue
        fields = {field.name for field in service.fields.all()}
        tariff = tariff_in_force(service, FIRST_DAY) or tariff_in_force(
            service, timezone.localdate()
        )
        own = _OWN.get(service.code)
        if own and set(_placeholders(own[3])) <= fields:
            kind, title_fa, title_en, extra_fa, extra_en = own
        else:
            kind, title_fa, title_en = _kind_of(service), service.title_fa, service.title_en
            extra_fa = extra_en = ""
        paragraphs_fa, paragraphs_en = _BY_KIND[kind]
        outcome_template_adopt(
            actor=ACTOR,
            service=service,
            kind=kind,
            title_fa=title_fa,
            title_en=title_en,
            paragraphs_fa=[paragraphs_fa[0], *([extra_fa] if extra_fa else []), paragraphs_fa[1]],
            paragraphs_en=[paragraphs_en[0], *([extra_en] if extra_en else []), paragraphs_en[1]],
            effective_from=min(FIRST_DAY, tariff.effective_from) if tariff else FIRST_DAY,
            decision=tariff.decision if tariff else None,
        )
        adopted += 1
    return adopted


def _placeholders(text: str) -> list[str]:
    return [name.removeprefix("form.") for name in re.findall(r"\{(form\.[^{}]+)\}", text)]


def seed(ctx) -> None:
    adopted = _adopt_templates(ctx)
    ctx.log(f"documents: {adopted} outcome templates adopted")
    if IssuedDocument.objects.exists():
        ctx.log("documents: already issued")
        return
    approved = FileEvent.objects.filter(action="approve").values("file_id")
    files = File.objects.filter(pk__in=approved, service__outcome_templates__isnull=False)
    related = ("service", "department", "office", "citizen")
    mine = list(
        files.filter(national_code=ctx.demo_national_code).select_related(*related).distinct()
    )
    others = list(
        files.exclude(national_code=ctx.demo_national_code)
        .select_related(*related)
        .distinct()
        .order_by("pk")[:SAMPLE]
    )
    issued = 0
    for file in dict.fromkeys([*mine, *others]):
        document_issue(actor=ACTOR, file=file)
        issued += 1
    receipts = 0
    for file in File.objects.filter(national_code=ctx.demo_national_code).select_related(*related):
        receipts += len(receipt_documents_issue(actor=ACTOR, file=file))
    ctx.log(f"documents: {issued} outcome documents and {receipts} receipts issued")
