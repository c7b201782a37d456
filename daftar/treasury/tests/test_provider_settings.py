"""Production chooses the real providers by name and refuses one without its credentials, in
every process at start-up (daftar.core.startup), before it serves or sends anything."""

from __future__ import annotations

from tests.test_settings import START, _import_prod, _started

MELLAT = {
    "PAYMENT_PROVIDER": "mellat",
    "MELLAT_TERMINAL_ID": "1234567",
    "MELLAT_USERNAME": "daftar",
    "MELLAT_PASSWORD": "a-real-password",
}
KAVENEGAR = {"SMS_PROVIDER": "kavenegar", "KAVENEGAR_API_KEY": "k" * 80}
SHOW = START + (
    "; from django.conf import settings; print(settings.PAYMENT_GATEWAY); "
    "print(settings.SMS_GATEWAY)"
)


def _production(tmp_path, **extra):
    environment = _started("config.settings.prod", tmp_path, **extra)
    # The provider's name stands in for the dotted paths.
    for name in ("PAYMENT_GATEWAY", "SMS_GATEWAY"):
        if name not in extra:
            environment.pop(name)
    return environment


def test_production_starts_with_mellat_and_kavenegar_named_by_their_names(tmp_path):
    result = _import_prod(_production(tmp_path, **MELLAT, **KAVENEGAR), SHOW)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "started",
        "daftar.treasury.gateways.mellat.MellatGateway",
        "daftar.notifications.kavenegar.KavenegarSmsGateway",
    ]


def test_production_refuses_mellat_without_its_password(tmp_path):
    incomplete = {**MELLAT, **KAVENEGAR, "MELLAT_PASSWORD": ""}
    result = _import_prod(_production(tmp_path, **incomplete), START)
    assert result.returncode != 0
    assert "needs MELLAT_PASSWORD" in result.stderr
    assert "started" not in result.stdout


def test_production_refuses_kavenegar_without_its_key_and_never_prints_a_key(tmp_path):
    result = _import_prod(_production(tmp_path, **MELLAT, SMS_PROVIDER="kavenegar"), START)
    assert result.returncode != 0
    assert "needs KAVENEGAR_API_KEY" in result.stderr
    assert MELLAT["MELLAT_PASSWORD"] not in result.stderr


def test_production_refuses_a_provider_over_plain_http(tmp_path):
    plain = {**MELLAT, **KAVENEGAR, "MELLAT_SERVICE_URL": "http://bpm.shaparak.ir/pgw"}
    result = _import_prod(_production(tmp_path, **plain), START)
    assert result.returncode != 0
    assert "MELLAT_SERVICE_URL must be an https:// address" in result.stderr


def test_an_unknown_provider_name_is_refused(tmp_path):
    result = _import_prod(_production(tmp_path, PAYMENT_PROVIDER="zarinpal", **KAVENEGAR), START)
    assert result.returncode != 0
    assert "PAYMENT_PROVIDER must be one of simulated, mellat" in result.stderr


def test_the_simulator_named_by_its_name_is_still_refused_in_production(tmp_path):
    result = _import_prod(_production(tmp_path, PAYMENT_PROVIDER="simulated", **KAVENEGAR), START)
    assert result.returncode != 0
    assert "simulated bank" in result.stderr
