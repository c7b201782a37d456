"""Checklists as data: the supervision unit drafts a template's version (sections and items,
each with its weight, evidence and the bylaw articles it enforces) and records the committee
decision that adopts it. An adopted version is frozen — here and by a database trigger
(`supervision/triggers.py`) — and the previously adopted one becomes superseded.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from daftar.audit.services import audit_record, audited
from daftar.core.actors import Actor
from daftar.core.error_codes import CoreErrorCode
from daftar.core.errors import Conflict, InvalidInput
from daftar.governance.choices import DecisionKind, VersionStatus
from daftar.governance.models import Article, ArticleNote, Decision
from daftar.governance.services import decision_record_effect, decision_require
from daftar.supervision.choices import Evidence, RuleStatus, Severity
from daftar.supervision.error_codes import SupervisionErrorCode
from daftar.supervision.models import (
    ChecklistItem,
    ChecklistItemCitation,
    ChecklistSection,
    ChecklistTemplate,
    ChecklistVersion,
)
from daftar.supervision.permissions import require_supervisor
from daftar.supervision.services.common import STREAM

Citation = tuple[Article, ArticleNote | None]

# The self-declaration fields an item may verify (the grading area's declaration form has
# exactly these keys): booleans under accessibility/equipment.
DECLARATION_FIELDS = (
    "accessibility.ramp",
    "accessibility.accessible_counter",
    "accessibility.seating",
    "accessibility.accessible_toilet",
    "equipment.queue_display",
    "equipment.card_reader",
    "equipment.scanner",
    "equipment.cctv",
)
TEXT_MAX_LENGTH = 1000


def _text(value, *, field: str, message) -> str:
    value = (value or "").strip() if isinstance(value, str) else ""
    if not value:
        raise InvalidInput(message, code=CoreErrorCode.REQUIRED, field=field)
    if len(value) > TEXT_MAX_LENGTH:
        raise InvalidInput(
            _("The text is longer than %(limit)d characters."),
            code=CoreErrorCode.TOO_LONG,
            field=field,
            params={"limit": TEXT_MAX_LENGTH},
        )
    return value


def _locked_draft(version: ChecklistVersion) -> ChecklistVersion:
    version = ChecklistVersion.objects.select_for_update().get(pk=version.pk)
    if version.status != RuleStatus.DRAFT:
        raise Conflict(
            _("Version %(number)d of «%(template)s» is adopted and frozen; draft a new version."),
            code=SupervisionErrorCode.RULES_FROZEN,
            params={"number": version.number, "template": version.template.name_fa},
        )
    return version


def _check_citations(citations: Sequence[Citation]) -> None:
    """Only adopted bylaw text may be cited, and a note only with its own article."""
    for article, note in citations:
        if article.version.status != VersionStatus.ADOPTED:
            raise InvalidInput(
                _(
                    "Article %(number)d of «%(version)s» is not adopted text; a checklist item "
                    "may only cite the bylaw in force."
                ),
                code=SupervisionErrorCode.CHECKLIST_CITES_DRAFT,
                field="citations",
                params={"number": article.number, "version": article.version.label_fa},
            )
        if note is not None and note.article_id != article.pk:
            raise InvalidInput(
                _("The cited note does not belong to article %(number)d."),
                code=SupervisionErrorCode.CHECKLIST_CITES_DRAFT,
                field="citations",
                params={"number": article.number},
            )


def _check_item(weight, evidence, severity, verifies_declaration) -> None:
    if isinstance(weight, bool) or not isinstance(weight, int) or not 1 <= weight <= 100:
        raise InvalidInput(
            _("The weight is a whole number from 1 to 100."),
            code=CoreErrorCode.OUT_OF_RANGE,
            field="weight",
        )
    if evidence not in Evidence.values:
        raise InvalidInput(
            _("Choose the evidence."),
            code=SupervisionErrorCode.CHECKLIST_ITEM_INVALID,
            field="evidence",
        )
    if severity not in Severity.values:
        raise InvalidInput(
            _("Choose the severity."),
            code=SupervisionErrorCode.CHECKLIST_ITEM_INVALID,
            field="severity_if_failed",
        )
    if verifies_declaration and verifies_declaration not in DECLARATION_FIELDS:
        raise InvalidInput(
            _("%(field)s is not a field of the self-declaration."),
            code=SupervisionErrorCode.CHECKLIST_ITEM_INVALID,
            field="verifies_declaration",
            params={"field": verifies_declaration},
        )


@audited
def checklist_template_create(
    *, actor: Actor, code: str, name_fa: str, name_en: str = "", for_mystery_shopper: bool = False
) -> ChecklistVersion:
    """A new template and its first (draft) version."""
    require_supervisor(actor)
    name_fa = _text(name_fa, field="name_fa", message=_("Enter the checklist's name."))
    code = (code or "").strip()
    if not code:
        raise InvalidInput(_("Enter a code."), code=CoreErrorCode.REQUIRED, field="code")
    if ChecklistTemplate.objects.filter(code=code).exists():
        raise Conflict(
            _("A checklist with code %(code)s already exists."),
            code=CoreErrorCode.DUPLICATE,
            field="code",
            params={"code": code},
        )
    template = ChecklistTemplate.objects.create(
        code=code,
        name_fa=name_fa,
        name_en=(name_en or "").strip(),
        for_mystery_shopper=bool(for_mystery_shopper),
    )
    version = ChecklistVersion.objects.create(template=template, number=1)
    audit_record(
        actor=actor,
        action="checklist.created",
        stream=STREAM,
        obj=template,
        summary=f"checklist {code} created",
        after={"code": code, "mystery_shopper": template.for_mystery_shopper},
    )
    return version


@audited
def checklist_version_draft(*, actor: Actor, template: ChecklistTemplate) -> ChecklistVersion:
    """The next draft version of `template`, a copy of its latest version (sections, items,
    citations); a template has at most one draft at a time."""
    require_supervisor(actor)
    template = ChecklistTemplate.objects.select_for_update().get(pk=template.pk)
    draft = template.versions.filter(status=RuleStatus.DRAFT).first()
    if draft is not None:
        raise Conflict(
            _("Version %(number)d of this checklist is already a draft; edit it."),
            code=CoreErrorCode.DUPLICATE,
            params={"number": draft.number},
        )
    previous = template.versions.order_by("-number").first()
    number = (template.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = ChecklistVersion.objects.create(
        template=template,
        number=number,
        response_days=previous.response_days if previous else 10,
    )
    if previous is not None:
        for section in previous.sections.prefetch_related("items__citations"):
            copy = ChecklistSection.objects.create(
                version=version,
                order=section.order,
                title_fa=section.title_fa,
                title_en=section.title_en,
            )
            for item in section.items.all():
                item_copy = ChecklistItem.objects.create(
                    section=copy,
                    order=item.order,
                    code=item.code,
                    text_fa=item.text_fa,
                    text_en=item.text_en,
                    weight=item.weight,
                    evidence=item.evidence,
                    severity_if_failed=item.severity_if_failed,
                    verifies_declaration=item.verifies_declaration,
                )
                ChecklistItemCitation.objects.bulk_create(
                    [
                        ChecklistItemCitation(item=item_copy, article=c.article, note=c.note)
                        for c in item.citations.all()
                        if c.article.version.status == VersionStatus.ADOPTED
                    ]
                )
    audit_record(
        actor=actor,
        action="checklist.version_drafted",
        stream=STREAM,
        obj=version,
        summary=f"checklist {template.code} v{number} drafted",
        after={"template": template.code, "number": number},
    )
    return version


@audited
def checklist_version_set_response_days(
    *, actor: Actor, version: ChecklistVersion, response_days: int
) -> ChecklistVersion:
    require_supervisor(actor)
    version = _locked_draft(version)
    if isinstance(response_days, bool) or not isinstance(response_days, int):
        response_days = 0
    if not 1 <= response_days <= 60:
        raise InvalidInput(
            _("The response window is from 1 to 60 working days."),
            code=CoreErrorCode.OUT_OF_RANGE,
            field="response_days",
        )
    before = version.response_days
    version.response_days = response_days
    version.save(update_fields=["response_days"])
    audit_record(
        actor=actor,
        action="checklist.response_days_set",
        stream=STREAM,
        obj=version,
        before={"response_days": before},
        after={"response_days": response_days},
    )
    return version


@audited
def checklist_section_add(
    *, actor: Actor, version: ChecklistVersion, title_fa: str, title_en: str = ""
) -> ChecklistSection:
    require_supervisor(actor)
    version = _locked_draft(version)
    title_fa = _text(title_fa, field="title_fa", message=_("Enter the section's title."))
    order = (version.sections.aggregate(n=Max("order"))["n"] or 0) + 1
    section = ChecklistSection.objects.create(
        version=version, order=order, title_fa=title_fa, title_en=(title_en or "").strip()
    )
    audit_record(
        actor=actor,
        action="checklist.section_added",
        stream=STREAM,
        obj=section,
        after={"version": version.pk, "title": title_fa},
    )
    return section


@audited
def checklist_section_edit(
    *, actor: Actor, section: ChecklistSection, title_fa: str, title_en: str = ""
) -> ChecklistSection:
    require_supervisor(actor)
    _locked_draft(section.version)
    title_fa = _text(title_fa, field="title_fa", message=_("Enter the section's title."))
    before = section.title_fa
    section.title_fa, section.title_en = title_fa, (title_en or "").strip()
    section.save(update_fields=["title_fa", "title_en"])
    audit_record(
        actor=actor,
        action="checklist.section_edited",
        stream=STREAM,
        obj=section,
        before={"title": before},
        after={"title": title_fa},
    )
    return section


@audited
def checklist_section_remove(*, actor: Actor, section: ChecklistSection) -> None:
    require_supervisor(actor)
    _locked_draft(section.version)
    audit_record(
        actor=actor,
        action="checklist.section_removed",
        stream=STREAM,
        obj=section,
        before={"title": section.title_fa, "items": section.items.count()},
    )
    section.delete()


def _set_citations(item: ChecklistItem, citations: Sequence[Citation]) -> None:
    item.citations.all().delete()
    ChecklistItemCitation.objects.bulk_create(
        [ChecklistItemCitation(item=item, article=a, note=n) for a, n in citations]
    )


@audited
def checklist_item_add(
    *,
    actor: Actor,
    section: ChecklistSection,
    code: str,
    text_fa: str,
    text_en: str = "",
    weight: int = 1,
    evidence: str = Evidence.NONE,
    severity_if_failed: str = Severity.MINOR,
    verifies_declaration: str = "",
    citations: Sequence[Citation] = (),
) -> ChecklistItem:
    require_supervisor(actor)
    _locked_draft(section.version)
    text_fa = _text(text_fa, field="text_fa", message=_("Enter what is checked."))
    code = (code or "").strip()
    if not code:
        raise InvalidInput(_("Enter a code."), code=CoreErrorCode.REQUIRED, field="code")
    _check_item(weight, evidence, severity_if_failed, verifies_declaration)
    _check_citations(citations)
    if ChecklistItem.objects.filter(section__version=section.version_id, code=code).exists():
        raise Conflict(
            _("An item with code %(code)s is already in this version."),
            code=CoreErrorCode.DUPLICATE,
            field="code",
            params={"code": code},
        )
    order = (section.items.aggregate(n=Max("order"))["n"] or 0) + 1
    item = ChecklistItem.objects.create(
        section=section,
        order=order,
        code=code,
        text_fa=text_fa,
        text_en=(text_en or "").strip(),
        weight=weight,
        evidence=evidence,
        severity_if_failed=severity_if_failed,
        verifies_declaration=verifies_declaration or "",
    )
    _set_citations(item, citations)
    audit_record(
        actor=actor,
        action="checklist.item_added",
        stream=STREAM,
        obj=item,
        after={
            "code": code,
            "weight": weight,
            "evidence": evidence,
            "severity": severity_if_failed,
            "articles": [a.number for a, _n in citations],
        },
    )
    return item


@audited
def checklist_item_edit(
    *,
    actor: Actor,
    item: ChecklistItem,
    text_fa: str,
    text_en: str = "",
    weight: int = 1,
    evidence: str = Evidence.NONE,
    severity_if_failed: str = Severity.MINOR,
    verifies_declaration: str = "",
    citations: Sequence[Citation] = (),
) -> ChecklistItem:
    require_supervisor(actor)
    _locked_draft(item.section.version)
    text_fa = _text(text_fa, field="text_fa", message=_("Enter what is checked."))
    _check_item(weight, evidence, severity_if_failed, verifies_declaration)
    _check_citations(citations)
    before = {"text": item.text_fa, "weight": item.weight, "evidence": item.evidence}
    item.text_fa, item.text_en = text_fa, (text_en or "").strip()
    item.weight, item.evidence = weight, evidence
    item.severity_if_failed = severity_if_failed
    item.verifies_declaration = verifies_declaration or ""
    item.save()
    _set_citations(item, citations)
    audit_record(
        actor=actor,
        action="checklist.item_edited",
        stream=STREAM,
        obj=item,
        before=before,
        after={"text": text_fa, "weight": weight, "evidence": evidence},
    )
    return item


@audited
def checklist_item_remove(*, actor: Actor, item: ChecklistItem) -> None:
    require_supervisor(actor)
    _locked_draft(item.section.version)
    audit_record(
        actor=actor,
        action="checklist.item_removed",
        stream=STREAM,
        obj=item,
        before={"code": item.code, "text": item.text_fa},
    )
    item.delete()


@audited
def checklist_version_adopt(
    *, actor: Actor, version: ChecklistVersion, decision: Decision | None
) -> ChecklistVersion:
    """Record the committee's (policy) decision adopting `version`: it is in force and frozen
    from now on, and the version adopted before it is superseded."""
    require_supervisor(actor)
    decision = decision_require(decision=decision, kind=DecisionKind.POLICY)
    version = _locked_draft(version)
    if not ChecklistItem.objects.filter(section__version=version).exists():
        raise InvalidInput(
            _("The version has no items yet; add the sections and items first."),
            code=SupervisionErrorCode.CHECKLIST_EMPTY,
        )
    previous = (
        ChecklistVersion.objects.select_for_update()
        .filter(template=version.template_id, status=RuleStatus.ADOPTED)
        .first()
    )
    if previous is not None:
        previous.status = RuleStatus.SUPERSEDED
        previous.save(update_fields=["status"])
    version.status = RuleStatus.ADOPTED
    version.decision = decision
    version.adopted_on = timezone.localdate()
    version.save(update_fields=["status", "decision", "adopted_on"])
    decision_record_effect(
        decision=decision,
        obj=version,
        message=gettext_noop("adopted version %(number)s of the checklist «%(name)s»"),
        params={"number": version.number, "name": version.template.name_fa},
    )
    audit_record(
        actor=actor,
        action="checklist.version_adopted",
        stream=STREAM,
        obj=version,
        summary=f"checklist {version.template.code} v{version.number} adopted",
        after={
            "decision": decision.number,
            "supersedes": previous.number if previous else None,
            "response_days": version.response_days,
        },
    )
    return version
