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


# The real providers (ADR 0028) and the settings each cannot work without.
PROVIDER_CREDENTIALS = {
    ("PAYMENT_GATEWAY", "daftar.treasury.gateways.mellat.MellatGateway"): (
        "MELLAT_TERMINAL_ID",
        "MELLAT_USERNAME",
        "MELLAT_PASSWORD",
    ),
    ("SMS_GATEWAY", "daftar.notifications.kavenegar.KavenegarSmsGateway"): ("KAVENEGAR_API_KEY",),
}
PROVIDER_URLS = {
    "daftar.treasury.gateways.mellat.MellatGateway": ("MELLAT_SERVICE_URL", "MELLAT_STARTPAY_URL"),
    "daftar.notifications.kavenegar.KavenegarSmsGateway": ("KAVENEGAR_BASE_URL",),
}


def refuse_provider_without_credentials() -> None:
    """Stop when a real provider is chosen without its credentials (it could send or take
    nothing), or, in production, with an address that is not https."""
    for (setting, path), names in PROVIDER_CREDENTIALS.items():
        if getattr(settings, setting) != path:
            continue
        missing = [name for name in names if not getattr(settings, name, None)]
        if missing:
            raise ImproperlyConfigured(
                f"{setting} is {path}, which needs {', '.join(missing)} (docs/administration/"
                "providers.md); set them in the environment."
            )
        if settings.SIMULATED_GATEWAY_ALLOWED:
            continue  # development and tests talk to the local fake servers over http
        plain = [
            name
            for name in PROVIDER_URLS[path]
            if not getattr(settings, name).startswith("https://")
        ]
        if plain:
            raise ImproperlyConfigured(
                f"{', '.join(plain)} must be an https:// address in production."
            )


def check_settings() -> None:
    refuse_simulated_gateway()
    refuse_provider_without_credentials()
