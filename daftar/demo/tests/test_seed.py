import itertools

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from daftar.accounts.choices import Role
from daftar.accounts.models import User
from daftar.audit.verification import verify_all
from daftar.demo import seed
from daftar.licensing.demo import DEMO_CITIZENS as LICENSING_CITIZENS
from daftar.offices.models import District, Office

pytestmark = pytest.mark.django_db


def test_the_demo_loads_everything_once_and_a_second_run_adds_nothing(
    settings, tmp_path, django_capture_on_commit_callbacks
):
    from daftar.audit.models import AuditCheckpoint
    from daftar.audit.publication import file_name

    settings.DEMO_ALLOWED = True
    settings.AUDIT_CHECKPOINT_DIR = tmp_path
    with django_capture_on_commit_callbacks(execute=True):
        call_command("demo_seed", "--size", "tiny")
    assert District.objects.count() == 22
    assert District.objects.get(number=12).name_fa == "منطقه ۱۲"
    for role in Role:
        assert User.objects.filter(groups__name=role).exists(), role
    citizens = User.objects.filter(groups__name=Role.CITIZEN).count()
    # the licensing demo's applicants are citizens too; generated ones top up to the size
    assert citizens == max(seed.SIZES["tiny"], LICENSING_CITIZENS) + 1
    assert Office.objects.filter(code=seed.DEMO_OFFICE_CODE).exists()
    assert all(report.ok for report in verify_all())
    assert Office.objects.filter(status="active").count() >= 22
    _every_timeline_runs_in_the_order_its_steps_were_taken()
    _the_catalogue_team_has_work_in_progress()
    _every_staff_account_that_wrote_must_use_a_second_factor(settings)
    # an auditor can verify the demo against a signed checkpoint at once
    assert AuditCheckpoint.objects.count() == 1
    assert (tmp_path / file_name(1)).exists()
    counts = (User.objects.count(), District.objects.count(), Office.objects.count())
    call_command("demo_seed", "--size", "tiny")
    assert (User.objects.count(), District.objects.count(), Office.objects.count()) == counts
    assert AuditCheckpoint.objects.count() == 1  # a run that added nothing signs none


def _the_catalogue_team_has_work_in_progress() -> None:
    """One service draft being edited and one tariff change before the committee (a draft
    decision of kind tariff), counted on the catalogue team's home."""
    from daftar.catalogue.choices import DraftStatus, TariffDraftStatus
    from daftar.catalogue.models import ServiceDraft, TariffDraft
    from daftar.catalogue.selectors import catalogue_work_counts
    from daftar.governance.choices import DecisionKind, DecisionStatus

    assert ServiceDraft.objects.filter(status=DraftStatus.OPEN).count() == 1
    sent = TariffDraft.objects.get(status=TariffDraftStatus.SENT)
    assert sent.decision.kind == DecisionKind.TARIFF
    assert sent.decision.status == DecisionStatus.DRAFT
    counts = catalogue_work_counts(timezone.localdate())
    assert (counts["drafts"], counts["awaiting"]) == (1, 1)


def _every_timeline_runs_in_the_order_its_steps_were_taken() -> None:
    """The generator records a file's steps in order (create, submit, ..., close); their times
    must not run backwards (once, steps past "now" were clamped and close came before approve)."""
    from daftar.cases.models import FileEvent

    events = list(FileEvent.objects.order_by("file_id", "pk").values_list("file_id", "at", "pk"))
    assert len({file_id for file_id, _at, _pk in events}) > 10
    backwards = [
        (later[0], later[2])
        for earlier, later in itertools.pairwise(events)
        if earlier[0] == later[0] and later[1] < earlier[1]
    ]
    assert not backwards


def _every_staff_account_that_wrote_must_use_a_second_factor(settings) -> None:
    """Whoever the demo's work was recorded against (counter, review, treasury, inspection,
    committee, council...) is a citizen or holds only roles that need a second factor."""
    from daftar.audit.models import AuditEntry

    writers = User.objects.filter(
        pk__in=AuditEntry.objects.exclude(actor_id=None).values("actor_id")
    ).prefetch_related("groups")
    privileged = set(settings.PRIVILEGED_ROLES)
    staff_roles_seen = set()
    for user in writers:
        roles = {group.name for group in user.groups.all()}
        if roles == {Role.CITIZEN}:
            continue
        assert roles, user.username
        assert roles <= privileged, (user.username, roles - privileged)
        staff_roles_seen |= roles
    assert {Role.COUNCIL_MEMBER, Role.COMMITTEE_MEMBER, Role.TREASURY_OFFICER} <= staff_roles_seen


def test_generated_citizens_are_deterministic_for_a_seed():
    def citizens() -> list[str]:
        seed.seed_citizens(seed.SeedContext(seed=7, size=20, log=lambda _line: None))
        return sorted(
            User.objects.filter(national_code__isnull=False).values_list("national_code", flat=True)
        )

    first = citizens()
    User.objects.filter(national_code__isnull=False).delete()
    assert citizens() == first


def test_a_bad_size_is_refused_with_a_clear_message(settings):
    settings.DEMO_ALLOWED = True
    with pytest.raises(CommandError, match="--size must be one of"):
        call_command("demo_seed", "--size", "huge")


def test_the_demo_refuses_to_run_without_debug(settings):
    settings.DEBUG = False
    settings.DEMO_ALLOWED = False
    with pytest.raises(CommandError, match="only loaded with DEBUG"):
        call_command("demo_seed")


def test_the_demo_accounts_explain_the_second_factor(settings):
    from io import StringIO

    settings.REQUIRE_TOTP_FOR_PRIVILEGED = False
    out = StringIO()
    call_command("demo_accounts", stdout=out)
    assert "Second factor: not asked here" in out.getvalue()
    assert "/accounts/staff/authenticators/" in out.getvalue()
    settings.REQUIRE_TOTP_FOR_PRIVILEGED = True
    out = StringIO()
    call_command("demo_accounts", stdout=out)
    assert "staff_enrolment_code admin" in out.getvalue()


def test_demo_citizens_are_verified_and_the_printed_sign_in_examples_answer_as_printed(
    django_capture_on_commit_callbacks,
):
    from io import StringIO

    from daftar.accounts.ownership import Ownership, mobile_ownership_check
    from daftar.accounts.services import citizen_otp_request

    seed.seed_citizens(seed.SeedContext(seed=1404, size=20, log=lambda _line: None))
    citizens = User.objects.filter(groups__name=Role.CITIZEN)
    assert citizens.count() == 21
    assert not [c for c in citizens if c.is_provisional]  # offices and apps may serve them
    named_code, named_mobile = seed.demo_citizen_identity(1404)
    with django_capture_on_commit_callbacks(execute=True):
        citizen_otp_request(national_code=named_code, mobile=named_mobile, ip="127.0.0.1")
    new_code, new_mobile = seed.DEMO_FIRST_SIGN_IN
    holder_code, holders_mobile, takers_mobile = seed.DEMO_NOT_THE_OWNER
    assert not User.objects.filter(national_code__in=[new_code, holder_code]).exists()
    assert mobile_ownership_check(national_code=new_code, mobile=new_mobile) == Ownership.MATCH
    assert mobile_ownership_check(national_code=holder_code, mobile=holders_mobile) == "match"
    assert mobile_ownership_check(national_code=holder_code, mobile=takers_mobile) == "no_match"
    printed = StringIO()
    call_command("demo_accounts", stdout=printed)
    assert new_code in printed.getvalue()
    assert "0912 111 7777" in printed.getvalue()
