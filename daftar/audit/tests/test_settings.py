"""Production refuses to start without its own checkpoint signing key."""

from __future__ import annotations

import pytest
from django.conf import settings

from tests.test_settings import _import_prod

_COMPLETE = {
    "SECRET_KEY": "s" * 50,
    "AUDIT_HMAC_KEY": "a" * 40,
    "ALLOWED_HOSTS": "daftar.tehran.ir",
    "TERMINAL_KEY": "t" * 40,
    "PAYMENT_GATEWAY": "daftar.treasury.gateways.SimulatedGateway",
    "SMS_GATEWAY": "daftar.notifications.gateways.FileSmsGateway",
    "DAFTAR_PUBLIC_BASE_URL": "https://daftar.tehran.ir",
}


@pytest.mark.parametrize(
    "key",
    [
        settings.DEV_AUDIT_CHECKPOINT_SIGNING_KEY,  # published in the repository
        "g" * 64,  # not hexadecimal
        "5" * 63,  # too short
    ],
    ids=["development-key", "not-hex", "short"],
)
def test_production_refuses_the_development_or_a_malformed_checkpoint_key(key):
    result = _import_prod({**_COMPLETE, "AUDIT_CHECKPOINT_SIGNING_KEY": key})
    assert result.returncode != 0
    assert "AUDIT_CHECKPOINT_SIGNING_KEY" in result.stderr


def test_production_refuses_malformed_retired_public_keys():
    result = _import_prod(
        {
            **_COMPLETE,
            "AUDIT_CHECKPOINT_SIGNING_KEY": "5" * 64,
            "AUDIT_CHECKPOINT_RETIRED_PUBLIC_KEYS": "c0-no-colon",
        }
    )
    assert result.returncode != 0
    assert "AUDIT_CHECKPOINT_RETIRED_PUBLIC_KEYS must list" in result.stderr
