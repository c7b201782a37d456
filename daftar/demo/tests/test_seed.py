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
