"""Setting a service's tariff: a new version from a decision's effective date onwards."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from daftar.audit.services import audit_record, audited
from daftar.catalogue import formula as fee_formula
from daftar.catalogue.choices import NUMERIC_TYPES
from daftar.catalogue.error_codes import CatalogueErrorCode
from daftar.catalogue.models import Service, TariffVersion
from daftar.core.actors import Actor
from daftar.core.errors import Conflict, InvalidInput
from daftar.governance.choices import DecisionKind
from daftar.governance.services import decision_record_effect, decision_require

STREAM = "catalogue"
OFFICE_FEE = "office_fee"


def validate_splits(splits) -> list[dict]:
    """[{"beneficiary": "revenue:<head>" | "office_fee" | "other:<name>", "basis_points": n}]."""
    if not isinstance(splits, list) or not splits:
        raise InvalidInput(
            _("List at least one beneficiary."),
            code=CatalogueErrorCode.SPLITS_EMPTY,
            field="splits",
        )
    seen, total, revenue = set(), 0, 0
    for part in splits:
        beneficiary = part.get("beneficiary") if isinstance(part, dict) else None
        points = part.get("basis_points") if isinstance(part, dict) else None
        valid_name = isinstance(beneficiary, str) and (
            beneficiary == OFFICE_FEE
            or (beneficiary.startswith(("revenue:", "other:")) and len(beneficiary) > 8)
        )
        if not valid_name:
            raise InvalidInput(
                _("Unknown beneficiary %(name)s."),
                code=CatalogueErrorCode.UNKNOWN_BENEFICIARY,
                field="splits",
                params={"name": beneficiary},
            )
        if isinstance(points, bool) or not isinstance(points, int) or points < 0:
            raise InvalidInput(
                _("Shares are whole basis points, not negative."),
                code=CatalogueErrorCode.SPLIT_SHARE_INVALID,
                field="splits",
            )
        if beneficiary in seen:
            raise InvalidInput(
                _("%(name)s is listed twice."),
                code=CatalogueErrorCode.SPLIT_BENEFICIARY_REPEATED,
                field="splits",
                params={"name": beneficiary},
            )
        seen.add(beneficiary)
        total += points
        revenue += beneficiary.startswith("revenue:")
    if total != 10_000:
        raise InvalidInput(
            _("The shares must add up to 10,000 basis points (100%%); they add up to %(total)d."),
            code=CatalogueErrorCode.SPLITS_TOTAL,
            field="splits",
            params={"total": total},
        )
    if not revenue:
        raise InvalidInput(
            _("At least one municipal revenue head must receive a share."),
            code=CatalogueErrorCode.SPLITS_WITHOUT_REVENUE_HEAD,
            field="splits",
        )
    return splits


@audited
def tariff_set(
    *,
    actor: Actor,
    service: Service,
    decision,
    effective_from: datetime.date,
    formula: str,
    splits: list[dict],
    description_fa: str = "",
    description_en: str = "",
) -> TariffVersion:
    decision_require(decision=decision, kind=DecisionKind.TARIFF)
    fee_formula.parse(formula)
    numeric = {f.name for f in service.fields.all() if f.type in NUMERIC_TYPES}
    unknown = fee_formula.names(formula) - numeric
    if unknown:
        raise InvalidInput(
            _("The formula reads fields the service does not have: %(names)s."),
            code=CatalogueErrorCode.FORMULA_INVALID,
            field="formula",
            params={"names": ", ".join(sorted(unknown))},
        )
    validate_splits(splits)
    service = Service.objects.select_for_update().get(pk=service.pk)  # one tariff change at a time
    if service.tariffs.filter(effective_from__gte=effective_from).exists():
        raise Conflict(
            _(
                "A tariff version already starts on or after %(date)s; tariffs cannot be "
                "set retroactively over another version."
            ),
            code=CatalogueErrorCode.TARIFF_OVERLAP,
            field="effective_from",
            params={"date": effective_from},
        )
    current = service.tariffs.filter(effective_to__isnull=True).first()
    if current is not None:
        current.effective_to = effective_from
        current.save(update_fields=["effective_to"])
    tariff = TariffVersion.objects.create(
        service=service,
        version=(service.tariffs.count() + 1),
        decision=decision,
        effective_from=effective_from,
        formula=formula.strip(),
        description_fa=description_fa.strip(),
        description_en=description_en.strip(),
        splits=splits,
    )
    decision_record_effect(
        decision=decision,
        obj=tariff,
        message=gettext_noop("tariff version %(version)d of “%(service)s” in force from %(date)s"),
        params={
            "version": tariff.version,
            "service": lambda: service.title,
            "date": effective_from,
        },
    )
    audit_record(
        actor=actor,
        action="tariff.set",
        stream=STREAM,
        obj=tariff,
        after={
            "service": service.code,
            "version": tariff.version,
            "formula": tariff.formula,
            "description_fa": tariff.description_fa,
            "splits": splits,
            "effective_from": effective_from,
            "decision": decision.number,
        },
    )
    return tariff
