"""Reads of the catalogue: services, tariffs in force, and quoting a fee."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from daftar.catalogue import formula as fee_formula
from daftar.catalogue.choices import Channel, DraftStatus, TariffDraftStatus
from daftar.catalogue.definition import (
    ServiceDefinition,
    definition_of_service,
    validate_complete,
)
from daftar.catalogue.error_codes import CatalogueErrorCode
from daftar.catalogue.models import (
    Beneficiary,
    Department,
    DepartmentMember,
    FormField,
    RequiredDocument,
    Service,
    ServiceDomain,
    ServiceDraft,
    TariffDraft,
    TariffVersion,
)
from daftar.catalogue.services.tariffs import OFFICE_FEE, validate_splits
from daftar.core.errors import Conflict, DaftarError
from daftar.core.jalali import format_date
from daftar.core.money import allocate
from daftar.core.numbers import format_message
from daftar.governance.choices import DecisionStatus


def service_list(
    *, channel: Channel | None = None, domain: str | None = None, query: str = ""
) -> QuerySet[Service]:
    services = Service.objects.filter(active=True).select_related("domain", "department")
    if channel == Channel.WEB:
        services = services.filter(channel_web=True)
    elif channel == Channel.PARTNER:
        services = services.filter(channel_partner=True)
    elif channel == Channel.OFFICE:
        services = services.filter(channel_office=True)
    if domain:
        services = services.filter(domain__code=domain)
    if query.strip():
        from daftar.core.text import search_key

        services = services.filter(Q(search_key__contains=search_key(query)) | Q(code=query))
    return services.order_by("domain__code", "code")


def service_with_form(code: str) -> Service | None:
    return (
        Service.objects.filter(code=code, active=True)
        .select_related("domain", "department", "workflow")
        .prefetch_related(
            Prefetch("fields", queryset=FormField.objects.order_by("order")),
            Prefetch("documents", queryset=RequiredDocument.objects.all()),
        )
        .first()
    )


def service_withdrawn(code: str) -> Service | None:
    """The service coded `code` if a published version took it out of the catalogue: its old
    links say so instead of "not found"."""
    return Service.objects.filter(code=code, active=False).first()


def _in_force_on(on: datetime.date) -> Q:
    return Q(effective_from__lte=on) & (Q(effective_to__isnull=True) | Q(effective_to__gt=on))


def tariff_in_force(service: Service, on: datetime.date) -> TariffVersion | None:
    return service.tariffs.filter(_in_force_on(on)).select_related("decision").first()


def tariffs_in_force(services, on: datetime.date) -> dict[int, TariffVersion]:
    """The tariff in force on `on` for each of `services`, by service id, in one query (list
    pages and the API; `tariff_in_force` per service would cost one query each)."""
    chosen: dict[int, TariffVersion] = {}
    rows = (
        TariffVersion.objects.filter(_in_force_on(on), service__in=[s.pk for s in services])
        .select_related("decision")
        .order_by("service", "-effective_from")
    )
    for tariff in rows:
        chosen.setdefault(tariff.service_id, tariff)
    return chosen


@dataclass(frozen=True)
class Quote:
    amount: int
    parts: dict[str, int]
    tariff: TariffVersion


def price_quote(service: Service, data: dict, *, channel: Channel, on: datetime.date) -> Quote:
    """The fee for `data` by the tariff in force on `on`, split among beneficiaries."""
    tariff = tariff_in_force(service, on)
    if tariff is None:
        raise Conflict(
            _("No tariff is in force for this service on %(date)s."),
            code=CatalogueErrorCode.NO_TARIFF,
            params={"date": on},
        )
    return quote_with(tariff, data, channel=channel)


def quote_with(tariff: TariffVersion, data: dict, *, channel: Channel) -> Quote:
    """Price `data` by `tariff` (no database access).

    Shares round down to the rial; the remainder goes to the first municipal revenue head.
    The office's share exists only for files taken at an office; otherwise it, too, goes to
    the first revenue head.
    """
    amount = fee_formula.evaluate(tariff.formula, data)
    splits = [(s["beneficiary"], s["basis_points"]) for s in tariff.splits]
    main = next(name for name, _points in splits if name.startswith("revenue:"))
    if channel != Channel.OFFICE:
        office = sum(points for name, points in splits if name == OFFICE_FEE)
        splits = [
            (name, points + (office if name == main else 0))
            for name, points in splits
            if name != OFFICE_FEE
        ]
    return Quote(amount=amount, parts=allocate(amount, splits, remainder_to=main), tariff=tariff)


def department_head(department: Department) -> DepartmentMember | None:
    """The head of `department`, with their user, or None."""
    return (
        DepartmentMember.objects.filter(department=department, is_head=True)
        .select_related("user")
        .first()
    )


def service_domains() -> QuerySet[ServiceDomain]:
    """Every service domain (what offices are authorised and staff certified for)."""
    return ServiceDomain.objects.all()


def department_of_user(user) -> Department | None:
    """The department `user` reviews for, or None; one query, cached on the instance for the
    request."""
    if not getattr(user, "is_authenticated", False):
        return None
    if not hasattr(user, "_daftar_department"):
        user._daftar_department = Department.objects.filter(members__user=user).first()
    return user._daftar_department


# The ledger's own accounts and the office's share: fixed keys with fixed names (the revenue
# heads and other beneficiaries are data, `Beneficiary`).
_FIXED_ACCOUNTS = {
    OFFICE_FEE: _("Office's fee share"),
    "bank:treasury": _("The city's single treasury account"),
    "clearing:pos": _("Card payments at offices (on their way to the bank)"),
    "clearing:gateway": _("Online payments (on their way to the bank)"),
    "clearing:slip": _("Bank-slip payments (on their way to the bank)"),
    "suspense:bank": _("Unexplained bank lines (suspense)"),
    "refunds:payable": _("Refunds owed to citizens"),
    "revenue:penalties": _("Penalties imposed on offices"),
}


def account_labels(keys) -> dict[str, str]:
    """The human name, in the active language, of each ledger account or tariff beneficiary
    key in `keys` (`revenue:building-permit-duty` → "درآمد عوارض صدور پروانه ساختمانی"), in one
    query. `payable:<key>` (what the ledger owes a beneficiary) is named after the beneficiary;
    `payable:office:<code>` after the office's code (catalogue does not know offices). A key
    nobody named keeps its own text, so nothing is ever hidden."""
    keys = {str(key) for key in keys}
    wanted = {key.removeprefix("payable:") for key in keys}
    named = {
        beneficiary.key: beneficiary.name
        for beneficiary in Beneficiary.objects.filter(key__in=wanted - set(_FIXED_ACCOUNTS))
    }
    named.update({key: str(label) for key, label in _FIXED_ACCOUNTS.items() if key in wanted})
    labels = {}
    for key in keys:
        if key.startswith("payable:office:"):
            labels[key] = gettext("Fee share owed to office %(code)s") % {
                "code": key.removeprefix("payable:office:")
            }
        elif key.startswith("payable:") and (owed := key.removeprefix("payable:")) in named:
            labels[key] = gettext("Owed to %(name)s") % {"name": named[owed]}
        else:
            labels[key] = named.get(key, key)
    return labels


def account_label(key: str) -> str:
    """The human name of one ledger account or tariff beneficiary key (see `account_labels`;
    for a list, call that once instead of this per row)."""
    return account_labels([key])[key]


@dataclass(frozen=True)
class QuoteExplained:
    """A quote as a reader sees it: the answers the formula read (label, answer), the total,
    and each beneficiary's share by name — a worked example of the tariff."""

    inputs: list[tuple[str, str]]
    amount: int
    parts: list[tuple[str, int]]


def quote_explained(service: Service, quote: Quote, data: dict) -> QuoteExplained:
    """`quote` of `data` for `service`, explained; the service's fields should be prefetched
    (`service_with_form`). One query, for the beneficiaries' names."""
    return fee_explained(service, quote.tariff, data, amount=quote.amount, parts=quote.parts)


def fee_explained(
    service: Service, tariff: TariffVersion, data: dict, *, amount: int, parts: dict[str, int]
) -> QuoteExplained:
    """A fee already worked out (a quote, or a file's recorded price) explained: the answers
    `tariff`'s formula read, by label, and each beneficiary's share by name."""
    read = fee_formula.names(tariff.formula)
    inputs = [
        (field.label, field.display_value(data.get(field.name)))
        for field in service.fields.all()
        if field.name in read and field.name in data
    ]
    labels = account_labels(parts)
    return QuoteExplained(
        inputs=inputs, amount=amount, parts=[(labels[key], share) for key, share in parts.items()]
    )


def departments() -> QuerySet[Department]:
    """Every department, by code (the people pages' choice of a reviewer's department)."""
    return Department.objects.order_by("code")


def department_places() -> QuerySet[DepartmentMember]:
    """Every reviewer's place in a department (to annotate lists of people, e.g. with a
    Subquery filtered on the user)."""
    return DepartmentMember.objects.all()


# --- service versions and drafts (ADR 0024) ------------------------------------------------


def version_definition(version) -> ServiceDefinition:
    """The frozen definition of a `ServiceVersion`, read once per instance."""
    if not hasattr(version, "_daftar_definition"):
        version._daftar_definition = ServiceDefinition.from_json(version.definition)
    return version._daftar_definition


def service_definition_of_version(service: Service, version) -> ServiceDefinition:
    """What a file of `service` opened with `version` is shown and validated by: the version's
    definition. A file with no version recorded (imported in bulk by the demo generator) was
    opened before its service had any version, so it reads version 1 — recorded from the live
    rows before the first publish — or, while there is none, the live service."""
    if version is None:
        version = service.versions.filter(number=1).first()
        if version is None:
            return definition_of_service(service)
    return version_definition(version)


def services_for_administration() -> list[Service]:
    """Every service, offered or not, with its current version number and whether a draft is
    being edited (the catalogue team's list), in three queries."""
    services = list(
        Service.objects.select_related("domain")
        .annotate(current_version=Max("versions__number"))
        .order_by("domain__code", "code")
    )
    open_drafts = {
        draft.service_id: draft
        for draft in ServiceDraft.objects.filter(status=DraftStatus.OPEN, service__isnull=False)
    }
    for service in services:
        service.open_draft = open_drafts.get(service.pk)
    return services


def service_draft_get(pk: int) -> ServiceDraft | None:
    return ServiceDraft.objects.select_related("service", "based_on").filter(pk=pk).first()


def tariff_draft_get(pk: int) -> TariffDraft | None:
    return (
        TariffDraft.objects.select_related("service", "decision", "tariff")
        .prefetch_related(Prefetch("service__fields", queryset=FormField.objects.order_by("order")))
        .filter(pk=pk)
        .first()
    )


def tariff_drafts_of(service: Service) -> QuerySet[TariffDraft]:
    return TariffDraft.objects.filter(service=service).select_related("decision", "tariff")


def service_for_administration(code: str) -> Service | None:
    """A service by code, offered or not, with its form (the catalogue team's pages)."""
    return (
        Service.objects.filter(code=code)
        .select_related("domain", "department", "workflow")
        .prefetch_related(
            Prefetch("fields", queryset=FormField.objects.order_by("order")),
            "documents",
            "versions",
        )
        .first()
    )


def beneficiaries() -> QuerySet[Beneficiary]:
    return Beneficiary.objects.all()


def tariff_drafts_pending() -> QuerySet[TariffDraft]:
    """Tariff drafts not yet in the tariff book nor withdrawn (the catalogue team's list)."""
    return (
        TariffDraft.objects.filter(status__in=[TariffDraftStatus.DRAFT, TariffDraftStatus.SENT])
        .select_related("service", "decision")
        .order_by("effective_from", "pk")
    )


@dataclass(frozen=True)
class DraftQuote:
    """The fee of a draft's sample answers by one tariff (in force, or drafted)."""

    label: str
    amount: int | None
    parts: list[tuple[str, int]]
    error: str = ""


def draft_quotes(draft: ServiceDraft, data: dict, *, on: datetime.date) -> list[DraftQuote]:
    """`data` (answers cleaned by the draft's form) priced by the service's tariff in force on
    `on` and by each of its pending tariff drafts, as a citizen applying online would pay."""
    tariffs: list[tuple[str, object]] = []
    if draft.service_id is not None:
        current = tariff_in_force(draft.service, on)
        if current is not None:
            tariffs.append((gettext("The tariff in force"), current))
        for pending in tariff_drafts_pending().filter(service=draft.service_id):
            tariffs.append(
                (
                    format_message(
                        gettext("The tariff drafted to take effect on %(date)s"),
                        {"date": format_date(pending.effective_from, language=get_language())},
                    ),
                    pending,
                )
            )
    quotes = []
    for label, tariff in tariffs:
        try:
            quote = quote_with(tariff, data, channel=Channel.WEB)
        except DaftarError as error:
            quotes.append(DraftQuote(label, None, [], error.render()))
            continue
        names = account_labels(quote.parts)
        quotes.append(
            DraftQuote(label, quote.amount, [(names[k], v) for k, v in quote.parts.items()])
        )
    return quotes


def draft_problems(draft: ServiceDraft) -> list[str]:
    """What stops the draft being published, in the reader's language (empty: it can be)."""
    try:
        validate_complete(ServiceDefinition.from_json(draft.definition))
    except DaftarError as error:
        return [error.render()]
    return []


@dataclass(frozen=True)
class _Drafted:
    formula: str
    splits: list


def tariff_samples_explained(
    service: Service, *, formula: str, splits: list[dict], samples: list[dict]
) -> list[QuoteExplained]:
    """Each worked example of a drafted tariff, quoted by the safe evaluator as a file taken at
    an office would be (the office's share shown): the answers by label, the total and each
    beneficiary's share. Raises the evaluator's error (naming the problem) on a bad formula or
    sample."""
    validate_splits(splits)
    drafted = _Drafted(formula=formula, splits=splits)
    explained = []
    for sample in samples:
        quote = quote_with(drafted, sample, channel=Channel.OFFICE)
        explained.append(
            fee_explained(service, drafted, sample, amount=quote.amount, parts=quote.parts)
        )
    return explained


def department_names() -> list[tuple[str, str]]:
    """(code, name in the active language) of every department, in code order: what a workflow
    state may name as the department handling it (registered in `apps.py`)."""
    return [(d.code, d.name) for d in Department.objects.order_by("code")]


def department_by_code(code: str) -> Department | None:
    return Department.objects.filter(code=code).first()


def department_reviewers(department: Department) -> list:
    """The users who review for `department` (its head included), by name: whom the head may
    assign a file to."""
    members = DepartmentMember.objects.filter(department=department).select_related("user")
    return sorted(
        (member.user for member in members),
        key=lambda user: user.get_full_name() or user.get_username(),
    )


def departments_by_codes(codes) -> list[Department]:
    """The departments of `codes` that exist, in code order."""
    return list(Department.objects.filter(code__in=list(codes)).order_by("code"))


# --- the catalogue team's work in progress (its home's tiles and the lists they open) ---------

TARIFF_STAGES = ("awaiting", "adopted")


def service_drafts_open() -> QuerySet[ServiceDraft]:
    """Every draft being edited: of a new service, or of an existing service's next version."""
    return (
        ServiceDraft.objects.filter(status=DraftStatus.OPEN)
        .select_related("service")
        .order_by("-updated_at", "pk")
    )


def _tariff_stage(stage: str) -> Q:
    """`awaiting`: sent, the committee has not adopted it yet; `adopted`: adopted, not yet put
    in the tariff book (the catalogue team or the quarter-hourly job puts it in force)."""
    sent = Q(status=TariffDraftStatus.SENT)
    if stage == "adopted":
        return sent & Q(decision__status=DecisionStatus.ADOPTED)
    return sent & ~Q(decision__status=DecisionStatus.ADOPTED)


def tariff_drafts_at(stage: str) -> QuerySet[TariffDraft]:
    """Tariff drafts at `stage` (one of TARIFF_STAGES), as `tariff_drafts_pending` lists them."""
    return tariff_drafts_pending().filter(_tariff_stage(stage))


def tariffs_coming(on: datetime.date) -> QuerySet[TariffVersion]:
    """Tariff versions in the book whose first day is after `on`: adopted, waiting to apply."""
    return (
        TariffVersion.objects.filter(effective_from__gt=on)
        .select_related("service", "decision")
        .order_by("effective_from", "pk")
    )


def catalogue_work_counts(on: datetime.date) -> dict[str, int]:
    """The counts on the catalogue team's home, in three queries."""
    tariffs = TariffDraft.objects.aggregate(
        awaiting=Count("pk", filter=_tariff_stage("awaiting")),
        adopted=Count("pk", filter=_tariff_stage("adopted")),
    )
    return {
        "drafts": ServiceDraft.objects.filter(status=DraftStatus.OPEN).count(),
        "awaiting": tariffs["awaiting"],
        "adopted": tariffs["adopted"],
        "coming": TariffVersion.objects.filter(effective_from__gt=on).count(),
    }
