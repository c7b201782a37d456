"""Awards: agreements in principle by committee decision, then the operating licence.

An agreement in principle (موافقت اصولی) is awarded only on an adopted LICENCE decision, only
to an applicant ranked in the district in the latest publication, within the district's quota
and in order of rank (Article 11): an applicant may be awarded a district only once every
higher-ranked applicant the ranking allocated to that district holds an agreement.

An agreement whose deadline passes without an operating licence lapses (a daily job,
`agreements_lapse_due`) and no longer counts against the quota: the committee may award the
freed place, by a new decision, to the next applicant ranked in that district — in order of
rank among those who hold no agreement from the call. A lapsed holder is not awarded again
from the same call.

The operating licence goes through the office registry: the applicant becomes a person and a
licensee, a new office is registered in the district (pending), and `licence_issue` (one
licence per natural person, a LICENCE decision, a verification code) licenses it. Renewal,
expiry, transfer and relocation are the registry's (daftar.offices.services.lifecycle).
`_agreement_move` is the only place an agreement's status changes.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from daftar.audit.services import audit_nothing_changed, audit_record, audited
from daftar.core.actors import Actor
from daftar.core.error_codes import CoreErrorCode
from daftar.core.errors import Conflict, InvalidInput
from daftar.core.i18n import Digits
from daftar.governance.choices import DecisionKind
from daftar.governance.services import decision_record_effect, decision_require
from daftar.licensing import ranking
from daftar.licensing.choices import AgreementStatus, CallStatus
from daftar.licensing.error_codes import LicensingErrorCode
from daftar.licensing.models import Agreement, Application, Call
from daftar.licensing.reasons import lazy_date
from daftar.licensing.services.common import STREAM, lock_call, require_committee, require_status
from daftar.licensing.services.lifecycle import _call_move
from daftar.offices.error_codes import OfficesErrorCode
from daftar.offices.selectors import districts_by_number
from daftar.offices.services import (
    licence_issue,
    licensee_for_person,
    office_activate,
    office_register,
    person_upsert,
)

AWARD_STATUSES = (CallStatus.OBJECTIONS_CLOSED, CallStatus.AWARDED)


@dataclass(frozen=True)
class Award:
    code: str  # applicant code
    district: int  # district number


def latest_results(call: Call) -> dict | None:
    publication = call.publications.order_by("-number").first()
    return ranking.loads(publication.content) if publication else None


def proposed_awards(call: Call) -> list[Award]:
    """The allocation of the latest publication, in rank order: what the committee awards."""
    results = latest_results(call)
    if results is None:
        return []
    return [
        Award(row["code"], row["allocated_district"])
        for row in results["results"]["order"]
        if row["allocated_district"]
    ]


@audited
def agreements_award(
    *,
    actor: Actor,
    call: Call,
    decision,
    awards: Sequence[Award],
    setup_deadline: datetime.date,
) -> list[Agreement]:
    """Award agreements in principle on `decision`; all of them or none."""
    require_committee(actor)
    decision_require(decision=decision, kind=DecisionKind.LICENCE)
    call = lock_call(call)
    require_status(call, AWARD_STATUSES, action=_("awarding agreements in principle"))
    if not awards:
        raise InvalidInput(
            _("Choose at least one applicant."), code=CoreErrorCode.REQUIRED, field="awards"
        )
    awarded_on = decision.decided_on
    if setup_deadline <= awarded_on:
        raise InvalidInput(
            _("The deadline to set up the office must be after the decision (%(date)s)."),
            code=LicensingErrorCode.SETUP_DEADLINE_BEFORE_AWARD,
            field="setup_deadline",
            params={"date": lazy_date(awarded_on)},
        )
    book = _AwardBook.of(call)
    applications = {
        a.code: a for a in call.applications.filter(code__in=[award.code for award in awards])
    }
    district_rows = districts_by_number(book.quotas)
    created = []
    for award in awards:
        application = applications.get(award.code)
        book.check(award, application)
        agreement = Agreement.objects.create(
            call=call,
            application=application,
            district=district_rows[award.district],
            decision=decision,
            awarded_on=awarded_on,
            setup_deadline=setup_deadline,
        )
        book.took(award)
        decision_record_effect(
            decision=decision,
            obj=agreement,
            message=gettext_noop(
                "agreement in principle for %(application)s in district %(district)d "
                "(call %(call)s)"
            ),
            params={
                "application": award.code,
                "district": award.district,
                "call": Digits(call.code),
            },
        )
        audit_record(
            actor=actor,
            action="agreement.awarded",
            stream=STREAM,
            obj=agreement,
            summary=f"{award.code}: agreement in principle, district {award.district}",
            after={
                "decision": decision.number,
                "district": award.district,
                "setup_deadline": setup_deadline,
            },
        )
        created.append(agreement)
    if call.status == CallStatus.OBJECTIONS_CLOSED:
        _call_move(call, CallStatus.AWARDED, actor=actor, action="call.awarded")
    return created


@dataclass
class _AwardBook:
    """What an award is checked against: the latest ranking of each district, its quota, the
    agreements already held there, and the applicants whose agreement lapsed or who hold one.
    `check` applies the five refusal rules in turn; `took` books an award so the next award of
    the same batch sees it."""

    districts: dict
    quotas: dict[int, int]
    held: dict[int, int]
    lapsed_codes: set[str]
    awarded_codes: set[str]

    @classmethod
    def of(cls, call: Call) -> _AwardBook:
        return cls(
            districts=latest_results(call)["results"]["districts"],
            quotas={q.district.number: q.quota for q in call.quotas.select_related("district")},
            held=dict(
                call.agreements.exclude(status=AgreementStatus.LAPSED)
                .values_list("district__number")
                .annotate(n=Count("pk"))
                .order_by()
            ),
            lapsed_codes=set(
                call.agreements.filter(status=AgreementStatus.LAPSED).values_list(
                    "application__code", flat=True
                )
            ),
            awarded_codes=set(call.agreements.values_list("application__code", flat=True)),
        )

    def check(self, award: Award, application: Application | None) -> None:
        rows = (self.districts.get(str(award.district)) or {}).get("ranking", [])
        position = _rule_ranked(award, application, rows)
        _rule_not_lapsed(award, self.lapsed_codes)
        _rule_not_awarded(award, self.awarded_codes)
        _rule_within_quota(award, self.quotas.get(award.district, 0), self.held)
        _rule_in_rank_order(award, rows, position, self.awarded_codes)

    def took(self, award: Award) -> None:
        self.held[award.district] = self.held.get(award.district, 0) + 1
        self.awarded_codes.add(award.code)


def _rule_ranked(award: Award, application: Application | None, rows: list[dict]) -> int:
    """The applicant is ranked in the district in the latest results; their position."""
    position = next((i for i, row in enumerate(rows) if row["code"] == award.code), None)
    if application is None or position is None:
        raise InvalidInput(
            _("%(code)s is not ranked in district %(district)d in the latest results."),
            code=LicensingErrorCode.NOT_RANKED,
            field="awards",
            params={"code": award.code, "district": award.district},
        )
    return position


def _rule_not_lapsed(award: Award, lapsed_codes: set[str]) -> None:
    """An agreement that lapsed is not awarded again from the same call."""
    if award.code in lapsed_codes:
        raise Conflict(
            _(
                "The agreement in principle of %(code)s from this call lapsed; it is not "
                "awarded again."
            ),
            code=LicensingErrorCode.AGREEMENT_LAPSED,
            params={"code": award.code},
        )


def _rule_not_awarded(award: Award, awarded_codes: set[str]) -> None:
    """One agreement per applicant per call."""
    if award.code in awarded_codes:
        raise Conflict(
            _("%(code)s already holds an agreement in principle from this call."),
            code=LicensingErrorCode.ALREADY_AWARDED,
            params={"code": award.code},
        )


def _rule_within_quota(award: Award, quota: int, held: dict[int, int]) -> None:
    """No district gets more agreements than its quota."""
    taken = held.get(award.district, 0)
    if taken >= quota:
        raise Conflict(
            _(
                "District %(district)d's quota is %(quota)d and %(taken)d agreement(s) are "
                "already awarded there; %(code)s cannot be awarded beyond the quota."
            ),
            code=LicensingErrorCode.QUOTA_EXCEEDED,
            params={"district": award.district, "quota": quota, "taken": taken, "code": award.code},
        )


def _rule_in_rank_order(
    award: Award, rows: list[dict], position: int, awarded_codes: set[str]
) -> None:
    """The allocation first, in order of rank; a place freed by a lapse goes to the
    best-ranked applicant in the district who holds nothing from the call."""
    replacement = not rows[position]["allocated"]
    skipped = [
        row["code"]
        for row in rows[:position]
        if (row["allocated"] or replacement) and row["code"] not in awarded_codes
    ]
    if skipped:
        raise Conflict(
            _(
                "Agreements go in order of rank: %(skipped)s, ranked above %(code)s in "
                "district %(district)d, must be awarded first."
            ),
            code=LicensingErrorCode.OUT_OF_RANK_ORDER,
            params={"skipped": ", ".join(skipped), "code": award.code, "district": award.district},
        )


def _agreement_move(agreement: Agreement, to: AgreementStatus, **fields) -> None:
    """The one place an agreement's status changes (audited by the caller): awarded →
    licensed or lapsed, nothing else."""
    if agreement.status != AgreementStatus.AWARDED or to not in (
        AgreementStatus.LICENSED,
        AgreementStatus.LAPSED,
    ):
        raise Conflict(
            _("The agreement of %(code)s is %(status)s already."),
            code=LicensingErrorCode.AGREEMENT_TRANSITION,
            params={"code": agreement.application.code, "status": agreement.get_status_display()},
        )
    agreement.status = to
    for name, value in fields.items():
        setattr(agreement, name, value)
    agreement.save(update_fields=["status", *fields])


@audited
def agreement_issue_licence(
    *,
    actor: Actor,
    agreement: Agreement,
    decision,
    office_code: str,
    office_name: str,
    address: str,
    issued_on: datetime.date,
    term_years: int,
    postal_code: str = "",
    open_office: bool = False,
):
    """Register the holder's office and issue its operating licence (within the deadline)."""
    require_committee(actor)
    decision_require(decision=decision, kind=DecisionKind.LICENCE)
    agreement = (
        Agreement.objects.select_for_update()
        .select_related("application", "district", "call")
        .get(pk=agreement.pk)
    )
    application: Application = agreement.application
    if agreement.status == AgreementStatus.LAPSED:
        raise Conflict(
            _(
                "The agreement in principle of %(code)s lapsed on %(end)s; no licence can be "
                "issued on it."
            ),
            code=LicensingErrorCode.AGREEMENT_LAPSED,
            params={"code": application.code, "end": lazy_date(agreement.setup_deadline)},
        )
    if agreement.status != AgreementStatus.AWARDED:
        raise Conflict(
            _("%(code)s already holds the operating licence of this agreement."),
            code=OfficesErrorCode.ALREADY_LICENSED,
            params={"code": application.code},
        )
    if not agreement.awarded_on <= issued_on <= agreement.setup_deadline:
        raise Conflict(
            _(
                "The agreement in principle of %(code)s runs from %(start)s to %(end)s; a licence "
                "cannot be issued on %(date)s."
            ),
            code=LicensingErrorCode.AGREEMENT_LAPSED
            if issued_on > agreement.setup_deadline
            else LicensingErrorCode.LICENCE_BEFORE_AWARD,
            params={
                "code": application.code,
                "start": lazy_date(agreement.awarded_on),
                "end": lazy_date(agreement.setup_deadline),
                "date": lazy_date(issued_on),
            },
        )
    holder = person_upsert(
        actor=actor,
        national_code=application.national_code,
        first_name=application.first_name,
        last_name=application.last_name,
        birth_date=application.birth_date,
        degree_level=application.degree_level,
        degree_field=application.get_degree_field_display(),
    )
    technical_manager = person_upsert(
        actor=actor,
        national_code=application.tm_national_code,
        first_name=application.tm_first_name,
        last_name=application.tm_last_name,
        birth_date=application.tm_birth_date,
        degree_field=application.get_tm_degree_field_display(),
    )
    licensee = licensee_for_person(actor=actor, person=holder)
    office = office_register(
        actor=actor,
        code=office_code.strip().upper(),
        name=office_name.strip(),
        district=agreement.district,
        address=address.strip(),
        postal_code=postal_code,
        technical_manager=technical_manager,
    )
    licence = licence_issue(
        actor=actor,
        office=office,
        licensee=licensee,
        decision=decision,
        issued_on=issued_on,
        term_years=term_years,
    )
    if open_office:
        office_activate(actor=actor, office=office)
    _agreement_move(agreement, AgreementStatus.LICENSED, office=office, licence=licence)
    audit_record(
        actor=actor,
        action="agreement.licensed",
        stream=STREAM,
        obj=agreement,
        summary=f"{application.code}: office {office.code} licensed ({licence.number})",
        after={"office": office.code, "licence": licence.number, "decision": decision.number},
    )
    return licence


def agreements_lapse_due(*, today: datetime.date | None = None) -> int:
    """Mark lapsed the agreements whose deadline passed without a licence (a daily job).
    Returns how many lapsed."""
    today = today or timezone.localdate()
    due = list(
        Agreement.objects.filter(
            status=AgreementStatus.AWARDED, setup_deadline__lt=today
        ).values_list("pk", flat=True)
    )
    for pk in due:
        _lapse_one(pk=pk, today=today)
    return len(due)


@audited
def _lapse_one(*, pk: int, today: datetime.date) -> None:
    agreement = (
        Agreement.objects.select_for_update(of=("self",))
        .select_related("application", "district")
        .get(pk=pk)
    )
    if agreement.status != AgreementStatus.AWARDED or agreement.setup_deadline >= today:
        audit_nothing_changed()  # licensed meanwhile, or not due
        return
    _agreement_move(agreement, AgreementStatus.LAPSED)
    audit_record(
        actor=Actor.system("agreement-expiry"),
        action="agreement.lapsed",
        stream=STREAM,
        obj=agreement,
        summary=(
            f"{agreement.application.code}: agreement in principle for district "
            f"{agreement.district.number} lapsed (deadline {agreement.setup_deadline})"
        ),
        after={"setup_deadline": agreement.setup_deadline},
    )
