"""Demo data for governance: two commission drafts, their merge in force, a year of decisions.

Everything goes through the services, so the audit log and the guards see the demo exactly
as they would see real work. Idempotent: a bylaw that already has a version in force is left
as it is.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.contrib.auth import get_user_model

from daftar.core.actors import Actor
from daftar.core.jalali import parse_jalali_date
from daftar.governance import services
from daftar.governance.choices import DecisionKind, MajorityBasis, Seat, VersionStatus, VoteChoice
from daftar.governance.demo_data import MergeChoice, demo_bylaw, demo_decisions
from daftar.governance.models import Bylaw, Commission, CommitteeMember, Decision

SEAT_USERS = {
    Seat.URBAN_PLANNING: "committee",  # the demo committee account, also the secretary
    Seat.PLANNING: "committee_planning",
    Seat.FINANCE: "committee_finance",
}


def _write_draft(*, actor, bylaw, commission, label_fa, label_en, chapters):
    version = services.bylaw_version_create(
        actor=actor, bylaw=bylaw, label_fa=label_fa, label_en=label_en, commission=commission
    )
    for chapter in chapters:
        services.chapter_save(
            actor=actor,
            version=version,
            number=chapter.number,
            title_fa=chapter.title_fa,
            title_en=chapter.title_en,
        )
        for article in chapter.articles:
            services.article_save(
                actor=actor,
                version=version,
                number=article.number,
                chapter_number=chapter.number,
                title_fa=article.title_fa,
                title_en=article.title_en,
                text_fa=article.text_fa,
                text_en=article.text_en,
                notes=[services.NoteText(n.text_fa, n.text_en) for n in article.notes],
            )
    return version


def _merge_choice(choice: MergeChoice):
    if choice.edited is None:
        return choice.take
    edited = choice.edited
    return services.EditedArticle(
        text_fa=edited.text_fa,
        text_en=edited.text_en,
        title_fa=edited.title_fa,
        title_en=edited.title_en,
        notes=tuple(services.NoteText(n.text_fa, n.text_en) for n in edited.notes),
    )


def seed_committee(log: Callable[[str], None], password_hash: str) -> dict[Seat, CommitteeMember]:
    User = get_user_model()
    from django.contrib.auth.models import Group

    members = {}
    names = {Seat.PLANNING: ("سعید", "رحیمی"), Seat.FINANCE: ("لیلا", "کاظمی")}
    for seat, username in SEAT_USERS.items():
        user = User.objects.filter(username=username).first()
        if user is None:
            first, last = names[seat]
            user = User.objects.create(
                username=username, first_name=first, last_name=last, password=password_hash
            )
            user.groups.add(Group.objects.get(name="committee_member"))
        member = CommitteeMember.objects.filter(user=user, until__isnull=True).first()
        if member is None:
            member = services.committee_member_appoint(
                actor=Actor.system("demo"),
                user=user,
                seat=seat,
                since=datetime.date(2025, 3, 21),
                is_secretary=seat == Seat.URBAN_PLANNING,
            )
        members[seat] = member
    log("committee: 3 seats filled")
    return members


def seed_governance(log: Callable[[str], None], password_hash: str) -> None:
    User = get_user_model()
    members = seed_committee(log, password_hash)
    secretary = members[Seat.URBAN_PLANNING].user
    council = User.objects.get(username="council")

    text = demo_bylaw()
    bylaw, _created = Bylaw.objects.get_or_create(
        slug=text.bylaw.slug,
        defaults={
            "title_fa": text.bylaw.title_fa,
            "short_title_fa": text.bylaw.short_title_fa,
            "title_en": text.bylaw.title_en,
            "short_title_en": text.bylaw.short_title_en,
        },
    )
    urban, _ = Commission.objects.get_or_create(
        code="urban-planning",
        defaults={
            "name_fa": "کمیسیون شهرسازی و معماری",
            "name_en": "Urban Planning and Architecture Commission",
        },
    )
    budget, _ = Commission.objects.get_or_create(
        code="planning-budget",
        defaults={"name_fa": "کمیسیون برنامه و بودجه", "name_en": "Planning and Budget Commission"},
    )
    urban.members.add(council)
    budget.members.add(council)

    if bylaw.versions.filter(status=VersionStatus.ADOPTED).exists():
        log("bylaw: a version is in force already")
    else:
        left = _write_draft(
            actor=Actor.for_user(secretary),
            bylaw=bylaw,
            commission=urban,
            label_fa="پیش‌نویس کمیسیون شهرسازی و معماری",
            label_en="Urban Planning and Architecture Commission draft",
            chapters=text.draft("urban_planning"),
        )
        right = _write_draft(
            actor=Actor.for_user(secretary),
            bylaw=bylaw,
            commission=budget,
            label_fa="پیش‌نویس کمیسیون برنامه و بودجه",
            label_en="Planning and Budget Commission draft",
            chapters=text.draft("planning_budget"),
        )
        merged = services.bylaw_merge(
            actor=Actor.for_user(secretary),
            left=left,
            right=right,
            choices={choice.article: _merge_choice(choice) for choice in text.merge},
            label_fa="متن ادغامی جلسه مشترک کمیسیون‌ها",
            label_en="Merged text of the joint meeting",
        )
        services.bylaw_version_submit(actor=Actor.for_user(secretary), version=merged)
        services.bylaw_version_adopt(
            actor=Actor.for_user(council),
            version=merged,
            adopted_on=parse_jalali_date(text.adoption.date),
            council_session=text.adoption.council_session,
        )
        log(f"bylaw: drafts v{left.number}, v{right.number} merged into v{merged.number}, in force")

    if Decision.objects.exists():
        log("decisions: already there")
        return
    in_force = bylaw.versions.get(status=VersionStatus.ADOPTED)
    articles = {a.number: a for a in in_force.articles.prefetch_related("notes")}
    decisions = demo_decisions()
    for meeting_number, item in enumerate(decisions, start=1):
        day = parse_jalali_date(item.date)
        votes = item.votes.model_dump()
        present = [members[Seat(seat)] for seat, vote in votes.items() if vote]
        meeting = services.meeting_record(
            actor=Actor.for_user(secretary), number=meeting_number, held_on=day, attendees=present
        )
        citations = []
        for cite in item.cites:
            article = articles[cite.article]
            note = article.notes.get(number=cite.note) if cite.note else None
            citations.append((article, note))
        decision = services.decision_draft(
            actor=Actor.for_user(secretary),
            kind=DecisionKind(item.kind),
            subject=item.subject_fa,
            subject_en=item.subject_en,
            body=item.body_fa,
            decided_on=day,
            meeting=meeting,
            citations=citations,
        )
        for seat, vote in votes.items():
            if vote:
                services.decision_cast_vote(
                    actor=Actor.for_user(members[Seat(seat)].user),
                    decision=decision,
                    choice=VoteChoice(vote),
                )
        if item.outcome == "pending":
            continue  # left open: the secretary (the demo committee account) has not voted
        decision = services.decision_close(actor=Actor.for_user(secretary), decision=decision)
        if decision.kind == DecisionKind.POLICY and "quorum" in item.subject_en.lower():
            services.quorum_rule_set(
                actor=Actor.for_user(secretary),
                decision=decision,
                effective_from=day,
                min_present=2,
                majority_basis=MajorityBasis.PRESENT,
            )
    adopted = Decision.objects.filter(status="adopted").count()
    pending = sum(1 for item in decisions if item.outcome == "pending")
    log(f"decisions: {len(decisions)} recorded, {adopted} adopted, {pending} awaiting votes")
