"""Defining the Open311 services: which `service_code` a report is sent to and what it becomes
(a file of a catalogue service or a complaint), for the catalogue team's page, the management
command and the demo. Every change is audited in its own transaction."""

from __future__ import annotations

import re

from django.utils.translation import gettext_lazy as _

from daftar.audit.services import audit_record, audited
from daftar.catalogue.selectors import service_with_form
from daftar.core.actors import Actor
from daftar.core.error_codes import CoreErrorCode
from daftar.core.errors import Forbidden, InvalidInput, NotFound
from daftar.core.numbers import join_list
from daftar.open311.choices import Target
from daftar.open311.error_codes import Open311ErrorCode
from daftar.open311.models import Open311Service
from daftar.open311.permissions import can_map_open311_services
from daftar.open311.selectors import mapping_problems
from daftar.open311.services.reports import STREAM
from daftar.supervision.choices import ComplaintCategory

# What GeoReport v2 clients put in a URL and a form: ASCII letters, digits and dashes.
SERVICE_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]{0,39}$")
ORDER_MAX = 32767


def _require_administrator(actor: Actor) -> None:
    if actor.is_system:
        return
    if actor.is_user and can_map_open311_services(actor.user):
        return
    raise Forbidden(
        _("Only the catalogue team or FAVA may map Open311 services."),
        code=CoreErrorCode.FORBIDDEN,
    )


def _catalogue_service(code: str):
    """The catalogue service `code` if it can take reports; otherwise the reasons, in words."""
    catalogue_service = service_with_form(code)
    problems = mapping_problems(catalogue_service) if catalogue_service else []
    if catalogue_service is None or problems:
        raise InvalidInput(
            _("%(service)s cannot take Open311 reports: %(reasons)s."),
            code=Open311ErrorCode.MAPPING_INVALID,
            field="catalogue_service",
            params={
                "service": catalogue_service.title if catalogue_service else code,
                "reasons": join_list(problems) if problems else _("no such service"),
            },
        )
    return catalogue_service


@audited
def open311_service_define(
    *,
    actor: Actor,
    service_code: str,
    name_fa: str,
    name_en: str,
    catalogue_service_code: str = "",
    complaint_category: str = "",
    description_fa: str = "",
    description_en: str = "",
    group: str = "",
    keywords: str = "",
    notice_fa: str = "",
    notice_en: str = "",
    order: int = 0,
    active: bool = True,
    new: bool = False,
) -> Open311Service:
    """Create or change the mapping of one Open311 `service_code` (with `new`, only create: a
    code already mapped is refused rather than overwritten)."""
    _require_administrator(actor)
    if not SERVICE_CODE.match(service_code or ""):
        raise InvalidInput(
            _("Give the Open311 service a code of letters, digits and dashes."),
            code=CoreErrorCode.REQUIRED,
            field="service_code",
        )
    if not name_fa.strip() or not name_en.strip():
        raise InvalidInput(
            _("Give the Open311 service a Persian and an English name."),
            code=CoreErrorCode.REQUIRED,
            field="name_fa" if not name_fa.strip() else "name_en",
        )
    if bool(catalogue_service_code) == bool(complaint_category):
        raise InvalidInput(
            _("Map the Open311 service to one catalogue service or one complaint category."),
            code=Open311ErrorCode.MAPPING_INVALID,
            field="catalogue_service",
        )
    if not 0 <= order <= ORDER_MAX:
        raise InvalidInput(
            _("The order must be a whole number from %(min)s to %(max)s."),
            code=Open311ErrorCode.MAPPING_ORDER_INVALID,
            field="order",
            params={"min": 0, "max": ORDER_MAX},
        )
    catalogue_service = None
    if catalogue_service_code:
        catalogue_service = _catalogue_service(catalogue_service_code)
    elif complaint_category not in ComplaintCategory.values:
        raise InvalidInput(
            _("Choose a complaint category."),
            code=Open311ErrorCode.MAPPING_INVALID,
            field="complaint_category",
        )
    values = {
        "name_fa": name_fa.strip(),
        "name_en": name_en.strip(),
        "description_fa": description_fa.strip(),
        "description_en": description_en.strip(),
        "group": group.strip(),
        "keywords": keywords.strip(),
        "notice_fa": notice_fa.strip(),
        "notice_en": notice_en.strip(),
        "target": Target.FILE if catalogue_service else Target.COMPLAINT,
        "catalogue_service": catalogue_service,
        "complaint_category": "" if catalogue_service else complaint_category,
        "order": order,
        "active": active,
    }
    if new and Open311Service.objects.filter(service_code=service_code).exists():
        raise InvalidInput(
            _("An Open311 service with the code %(code)s exists already: change it instead."),
            code=Open311ErrorCode.MAPPING_CODE_TAKEN,
            field="service_code",
            params={"code": service_code},
        )
    service, created = Open311Service.objects.select_for_update().update_or_create(
        service_code=service_code, defaults=values
    )
    audit_record(
        actor=actor,
        action="open311.service_defined" if created else "open311.service_changed",
        stream=STREAM,
        obj=service,
        summary=f"{service_code} → {catalogue_service_code or complaint_category}",
        after={
            "target": str(service.target),
            "catalogue_service": catalogue_service_code,
            "complaint_category": service.complaint_category,
            "active": active,
        },
    )
    return service


@audited
def open311_service_set_listed(*, actor: Actor, service_code: str, listed: bool) -> Open311Service:
    """List or unlist one Open311 service. An unlisted service is gone from `GET services` and
    refuses new reports; the reports it took keep their service. Listing a file mapping checks
    again that its catalogue service can take reports."""
    _require_administrator(actor)
    service = (
        Open311Service.objects.select_for_update(of=("self",))
        .select_related("catalogue_service")
        .filter(service_code=service_code)
        .first()
    )
    if service is None:
        raise NotFound(
            _("No Open311 service has that code."),
            code=Open311ErrorCode.SERVICE_CODE_UNKNOWN,
            field="service_code",
        )
    if listed and service.target == Target.FILE:
        _catalogue_service(service.catalogue_service.code)
    before = service.active
    service.active = listed
    service.save(update_fields=["active"])
    audit_record(
        actor=actor,
        action="open311.service_listed" if listed else "open311.service_unlisted",
        stream=STREAM,
        obj=service,
        summary=service_code,
        before={"active": before},
        after={"active": listed},
    )
    return service
