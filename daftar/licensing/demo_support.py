"""Helpers for the licensing demo: citizen accounts, application data, documents, decisions."""

from __future__ import annotations

import datetime
import random

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from daftar.core import generators
from daftar.core.actors import Actor
from daftar.core.jalali import from_jalali
from daftar.governance import services as governance
from daftar.governance.choices import DecisionKind, VersionStatus, VoteChoice
from daftar.governance.models import Article, CommitteeMember, Decision
from daftar.licensing import services
from daftar.licensing.choices import DegreeField, DocumentKind
from daftar.offices.models import District, Office

ACTOR_CITIZEN_GROUP = "citizen"
PDF = b"%PDF-1.4\n%demo document\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
RELEVANT_FIELDS = (
    DegreeField.URBAN_PLANNING,
    DegreeField.ARCHITECTURE,
    DegreeField.CIVIL_ENGINEERING,
    DegreeField.SURVEYING_ENGINEERING,
    DegreeField.COMPUTER_ENGINEERING,
    DegreeField.INFORMATION_TECHNOLOGY,
    DegreeField.INDUSTRIAL_ENGINEERING,
    DegreeField.PUBLIC_ADMINISTRATION,
)
TM_FIELDS = (
    DegreeField.URBAN_PLANNING,
    DegreeField.ARCHITECTURE,
    DegreeField.CIVIL_ENGINEERING,
    DegreeField.SURVEYING_ENGINEERING,
)
DOCUMENTS = (
    (DocumentKind.IDENTITY, True),
    (DocumentKind.DEGREE, True),
    (DocumentKind.CLEAN_RECORD, True),
    (DocumentKind.TM_DEGREE, True),
    (DocumentKind.EXPERIENCE, False),
)


def jdate(year: int, month: int, day: int) -> datetime.date:
    return from_jalali(year, month, day)


def pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


class People:
    """Citizen accounts and technical managers with generated, unused national codes."""

    def __init__(self, rng: random.Random, password_hash: str) -> None:
        self.rng = rng
        self.password_hash = password_hash
        self.group = Group.objects.get(name=ACTOR_CITIZEN_GROUP)
        self.User = get_user_model()
        self.taken = set(
            self.User.objects.filter(national_code__isnull=False).values_list(
                "national_code", flat=True
            )
        )

    def code(self) -> str:
        while True:
            code = generators.national_code(self.rng)
            if code not in self.taken:
                self.taken.add(code)
                return code

    def citizen(self):
        name = generators.person(self.rng)
        code = self.code()
        user = self.User.objects.create(
            username=f"citizen-{code}",
            national_code=code,
            mobile=generators.mobile(self.rng),
            mobile_verified_at=timezone.now(),
            mobile_owner_verified_at=timezone.now(),
            mobile_owner_verified_by="inquiry",  # signed in before, checked by the inquiry
            first_name=name.first_fa,
            last_name=name.last_fa,
            password=self.password_hash,
        )
        user.groups.add(self.group)
        return user


def application_data(
    rng, people, user, *, opens, districts, winner=False
) -> services.ApplicationData:
    tm = generators.person(rng)
    age = rng.randint(29, 52)
    degree = rng.choices(["bachelor", "master", "doctorate"], weights=[6, 3, 1])[0]
    return services.ApplicationData(
        first_name=user.first_name,
        last_name=user.last_name,
        birth_date=opens.replace(year=opens.year - age, day=min(opens.day, 28))
        - datetime.timedelta(days=rng.randint(1, 300)),
        degree_level="master" if winner and degree == "doctorate" else degree,
        degree_field=rng.choice(RELEVANT_FIELDS),
        experience_years=rng.randint(3, 14) if winner else rng.randint(0, 15),
        clean_record_declared=True,
        tm_national_code=people.code(),
        tm_first_name=tm.first_fa,
        tm_last_name=tm.last_fa,
        tm_birth_date=opens.replace(year=opens.year - rng.randint(28, 50), day=10),
        tm_degree_field=rng.choice(TM_FIELDS),
        districts=districts,
    )


def documents(code: str, *, with_experience: bool) -> dict:
    kinds = [kind for kind, mandatory in DOCUMENTS if mandatory or with_experience]
    return {kind: pdf(f"{code}-{kind}.pdf") for kind in kinds}


def committee_licence_decision(
    secretary, *, subject: str, subject_en: str, body: str, day, cites
) -> Decision:
    """A licence decision of the committee, drafted, voted and closed like any other."""
    found = Decision.objects.filter(subject_en=subject_en, status="adopted").first()
    if found is not None:
        return found
    articles = {
        a.number: a
        for a in Article.objects.filter(version__status=VersionStatus.ADOPTED, number__in=cites)
    }
    decision = governance.decision_draft(
        actor=Actor.for_user(secretary),
        kind=DecisionKind.LICENCE,
        subject=subject,
        subject_en=subject_en,
        body=body,
        decided_on=day,
        citations=[(articles[n], None) for n in cites if n in articles],
    )
    for member in CommitteeMember.objects.filter(until__isnull=True).select_related("user"):
        governance.decision_cast_vote(
            actor=Actor.for_user(member.user), decision=decision, choice=VoteChoice.YES
        )
    return governance.decision_close(actor=Actor.for_user(secretary), decision=decision)


def governance_licence_decision(subject_contains: str, fallback_index: int) -> Decision | None:
    decisions = Decision.objects.filter(kind="licence", status="adopted", year=1404)
    return (
        decisions.filter(subject_en__icontains=subject_contains).first()
        or decisions.order_by("decided_on")[fallback_index : fallback_index + 1].first()
    )


def call_settings(title: str, times: dict, people_per_office: int) -> services.CallSettings:
    return services.CallSettings(
        title=title,
        **times,
        people_per_office=people_per_office,
        degree_levels=("bachelor", "master", "doctorate"),
        degree_fields=RELEVANT_FIELDS,
        tm_degree_fields=TM_FIELDS,
        documents=DOCUMENTS,
    )


def next_office_code(district: District) -> str:
    prefix = f"T{district.number:02d}"
    used = [
        int(code[3:])
        for code in Office.objects.filter(code__startswith=prefix).values_list("code", flat=True)
        if code[3:].isdigit()
    ]
    return f"{prefix}{max(used, default=0) + 1:02d}"
