"""Tariff changes through the steering committee (issue 17, item 2; ADR 0024).

The catalogue team drafts a change — the formula, its plain words, worked examples (sample
answers whose fees the evaluator computes), the beneficiaries' split and the day it takes
effect — and sends it: a tariff decision is drafted in governance carrying that text. The
committee votes on it there. Once adopted, a catalogue administrator applies it
(`tariff_draft_apply`), which writes the tariff version through `tariff_set` citing the
decision; nothing takes effect before the committee adopts.

A change takes effect from a day after today, never today or earlier: every file priced so far
was priced on or before today, so the tariff that priced it keeps its whole period (the freeze
guard; the database refuses any change to a version's formula, split or start). A service with
no tariff in force today (a new one) may have its first tariff from today: nothing was priced,
so citizens can use a new service the day it is published.
"""

from __future__ import annotations

import datetime

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from daftar.audit.services import audit_record, audited
from daftar.catalogue import formula as fee_formula
from daftar.catalogue.choices import NUMERIC_TYPES, TariffDraftStatus
from daftar.catalogue.error_codes import CatalogueErrorCode
from daftar.catalogue.models import Service, TariffDraft
from daftar.catalogue.permissions import require_catalogue_admin
from daftar.catalogue.services.tariffs import tariff_set, validate_splits
from daftar.core.actors import Actor
from daftar.core.errors import Conflict, InvalidInput
from daftar.core.jalali import format_date
from daftar.core.money import format_rials
from daftar.governance.choices import DecisionKind, DecisionStatus
from daftar.governance.services import decision_draft

STREAM = "catalogue"


def _check_date(service: Service, effective_from: datetime.date) -> None:
    today = timezone.localdate()
    if effective_from < today:
        raise InvalidInput(
            _("A tariff cannot take effect in the past."),
            code=CatalogueErrorCode.TARIFF_RETROACTIVE,
            field="effective_from",
        )
    if (
        effective_from == today
        and service.tariffs.filter(
            Q(effective_from__lte=today), Q(effective_to__isnull=True) | Q(effective_to__gt=today)
        ).exists()
    ):
        raise InvalidInput(
            _(
                "A tariff change takes effect from tomorrow at the earliest; files already "
                "priced keep the tariff that priced them."
            ),
            code=CatalogueErrorCode.TARIFF_RETROACTIVE,
            field="effective_from",
        )
    latest = service.tariffs.order_by("-effective_from").first()
    if latest is not None and latest.effective_from >= effective_from:
        raise Conflict(
            _(
                "Tariff version %(version)d already starts on %(date)s; a new version must "
                "start after it."
            ),
            code=CatalogueErrorCode.TARIFF_OVERLAP,
            field="effective_from",
            params={"version": latest.version, "date": latest.effective_from},
        )


def sample_quotes(service: Service, formula: str, samples: list[dict]) -> list[int]:
    """The fee of each sample by `formula` (raises FormulaError naming the problem)."""
    return [fee_formula.evaluate(formula, sample) for sample in samples]


def _check(
    service: Service,
    *,
    formula: str,
    description_fa: str,
    splits: list[dict],
    samples: list[dict],
    effective_from: datetime.date,
) -> None:
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
    if not description_fa.strip():
        raise InvalidInput(
            _("Say the formula in plain Persian words: citizens read that, not the formula."),
            code=CatalogueErrorCode.FORMULA_INVALID,
            field="description_fa",
        )
    validate_splits(splits)
    if not samples:
        raise InvalidInput(
            _("Give at least one worked example: sample answers whose fee the decision shows."),
            code=CatalogueErrorCode.FORMULA_INVALID,
            field="samples",
        )
    sample_quotes(service, formula, samples)
    _check_date(service, effective_from)


@audited
def tariff_draft_save(
    *,
    actor: Actor,
    service: Service,
    formula: str,
    description_fa: str,
    description_en: str,
    splits: list[dict],
    samples: list[dict],
    effective_from: datetime.date,
    draft: TariffDraft | None = None,
) -> TariffDraft:
    """A new tariff draft of `service`, or `draft` changed (only while not yet sent)."""
    require_catalogue_admin(actor)
    _check(
        service,
        formula=formula,
        description_fa=description_fa,
        splits=splits,
        samples=samples,
        effective_from=effective_from,
    )
    values = {
        "formula": formula.strip(),
        "description_fa": description_fa.strip(),
        "description_en": description_en.strip(),
        "splits": splits,
        "samples": samples,
        "effective_from": effective_from,
    }
    before = None
    if draft is None:
        draft = TariffDraft.objects.create(service=service, created_by=actor.user, **values)
    else:
        draft = TariffDraft.objects.select_for_update(of=("self",)).get(
            pk=draft.pk, service=service
        )
        _require_status(draft, TariffDraftStatus.DRAFT)
        before = {"formula": draft.formula, "effective_from": draft.effective_from}
        for name, value in values.items():
            setattr(draft, name, value)
        draft.save(update_fields=list(values))
    audit_record(
        actor=actor,
        action="tariff.draft_saved",
        stream=STREAM,
        obj=draft,
        summary=f"tariff draft {draft.pk} of {service.code}",
        before=before,
        after={**values, "service": service.code},
    )
    return draft


def _require_status(draft: TariffDraft, *allowed: TariffDraftStatus) -> None:
    if draft.status not in allowed:
        raise Conflict(
            _("This tariff draft is %(status)s; that step is not possible now."),
            code=CatalogueErrorCode.TARIFF_DRAFT_STATE,
            params={"status": draft.get_status_display()},
        )


def decision_text(draft: TariffDraft) -> tuple[str, str, str]:
    """(subject in Persian, subject in English, body in Persian) of the decision the draft
    becomes: the plain words, the formula, the worked examples, the split and the date."""
    service = draft.service
    date_fa = format_date(draft.effective_from, language="fa")
    subject = f"تعرفه جدید «{service.title_fa}» از {date_fa}"
    subject_en = f"New tariff of “{service.title_en}” from {draft.effective_from.isoformat()}"
    lines = [
        f"تعرفه خدمت «{service.title_fa}» ({service.code}) از {date_fa} چنین است:",
        draft.description_fa,
        f"فرمول: {draft.formula}",
        "نمونه‌های محاسبه:",
    ]
    labels = {f.name: f.label_fa for f in service.fields.all()}
    for sample, amount in zip(
        draft.samples, sample_quotes(service, draft.formula, draft.samples), strict=True
    ):
        answers = "، ".join(f"{labels.get(k, k)} = {v}" for k, v in sample.items())
        lines.append(f"- {answers}: {format_rials(amount, language='fa')}")
    lines.append("سهم ذی‌نفعان (از ۱۰٬۰۰۰):")
    lines += [f"- {s['beneficiary']}: {s['basis_points']}" for s in draft.splits]
    return subject, subject_en, "\n".join(lines)


@audited
def tariff_draft_send(*, actor: Actor, draft: TariffDraft) -> TariffDraft:
    """Send the draft to the steering committee: a tariff decision is drafted with its text."""
    require_catalogue_admin(actor)
    draft = (
        TariffDraft.objects.select_for_update(of=("self",))
        .select_related("service")
        .get(pk=draft.pk)
    )
    _require_status(draft, TariffDraftStatus.DRAFT)
    _check(
        draft.service,
        formula=draft.formula,
        description_fa=draft.description_fa,
        splits=draft.splits,
        samples=draft.samples,
        effective_from=draft.effective_from,
    )
    subject, subject_en, body = decision_text(draft)
    decision = decision_draft(
        actor=actor,
        kind=DecisionKind.TARIFF,
        subject=subject,
        subject_en=subject_en,
        body=body,
        decided_on=timezone.localdate(),
    )
    draft.decision = decision
    draft.status = TariffDraftStatus.SENT
    draft.save(update_fields=["decision", "status"])
    audit_record(
        actor=actor,
        action="tariff.draft_sent",
        stream=STREAM,
        obj=draft,
        summary=f"tariff draft {draft.pk} sent to the committee",
        after={"decision": decision.pk},
    )
    return draft


@audited
def tariff_draft_apply(*, actor: Actor, draft: TariffDraft) -> TariffDraft:
    """Put the adopted change in the tariff book, from the day the decision names: by the
    catalogue team's click, or by the job that applies every adopted change
    (`tariff_drafts_apply_adopted`)."""
    if not actor.is_system:
        require_catalogue_admin(actor)
    draft = (
        TariffDraft.objects.select_for_update(of=("self",))
        .select_related("service", "decision")
        .get(pk=draft.pk)
    )
    _require_status(draft, TariffDraftStatus.SENT)
    _check_date(draft.service, draft.effective_from)
    tariff = tariff_set(
        actor=actor,
        service=draft.service,
        decision=draft.decision,
        effective_from=draft.effective_from,
        formula=draft.formula,
        splits=draft.splits,
        description_fa=draft.description_fa,
        description_en=draft.description_en,
    )
    draft.tariff = tariff
    draft.status = TariffDraftStatus.APPLIED
    draft.save(update_fields=["tariff", "status"])
    audit_record(
        actor=actor,
        action="tariff.draft_applied",
        stream=STREAM,
        obj=draft,
        summary=f"tariff draft {draft.pk} applied as {draft.service.code} v{tariff.version}",
    )
    return draft


@audited
def tariff_draft_withdraw(*, actor: Actor, draft: TariffDraft) -> TariffDraft:
    """Withdraw a draft not yet sent, or one the committee rejected."""
    require_catalogue_admin(actor)
    draft = (
        TariffDraft.objects.select_for_update(of=("self",))
        .select_related("decision")
        .get(pk=draft.pk)
    )
    rejected = (
        draft.status == TariffDraftStatus.SENT
        and draft.decision is not None
        and draft.decision.status == DecisionStatus.REJECTED
    )
    if not rejected:
        _require_status(draft, TariffDraftStatus.DRAFT)
    draft.status = TariffDraftStatus.WITHDRAWN
    draft.save(update_fields=["status"])
    audit_record(
        actor=actor,
        action="tariff.draft_withdrawn",
        stream=STREAM,
        obj=draft,
        summary=f"tariff draft {draft.pk} withdrawn",
    )
    return draft


def tariff_drafts_apply_adopted(*, actor: Actor) -> tuple[int, list[str]]:
    """Every change sent to the committee whose decision was adopted, put in force by the
    system (`actor`), one transaction each: (how many were applied, why the others could not
    be — e.g. its first day passed while the committee deliberated, or another version was
    set meanwhile; the catalogue team sees it still waiting on its page)."""
    applied, refused = 0, []
    waiting = TariffDraft.objects.filter(
        status=TariffDraftStatus.SENT, decision__status=DecisionStatus.ADOPTED
    ).order_by("effective_from", "pk")
    for draft in waiting:
        try:
            tariff_draft_apply(actor=actor, draft=draft)
        except (Conflict, InvalidInput) as error:
            refused.append(f"{draft.service.code}: {error.code}")
        else:
            applied += 1
    return applied, refused
