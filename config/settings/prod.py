"""Production: refuses to start without its secrets, with a key published in the repository,
or with the simulated payment gateway; secure cookies, HSTS and CSP; never DEBUG."""

import re

from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int, env_list, env_secret, env_str, env_url
from config.published_keys import is_published
from config.settings.base import *  # noqa: F403
from config.settings.base import (
    FILE_STORAGE_BACKEND,
    PAYMENT_PROVIDER,
    PAYMENT_PROVIDERS,
    REDIS_URL,
    SMS_PROVIDER,
    SMS_PROVIDERS,
)

DEBUG = False
SECRET_KEY = env_secret("SECRET_KEY", refuse=is_published)
AUDIT_HMAC_KEY = env_secret("AUDIT_HMAC_KEY", refuse=is_published)
TERMINAL_KEY = env_secret("TERMINAL_KEY", refuse=is_published)
# The Ed25519 key that signs the audit checkpoints (docs/adr/0010): 64 hex characters, and
# never a published key.
AUDIT_CHECKPOINT_SIGNING_KEY = env_secret(
    "AUDIT_CHECKPOINT_SIGNING_KEY", min_length=64, refuse=is_published
)
if not re.fullmatch(r"[0-9a-f]{64}", AUDIT_CHECKPOINT_SIGNING_KEY):
    raise ImproperlyConfigured(
        "AUDIT_CHECKPOINT_SIGNING_KEY must be 64 lower-case hexadecimal characters (an Ed25519 "
        "private key)"
    )
# A real PSP adapter must be named explicitly; production never falls back to the simulator,
# and refuses it when named (daftar.core.startup, at start-up of every process).
PAYMENT_GATEWAY = (
    PAYMENT_PROVIDERS[PAYMENT_PROVIDER] if PAYMENT_PROVIDER else env_str("PAYMENT_GATEWAY")
)
SIMULATED_GATEWAY_ALLOWED = False
# Likewise the SMS provider: messages to citizens never land in a file by accident.
SMS_GATEWAY = SMS_PROVIDERS[SMS_PROVIDER] if SMS_PROVIDER else env_str("SMS_GATEWAY")
# The address printed in every issued document's QR code and SMS: no default in production.
PUBLIC_BASE_URL = env_url("DAFTAR_PUBLIC_BASE_URL", schemes=("https",))
# And the mobile-ownership inquiry that binds national codes to mobiles (ADR 0006).
MOBILE_OWNERSHIP_INQUIRY = env_str("MOBILE_OWNERSHIP_INQUIRY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = False
REQUIRE_TOTP_FOR_PRIVILEGED = env_bool("REQUIRE_TOTP_FOR_PRIVILEGED", True)
# Demo data under production settings: only the benchmark harness turns this on.
DEMO_ALLOWED = env_bool("DEMO_ALLOWED", False)

STORAGES = {
    "default": {"BACKEND": FILE_STORAGE_BACKEND},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if REDIS_URL:
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
