"""Checks every process makes when it starts (web, jobs, management commands).

Production settings refuse what must never run for real; what can only be judged once
settings are complete is checked here, from `CoreConfig.ready()`, so that gunicorn workers,
the huey consumer and `manage.py` all stop before they serve or process anything.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

# The fake bank of development and tests: its page marks a bill paid without any money moving.
SIMULATED_GATEWAY = "daftar.treasury.gateways.SimulatedGateway"


def refuse_simulated_gateway() -> None:
    """Stop unless the settings allow the simulated gateway (development, tests, benchmarks)."""
    if settings.PAYMENT_GATEWAY == SIMULATED_GATEWAY and not settings.SIMULATED_GATEWAY_ALLOWED:
        raise ImproperlyConfigured(
            f"PAYMENT_GATEWAY is {SIMULATED_GATEWAY}, the simulated bank whose page marks "
            "bills paid without any money: production needs the dotted path of a real PSP "
            "adapter (a PaymentGateway). The benchmark harness runs with "
            "DJANGO_SETTINGS_MODULE=config.settings.bench instead."
        )


def check_settings() -> None:
    refuse_simulated_gateway()
