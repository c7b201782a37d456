"""Demo supervision: sanctions (see the package's docstring for the order).

The ladder of article 31 is adopted by a policy decision about six months ago; then, from the
upheld complaints and unresolved findings the earlier areas seeded, the unit proposes
sanctions; the committee imposes a few by a sanction decision (a warning, a fine the treasury
records, one the flagship office's manager appeals) and leaves two proposals for the demo
`committee` account to decide on sign-in. A suspension or revocation is never imposed here:
it would close a demo office the other demos rely on. Everything goes through the services.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from daftar.accounts.models import User
from daftar.core.actors import Actor
from daftar.core.errors import DaftarError
from daftar.governance.choices import DecisionKind
from daftar.offices.selectors import office_of_user
from daftar.supervision.choices import RuleStatus, SanctionKind, SanctionStatus, Severity
from daftar.supervision.demo import adopt_decision, bylaw_article
from daftar.supervision.models import Sanction, SanctionLadder
from daftar.supervision.selectors import sanctions as selectors
from daftar.supervision.services import sanctions as services

LADDER_SUBJECT_EN = "Sanction ladder of article 31 put in force"
SANCTION_SUBJECT_EN = "Sanctions on offices after upheld complaints and inspection findings"
PROPOSALS = 5
TO_IMPOSE = 3


def _user(username: str) -> User | None:
    return User.objects.filter(username=username).first()


def _ladder(ctx, supervisor: User) -> SanctionLadder | None:
    in_force = selectors.ladder_in_force()
    if in_force is not None:
        ctx.log(f"supervision sanctions: ladder v{in_force.number} already in force")
        return in_force
    article = bylaw_article(31)
    if article is None:
        ctx.log("supervision sanctions: the bylaw has no article 31; no ladder")
        return None
    severe = article.notes.order_by("number").first()  # «in serious violations…»
    S = services.StepSpec
    steps = [
        S(SanctionKind.WARNING, Severity.MINOR, 0, article),
        S(SanctionKind.FINE, Severity.MINOR, 2, article, fine_amount=50_000_000),
        S(SanctionKind.FINE, Severity.MAJOR, 0, article, fine_amount=200_000_000, note=severe),
        S(SanctionKind.SUSPENSION, Severity.MAJOR, 2, article, suspension_days=30),
        S(SanctionKind.SUSPENSION, Severity.CRITICAL, 0, article, suspension_days=30, note=severe),
        S(SanctionKind.REVOCATION, Severity.CRITICAL, 1, article, note=severe),
    ]
    draft = SanctionLadder.objects.filter(status=RuleStatus.DRAFT).first()
    if draft is None:
        draft = services.sanction_ladder_draft(
            actor=Actor.for_user(supervisor), window_days=365, appeal_days=10, steps=steps
        )
    day = timezone.localdate() - datetime.timedelta(days=182)
    decision = adopt_decision(
        kind=DecisionKind.POLICY,
        subject_fa="تصویب نردبان مجازات دفاتر بر پایه ماده ۳۱ آیین‌نامه",
        subject_en=LADDER_SUBJECT_EN,
        body_fa=(
            "به استناد ماده ۳۱ آیین‌نامه ساماندهی دفاتر، نردبان مجازات دفاتر شامل تذکر کتبی، "
            "جریمه، تعلیق موقت و لغو پروانه، متناسب با شدت و تکرار تخلف در یک سال گذشته، "
            "تصویب شد."
        ),
        day=day,
        citations=[(article, None)],
    )
    ladder = services.sanction_ladder_adopt(
        actor=Actor.for_user(supervisor), ladder=draft, decision=decision
    )
    ctx.log(f"supervision sanctions: ladder v{ladder.number} adopted by {decision.number}")
    return ladder


def seed(ctx) -> None:
    supervisor, secretary = _user("supervisor"), _user("committee")
    treasury, manager = _user("treasury"), _user("manager")
    if supervisor is None or secretary is None:
        ctx.log("supervision sanctions: the demo accounts are missing; nothing to seed")
        return
    if _ladder(ctx, supervisor) is None:
        return
    if Sanction.objects.exists():
        ctx.log("supervision sanctions: sanctions already there")
        return
    sources = [{"complaint": c} for c in selectors.complaints_sanctionable()[:PROPOSALS]]
    sources += [
        {"finding": f} for f in selectors.findings_sanctionable()[: PROPOSALS - len(sources)]
    ]
    if not sources:
        ctx.log("supervision sanctions: no sources yet (no upheld complaint or finding)")
        return
    proposed = []
    for source in sources:
        try:
            proposed.append(
                services.sanction_propose(
                    actor=Actor.for_user(supervisor),
                    reason="تخلف احرازشده در رسیدگی واحد نظارت؛ پیشنهاد طبق نردبان مصوب.",
                    **source,
                )
            )
        except DaftarError as error:
            ctx.log(f"supervision sanctions: a source was skipped ({error.code})")
    # Keep two proposals for the committee; impose the rest (never a suspension/revocation).
    # A fine and a warning first (so the treasury and the office each have something), then
    # whatever else may be imposed without closing an office.
    fines = [s for s in proposed if s.kind == SanctionKind.FINE]
    warnings = [s for s in proposed if s.kind == SanctionKind.WARNING]
    imposable = fines[:1] + warnings[:1] + fines[1:] + warnings[1:]
    to_impose = imposable[: max(0, min(TO_IMPOSE, len(proposed) - 2))]
    if to_impose:
        decision = adopt_decision(
            kind=DecisionKind.SANCTION,
            subject_fa="اعمال مجازات بر دفاتر در پی شکایات واردشده و یافته‌های بازرسی",
            subject_en=SANCTION_SUBJECT_EN,
            body_fa=(
                "به استناد ماده ۳۱ آیین‌نامه ساماندهی دفاتر و نردبان مجازات مصوب، مجازات‌های "
                "پیشنهادی واحد نظارت درباره دفاتر یادشده اعمال شد."
            ),
            day=timezone.localdate() - datetime.timedelta(days=3),
        )
        for sanction in to_impose:
            services.sanction_decide(
                actor=Actor.for_user(secretary), sanction=sanction, decision=decision, imposed=True
            )
    fines = [s for s in to_impose if s.kind == SanctionKind.FINE]
    if fines and treasury is not None:
        services.sanction_fine_record(actor=Actor.for_user(treasury), sanction=fines[0])
    appealed = 0
    flagship = office_of_user(manager) if manager is not None else None
    for sanction in to_impose:
        if flagship is not None and sanction.office_id == flagship.pk:
            services.sanction_appeal_file(
                actor=Actor.for_user(manager),
                sanction=sanction,
                reason="تخلف در روز بازرسی به علت قطعی سامانه رخ داد و همان روز جبران شد.",
            )
            appealed += 1
            break
    waiting = Sanction.objects.filter(status=SanctionStatus.PROPOSED).count()
    ctx.log(
        f"supervision sanctions: {len(proposed)} proposed, {len(to_impose)} imposed, "
        f"{appealed} appealed, {waiting} awaiting the committee"
    )
