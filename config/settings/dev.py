"""Laptop demo: embedded SQLite, SQLite job queue, SMS written to var/sms.log and the console."""

from config import published_keys
from config.env import env_str
from config.settings.base import *  # noqa: F403
from config.settings.base import VAR_DIR

DEBUG = True
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
# Development-only keys, published on purpose: never used by config.settings.prod.
SECRET_KEY = env_str("SECRET_KEY", published_keys.DEVELOPMENT["SECRET_KEY"])
AUDIT_HMAC_KEY = env_str("AUDIT_HMAC_KEY", published_keys.DEVELOPMENT["AUDIT_HMAC_KEY"])
TERMINAL_KEY = env_str("TERMINAL_KEY", published_keys.DEVELOPMENT["TERMINAL_KEY"])
GATEWAY_SECRET = env_str("GATEWAY_SECRET", published_keys.DEVELOPMENT["GATEWAY_SECRET"])
AUDIT_CHECKPOINT_SIGNING_KEY = env_str(
    "AUDIT_CHECKPOINT_SIGNING_KEY", published_keys.DEVELOPMENT["AUDIT_CHECKPOINT_SIGNING_KEY"]
)
# SMS_PROVIDER (e.g. kavenegar against scripts/fake_providers.py) wins over the console default.
SMS_GATEWAY = env_str(
    "SMS_GATEWAY",
    SMS_PROVIDERS[SMS_PROVIDER]  # noqa: F405
    if SMS_PROVIDER  # noqa: F405
    else "daftar.notifications.gateways.ConsoleAndFileSmsGateway",
)
VAR_DIR.mkdir(parents=True, exist_ok=True)
# Static files come from the app folders (no collectstatic needed on a laptop).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# The demo's terminals keep sending signed heartbeats through the worker.
DEMO_TERMINAL_SIMULATOR = True
