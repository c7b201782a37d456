"""Fixtures of the inspections tests: an adopted checklist, a second inspector, a plan."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from daftar.accounts.choices import Role
from daftar.core.actors import Actor
from daftar.governance.choices import DecisionKind
from daftar.supervision.choices import Evidence, InspectionKind, Severity
from daftar.supervision.services import checklists, inspections


def jpeg(*, size=(64, 48), gps: bool = True, name: str = "photo.jpg") -> SimpleUploadedFile:
    """A JPEG with EXIF (camera make and a GPS position) when `gps`."""
    image = Image.new("RGB", size, (200, 30, 30))
    out = io.BytesIO()
    if gps:
        exif = Image.Exif()
        exif[0x010F] = "SpyCam"  # Make
        exif[0x8825] = {1: "N", 2: (35.0, 41.0, 0.0), 3: "E", 4: (51.0, 23.0, 0.0)}  # GPS
        image.save(out, format="JPEG", exif=exif)
    else:
        image.save(out, format="JPEG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


def build_checklist(supervisor, decision, article, *, mystery: bool = False):
    actor = Actor.for_user(supervisor)
    version = checklists.checklist_template_create(
        actor=actor,
        code="mystery" if mystery else "periodic",
        name_fa="بازدید پنهان" if mystery else "بازرسی دوره‌ای دفتر",
        for_mystery_shopper=mystery,
    )
    section = checklists.checklist_section_add(actor=actor, version=version, title_fa="مالی")
    checklists.checklist_item_add(
        actor=actor,
        section=section,
        code="tariffs",
        text_fa="تعرفه‌ها در معرض دید است",
        weight=2,
        evidence=Evidence.PHOTO,
        citations=[(article, None)],
    )
    checklists.checklist_item_add(
        actor=actor,
        section=section,
        code="no-cash",
        text_fa="وجه نقد دریافت نمی‌شود",
        weight=1,
        evidence=Evidence.NOTE,
        severity_if_failed=Severity.MAJOR,
    )
    checklists.checklist_item_add(
        actor=actor,
        section=section,
        code="ramp",
        text_fa="رمپ ورودی وجود دارد",
        weight=1,
        verifies_declaration="accessibility.ramp",
    )
    return checklists.checklist_version_adopt(actor=actor, version=version, decision=decision)


@pytest.fixture
def policy(adopt_decision):
    return adopt_decision(DecisionKind.POLICY, "چک‌لیست بازرسی")


@pytest.fixture
def checklist(personas, policy, in_force):
    article = in_force.articles.order_by("number").first()
    return build_checklist(personas.supervisor, policy, article)


@pytest.fixture
def mystery_checklist(personas, policy, in_force):
    article = in_force.articles.order_by("number").first()
    return build_checklist(personas.supervisor, policy, article, mystery=True)


@pytest.fixture
def inspector2(db):
    from daftar.accounts.tests.factories import UserFactory

    return UserFactory(username="inspector2", roles=[Role.INSPECTOR])


@pytest.fixture
def inspection(personas, checklist):
    """An unannounced inspection of office_a for today, assigned to `inspector`."""
    return inspections.inspection_schedule(
        actor=Actor.for_user(personas.supervisor),
        office=personas.office_a,
        kind=InspectionKind.UNANNOUNCED,
        scheduled_on=timezone.localdate(),
        inspector=personas.inspector,
    )


def answer_all(inspector, inspection, results=None) -> None:
    """Check in (if needed) and answer every item, with its evidence; `results` by item code."""
    from daftar.supervision.choices import AnswerResult, InspectionStatus
    from daftar.supervision.models import ChecklistItem

    actor = Actor.for_user(inspector)
    if inspection.status == InspectionStatus.ASSIGNED:
        inspection = inspections.inspection_check_in(actor=actor, inspection=inspection)
    for item in ChecklistItem.objects.filter(section__version=inspection.checklist_id):
        result = (results or {}).get(item.code, AnswerResult.COMPLIANT)
        inspections.inspection_answer(
            actor=actor, inspection=inspection, item=item, result=result, note="دیده شد"
        )
        if item.evidence == Evidence.PHOTO:
            inspections.inspection_photo_add(
                actor=actor, inspection=inspection, item=item, upload=jpeg()
            )
    return inspection


YESTERDAY = datetime.timedelta(days=1)
