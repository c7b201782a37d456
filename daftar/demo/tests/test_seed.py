import pytest
from django.core.management import CommandError, call_command

from daftar.accounts.choices import Role
from daftar.accounts.models import User
from daftar.audit.verification import verify_all
from daftar.demo import seed
from daftar.licensing.demo import DEMO_CITIZENS as LICENSING_CITIZENS
from daftar.offices.models import District, Office

pytestmark = pytest.mark.django_db


def test_the_demo_loads_everything_once_and_a_second_run_adds_nothing(settings):
    settings.DEMO_ALLOWED = True
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
    counts = (User.objects.count(), District.objects.count(), Office.objects.count())
    call_command("demo_seed", "--size", "tiny")
    assert (User.objects.count(), District.objects.count(), Office.objects.count()) == counts


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
