"""Laptop demo: embedded SQLite, SQLite job queue, SMS written to var/sms.log and the console."""

from config.env import env_str
from config.settings.base import *  # noqa: F403
from config.settings.base import DEV_AUDIT_CHECKPOINT_SIGNING_KEY, VAR_DIR

DEBUG = True
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
# Development-only keys, published on purpose: never used by config.settings.prod.
SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-secret-key-daftar-0000000000")
AUDIT_HMAC_KEY = env_str("AUDIT_HMAC_KEY", "dev-only-audit-hmac-key-daftar-000000000000")
AUDIT_CHECKPOINT_SIGNING_KEY = env_str(
    "AUDIT_CHECKPOINT_SIGNING_KEY", DEV_AUDIT_CHECKPOINT_SIGNING_KEY
)
TERMINAL_KEY = env_str("TERMINAL_KEY", "dev-only-terminal-key-daftar-00000000000000000")
GATEWAY_SECRET = env_str("GATEWAY_SECRET", "dev-only-simulated-gateway-secret-000000000000")
SMS_GATEWAY = env_str("SMS_GATEWAY", "daftar.notifications.gateways.ConsoleAndFileSmsGateway")
VAR_DIR.mkdir(parents=True, exist_ok=True)
# Static files come from the app folders (no collectstatic needed on a laptop).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# The demo's terminals keep sending signed heartbeats through the worker.
DEMO_TERMINAL_SIMULATOR = True
