"""Applications: submitting (one per person per call) and uploading documents.

An application is accepted only if it meets every rule that can be checked when it is made;
otherwise it is refused with a reason for each rule it fails, and nothing is stored. After
that, eligibility follows the review of the mandatory documents (see `review.py`): any
rejected makes the application ineligible (with the reviewer's reason), all accepted makes it
eligible.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError
from django.utils.translation import gettext_lazy as _

from daftar.audit.services import audit_record, audited
from daftar.core.actors import Actor
from daftar.core.error_codes import CoreErrorCode
from daftar.core.errors import Conflict, Forbidden, InvalidInput, validation_error_to_daftar
from daftar.core.identifiers import normalize_national_code
from daftar.core.uploads import check_upload, random_name
from daftar.licensing import eligibility, permissions
from daftar.licensing.choices import (
    CallStatus,
    DegreeField,
)
from daftar.licensing.error_codes import LicensingErrorCode
from daftar.licensing.models import (
    Application,
    ApplicationDocument,
    Call,
    DistrictPreference,
)
from daftar.licensing.reasons import lazy_check, lazy_date, lazy_join
from daftar.licensing.services.common import (
    STREAM,
    lock_call,
    moment_on,
    require_status,
    today_or,
)
from daftar.licensing.services.review import _facts, _rules, _store_checks, reevaluate
from daftar.offices.choices import DegreeLevel


class Ineligible(InvalidInput):
    """The application fails one or more rules; `reasons` holds one sentence per failed rule."""

    code = LicensingErrorCode.INELIGIBLE

    def __init__(self, *, call: Call, reasons: Sequence) -> None:
        self.reasons = list(reasons)
        super().__init__(
            _("The application does not meet the conditions of call %(code)s. %(reasons)s"),
            params={"code": call.code, "reasons": lazy_join(self.reasons)},
        )


@dataclass(frozen=True)
class ApplicationData:
    first_name: str
    last_name: str
    birth_date: datetime.date
    degree_level: str
    degree_field: str
    experience_years: int
    clean_record_declared: bool
    tm_national_code: str
    tm_first_name: str
    tm_last_name: str
    tm_birth_date: datetime.date
    tm_degree_field: str
    districts: Sequence[int]  # district numbers, first preference first


def applicant_code(call: Call, seq: int) -> str:
    """A1404-0017 for the first call of 1404; A1404.2-0017 for its second call."""
    year, number = call.code.split("-")
    prefix = f"A{year}" if int(number) == 1 else f"A{year}.{int(number)}"
    return f"{prefix}-{seq:04d}"


def _require_registration_open(call: Call, today: datetime.date, *, action) -> None:
    require_status(call, [CallStatus.OPEN], action=action)
    if today < call.registration_opens:
        raise Conflict(
            _("Registration for call %(code)s opens on %(date)s."),
            code=LicensingErrorCode.REGISTRATION_NOT_OPEN,
            params={"code": call.code, "date": lazy_date(call.registration_opens)},
        )
    if today > call.registration_closes:
        raise Conflict(
            _("Registration for call %(code)s closed on %(date)s."),
            code=LicensingErrorCode.REGISTRATION_CLOSED,
            params={"code": call.code, "date": lazy_date(call.registration_closes)},
        )


def _check_data(call: Call, data: ApplicationData, *, national_code: str, today) -> dict:
    for name in ("first_name", "last_name", "tm_first_name", "tm_last_name"):
        if not getattr(data, name).strip():
            raise InvalidInput(
                _("This field is required."), code=CoreErrorCode.REQUIRED, field=name
            )
    for name in ("birth_date", "tm_birth_date"):
        day = getattr(data, name)
        if not isinstance(day, datetime.date) or not datetime.date(1900, 1, 1) < day < today:
            raise InvalidInput(
                _("Enter a date of birth in the past."),
                code=LicensingErrorCode.BIRTH_DATE_INVALID,
                field=name,
            )
    if data.degree_level not in DegreeLevel.values:
        raise InvalidInput(
            _("Choose a degree."), code=LicensingErrorCode.UNKNOWN_DEGREE, field="degree_level"
        )
    for name in ("degree_field", "tm_degree_field"):
        if getattr(data, name) not in DegreeField.values:
            raise InvalidInput(
                _("Choose a field of study."),
                code=LicensingErrorCode.UNKNOWN_DEGREE_FIELD,
                field=name,
            )
    if not isinstance(data.experience_years, int) or not 0 <= data.experience_years <= 60:
        raise InvalidInput(
            _("Years of experience are a whole number from 0 to 60."),
            code=CoreErrorCode.OUT_OF_RANGE,
            field="experience_years",
        )
    try:
        tm_code = normalize_national_code(data.tm_national_code)
    except ValidationError as error:
        raise validation_error_to_daftar(error, field="tm_national_code") from error
    if tm_code == national_code:
        raise InvalidInput(
            _("The technical manager must be another person, not the applicant."),
            code=LicensingErrorCode.TM_IS_APPLICANT,
            field="tm_national_code",
        )
    districts = list(data.districts)
    if not districts:
        raise InvalidInput(
            _("Choose at least one district."), code=CoreErrorCode.REQUIRED, field="districts"
        )
    if len(districts) > call.max_preferences:
        raise InvalidInput(
            _("List at most %(count)d districts."),
            code=LicensingErrorCode.TOO_MANY_DISTRICTS,
            field="districts",
            params={"count": call.max_preferences},
        )
    if len(set(districts)) != len(districts):
        raise InvalidInput(
            _("Each district may be listed once."),
            code=LicensingErrorCode.DUPLICATE_DISTRICT,
            field="districts",
        )
    quotas = {
        q.district.number: q for q in call.quotas.select_related("district").filter(quota__gt=0)
    }
    for number in districts:
        if number not in quotas:
            raise InvalidInput(
                _("District %(number)s has no places in this call."),
                code=LicensingErrorCode.DISTRICT_WITHOUT_QUOTA,
                field="districts",
                params={"number": number},
            )
    return {"tm_national_code": tm_code, "districts": [quotas[n].district for n in districts]}


def _store_upload(
    application: Application, kind: str, upload: UploadedFile, content_type: str, *, at
) -> ApplicationDocument:
    name = default_storage.save(
        random_name(content_type, folder=f"licensing/{application.call.code}"), upload
    )
    return ApplicationDocument(
        application=application,
        kind=kind,
        file=name,
        content_type=content_type,
        size=upload.size,
        uploaded_at=at,
    )


@audited
def application_submit(
    *,
    actor: Actor,
    call: Call,
    data: ApplicationData,
    documents: Mapping[str, UploadedFile],
    today: datetime.date | None = None,
) -> Application:
    """A citizen applies with their personal data, technical manager, districts and documents."""
    if not permissions.can_apply(actor.user):
        raise Forbidden(_("Only citizens signed in with their national code can apply."))
    moment = moment_on(today)
    today = today_or(today)
    call = lock_call(call)  # numbers applications one at a time and serialises duplicates
    _require_registration_open(call, today, action=_("applying"))
    existing = Application.objects.filter(call=call, national_code=actor.user.national_code).first()
    if existing is not None:
        raise Conflict(
            _(
                "You have already applied to call %(code)s (applicant code %(applicant)s); "
                "a person may apply only once to a call."
            ),
            code=LicensingErrorCode.DUPLICATE_APPLICATION,
            params={"code": call.code, "applicant": existing.code},
        )
    checked = _check_data(call, data, national_code=actor.user.national_code, today=today)
    required = dict(call.required_documents.values_list("kind", "mandatory"))
    content_types = {}
    for kind, upload in documents.items():
        if kind not in required:
            raise InvalidInput(
                _("This call does not ask for that document."),
                code=LicensingErrorCode.DOCUMENT_NOT_REQUESTED,
                field="documents",
            )
        if upload is not None:
            content_types[kind] = check_upload(upload, field=f"document_{kind}")
    states = {kind: eligibility.DocumentState(eligibility.UNDER_REVIEW) for kind in content_types}
    results = eligibility.evaluate(_rules(call), _facts(data, states))
    failed = [lazy_check(r) for r in results if r.failed]
    if failed:
        raise Ineligible(call=call, reasons=failed)

    seq = call.last_seq + 1
    call.last_seq = seq
    call.save(update_fields=["last_seq"])
    try:
        application = Application.objects.create(
            call=call,
            applicant=actor.user,
            seq=seq,
            code=applicant_code(call, seq),
            submitted_at=moment,
            national_code=actor.user.national_code,
            first_name=data.first_name.strip(),
            last_name=data.last_name.strip(),
            birth_date=data.birth_date,
            degree_level=data.degree_level,
            degree_field=data.degree_field,
            experience_years=data.experience_years,
            clean_record_declared=data.clean_record_declared,
            tm_national_code=checked["tm_national_code"],
            tm_first_name=data.tm_first_name.strip(),
            tm_last_name=data.tm_last_name.strip(),
            tm_birth_date=data.tm_birth_date,
            tm_degree_field=data.tm_degree_field,
        )
    except IntegrityError:  # the database's unique constraint, behind the check above
        raise Conflict(
            _("You have already applied to call %(code)s."),
            code=LicensingErrorCode.DUPLICATE_APPLICATION,
            params={"code": call.code},
        ) from None
    DistrictPreference.objects.bulk_create(
        [
            DistrictPreference(application=application, district=district, position=position)
            for position, district in enumerate(checked["districts"], start=1)
        ]
    )
    stored = []
    try:
        for kind, content_type in content_types.items():
            document = _store_upload(application, kind, documents[kind], content_type, at=moment)
            stored.append(document.file.name)
            document.save()
    except Exception:
        for name in stored:
            default_storage.delete(name)
        raise
    _store_checks(application, results)
    audit_record(
        actor=actor,
        action="application.submitted",
        stream=STREAM,
        obj=application,
        summary=f"{application.code} applied to call {call.code}",
        after={
            "code": application.code,
            "districts": [d.number for d in checked["districts"]],
            "documents": sorted(content_types),
            "degree_level": data.degree_level,
            "experience_years": data.experience_years,
        },
    )
    return application


@audited
def application_document_upload(
    *,
    actor: Actor,
    application: Application,
    kind: str,
    upload: UploadedFile,
    today: datetime.date | None = None,
) -> ApplicationDocument:
    """The applicant adds a document or replaces one (e.g. after a rejection) while open."""
    if getattr(actor.user, "national_code", None) != application.national_code:
        raise Forbidden(_("Only the applicant can upload documents to an application."))
    call = lock_call(application.call)
    _require_registration_open(call, today_or(today), action=_("uploading documents"))
    application.call = call
    if not call.required_documents.filter(kind=kind).exists():
        raise InvalidInput(
            _("This call does not ask for that document."),
            code=LicensingErrorCode.DOCUMENT_NOT_REQUESTED,
            field="kind",
        )
    content_type = check_upload(upload, field="file")
    previous = application.documents.filter(kind=kind, current=True).first()
    if previous is not None:
        previous.current = False
        previous.save(update_fields=["current"])
    document = _store_upload(application, kind, upload, content_type, at=moment_on(today))
    try:
        document.save()
        reevaluate(application, actor=actor)
    except Exception:
        default_storage.delete(document.file.name)
        raise
    audit_record(
        actor=actor,
        action="application.document_uploaded",
        stream=STREAM,
        obj=document,
        summary=f"{application.code}: {kind} uploaded",
        after={"kind": kind, "replaces": previous.pk if previous else None, "size": upload.size},
    )
    return document
