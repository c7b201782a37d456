"""Settings: typed environment readers and a production configuration that fails loudly."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config import env

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def environ(monkeypatch):
    def set_(name: str, value: str) -> None:
        monkeypatch.setenv(name, value)

    return set_


def test_a_missing_required_variable_names_itself():
    with pytest.raises(ImproperlyConfigured, match="DAFTAR_TEST_MISSING is required"):
        env.env_str("DAFTAR_TEST_MISSING")


@pytest.mark.parametrize("raw", ["maybe", "2", "yes please"])
def test_a_malformed_boolean_is_rejected(environ, raw):
    environ("DAFTAR_TEST_BOOL", raw)
    with pytest.raises(ImproperlyConfigured, match="DAFTAR_TEST_BOOL must be one of"):
        env.env_bool("DAFTAR_TEST_BOOL")


@pytest.mark.parametrize(("raw", "expected"), [("1", True), ("off", False), ("TRUE", True)])
def test_booleans_are_read(environ, raw, expected):
    environ("DAFTAR_TEST_BOOL", raw)
    assert env.env_bool("DAFTAR_TEST_BOOL") is expected


def test_integers_outside_their_bounds_are_rejected(environ):
    environ("DAFTAR_TEST_INT", "0")
    with pytest.raises(ImproperlyConfigured, match=r"above|below"):
        env.env_int("DAFTAR_TEST_INT", minimum=1)
    environ("DAFTAR_TEST_INT", "ten")
    with pytest.raises(ImproperlyConfigured, match="an integer"):
        env.env_int("DAFTAR_TEST_INT")


def test_lists_with_empty_items_are_rejected(environ):
    environ("DAFTAR_TEST_LIST", "a.example,,b.example")
    with pytest.raises(ImproperlyConfigured, match="empty item"):
        env.env_list("DAFTAR_TEST_LIST")
    environ("DAFTAR_TEST_LIST", "a.example, b.example")
    assert env.env_list("DAFTAR_TEST_LIST") == ["a.example", "b.example"]


def test_short_secrets_are_rejected(environ):
    environ("DAFTAR_TEST_SECRET", "short")
    with pytest.raises(ImproperlyConfigured, match="at least 32 characters"):
        env.env_secret("DAFTAR_TEST_SECRET")


def test_urls_need_an_allowed_scheme(environ):
    environ("DAFTAR_TEST_URL", "mysql://db/x")
    with pytest.raises(ImproperlyConfigured, match="scheme"):
        env.env_url("DAFTAR_TEST_URL", schemes=("postgres",))


def _import_prod(extra: dict[str, str], code: str | None = None) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "SECRET_KEY",
            "AUDIT_HMAC_KEY",
            "ALLOWED_HOSTS",
            "DATABASE_URL",
            "TERMINAL_KEY",
            "PAYMENT_GATEWAY",
            "SMS_GATEWAY",
            "MOBILE_OWNERSHIP_INQUIRY",
            "AUDIT_CHECKPOINT_SIGNING_KEY",
            "DAFTAR_PUBLIC_BASE_URL",
            "DJANGO_SETTINGS_MODULE",
        }
    }
    code = code or (
        "import config.settings.prod as s; print(s.DEBUG, s.SECURE_HSTS_SECONDS,"
        " s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE)"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean, **extra},
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize(
    "missing",
    [
        "SECRET_KEY",
        "AUDIT_HMAC_KEY",
        "ALLOWED_HOSTS",
        "TERMINAL_KEY",
        "PAYMENT_GATEWAY",
        "SMS_GATEWAY",
        "MOBILE_OWNERSHIP_INQUIRY",
        "AUDIT_CHECKPOINT_SIGNING_KEY",
        "DAFTAR_PUBLIC_BASE_URL",
    ],
)
def test_production_refuses_to_start_without_its_secrets(missing):
    complete = {
        "SECRET_KEY": "s" * 50,
        "AUDIT_HMAC_KEY": "a" * 40,
        "ALLOWED_HOSTS": "daftar.tehran.ir",
        "TERMINAL_KEY": "t" * 40,
        "PAYMENT_GATEWAY": "daftar.treasury.gateways.SimulatedGateway",
        "SMS_GATEWAY": "daftar.notifications.gateways.FileSmsGateway",
        "MOBILE_OWNERSHIP_INQUIRY": "daftar.accounts.ownership.FileMobileOwnershipInquiry",
        "AUDIT_CHECKPOINT_SIGNING_KEY": "5" * 64,
        "DAFTAR_PUBLIC_BASE_URL": "https://daftar.tehran.ir",
    }
    del complete[missing]
    result = _import_prod(complete)
    assert result.returncode != 0
    assert f"{missing} is required" in result.stderr


def test_production_is_secure_when_configured():
    result = _import_prod(
        {
            "SECRET_KEY": "s" * 50,
            "AUDIT_HMAC_KEY": "a" * 40,
            "ALLOWED_HOSTS": "daftar.tehran.ir",
            "TERMINAL_KEY": "t" * 40,
            "PAYMENT_GATEWAY": "daftar.treasury.gateways.SimulatedGateway",
            "SMS_GATEWAY": "daftar.notifications.gateways.FileSmsGateway",
            "MOBILE_OWNERSHIP_INQUIRY": "daftar.accounts.ownership.FileMobileOwnershipInquiry",
            "AUDIT_CHECKPOINT_SIGNING_KEY": "5" * 64,
            "DAFTAR_PUBLIC_BASE_URL": "https://daftar.tehran.ir",
        }
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "31536000", "True", "True"]


def test_sqlite_runs_in_wal_mode_with_immediate_transactions():
    from config.settings.base import database_from_url

    config = database_from_url("sqlite:////tmp/x.sqlite3")
    assert config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in config["OPTIONS"]["init_command"]
    assert config["OPTIONS"]["timeout"] > 0


def test_postgresql_uses_a_connection_pool(monkeypatch):
    from config.settings.base import database_from_url

    monkeypatch.setenv("DATABASE_POOL", "1")
    config = database_from_url("postgres://u@127.0.0.1:5432/daftar")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert config["OPTIONS"]["pool"]["max_size"] >= 1


# A production configuration that names a (hypothetical) real PSP adapter. The start-up check
# judges the dotted path only, so the adapter need not exist to start `django.setup()`.
PRODUCTION = {
    "SECRET_KEY": "s" * 50,
    "AUDIT_HMAC_KEY": "a" * 40,
    "ALLOWED_HOSTS": "daftar.tehran.ir",
    "TERMINAL_KEY": "t" * 40,
    "PAYMENT_GATEWAY": "psp.shaparak.Gateway",
    "SMS_GATEWAY": "daftar.notifications.gateways.FileSmsGateway",
    "MOBILE_OWNERSHIP_INQUIRY": "daftar.accounts.ownership.FileMobileOwnershipInquiry",
    "AUDIT_CHECKPOINT_SIGNING_KEY": "5" * 64,
    "DAFTAR_PUBLIC_BASE_URL": "https://daftar.tehran.ir",
}
START = "import django; django.setup(); print('started')"


@pytest.mark.parametrize("name", ["SECRET_KEY", "AUDIT_HMAC_KEY", "TERMINAL_KEY"])
@pytest.mark.parametrize("published", ["DEVELOPMENT", "TEST"])
def test_production_refuses_a_key_published_in_the_repository(name, published):
    from config import published_keys

    key = getattr(published_keys, published)[name]
    result = _import_prod({**PRODUCTION, name: key})
    assert result.returncode != 0
    assert f"Environment variable {name} must be" in result.stderr
    assert "published in the repository" in result.stderr
    assert key not in result.stderr  # a secret's value is never echoed into logs


def test_production_refuses_a_lightly_edited_development_key():
    result = _import_prod({**PRODUCTION, "SECRET_KEY": "dev-only-insecure-secret-key-daftar-1234"})
    assert result.returncode != 0
    assert "published in the repository" in result.stderr


def _started(settings_module: str, tmp_path: Path, **extra: str) -> dict[str, str]:
    # django.setup() opens the SQLite job queue under DAFTAR_VAR_DIR.
    return {
        **PRODUCTION,
        "DJANGO_SETTINGS_MODULE": settings_module,
        "DAFTAR_VAR_DIR": str(tmp_path),
        **extra,
    }


def test_production_refuses_the_simulated_payment_gateway_at_start_up(tmp_path):
    simulated = _started(
        "config.settings.prod",
        tmp_path,
        PAYMENT_GATEWAY="daftar.treasury.gateways.SimulatedGateway",
    )
    result = _import_prod(simulated, START)
    assert result.returncode != 0
    assert "simulated bank" in result.stderr
    assert "started" not in result.stdout


def test_production_starts_with_fresh_keys_and_a_real_gateway(tmp_path):
    result = _import_prod(_started("config.settings.prod", tmp_path), START)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "started"


def test_the_benchmark_settings_allow_the_simulated_gateway_and_say_so_loudly(tmp_path):
    simulated = _started(
        "config.settings.bench",
        tmp_path,
        PAYMENT_GATEWAY="daftar.treasury.gateways.SimulatedGateway",
    )
    result = _import_prod(
        simulated,
        START + "; from django.conf import settings; print(settings.DEBUG, settings.DEMO_ALLOWED)",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["started", "False", "True"]
    assert "SIMULATED PAYMENT GATEWAY" in result.stderr
    assert "never serve citizens" in result.stderr
