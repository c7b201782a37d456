"""Test settings: outside services unreachable, tasks run immediately, SMS kept in memory."""

import os

# The pool keeps server sessions open after the suite, which blocks dropping the test database;
# tests use plain connections (the pool settings themselves are covered by tests/test_settings.py).
os.environ.setdefault("DATABASE_POOL", "0")

from config import published_keys
from config.env import env_str
from config.settings.base import *  # noqa: F403
from config.settings.base import DEV_AUDIT_CHECKPOINT_SIGNING_KEY, PASSWORD_HASHERS, VAR_DIR

DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
SECRET_KEY = published_keys.TEST["SECRET_KEY"]
AUDIT_HMAC_KEY = published_keys.TEST["AUDIT_HMAC_KEY"]
TERMINAL_KEY = published_keys.TEST["TERMINAL_KEY"]
GATEWAY_SECRET = published_keys.TEST["GATEWAY_SECRET"]
AUDIT_ALLOW_FLUSH = True  # lets TransactionTestCase empty the append-only tables between tests
AUDIT_CHECKPOINT_SIGNING_KEY = DEV_AUDIT_CHECKPOINT_SIGNING_KEY
AUDIT_CHECKPOINT_DIR = VAR_DIR / "test-audit-checkpoints"  # audit tests use their own tmp_path

# argon2 stays first for real users (checked by a test); tests hash with a fast hasher.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]

SMS_GATEWAY = "daftar.notifications.gateways.MemorySmsGateway"
HUEY = {"huey_class": "huey.MemoryHuey", "name": "daftar-test", "immediate": True}
TASKS = {
    "default": {
        "BACKEND": "huey.contrib.djhuey.tasks_backend.HueyBackend",
        "OPTIONS": {"enqueue_on_commit": True},
    }
}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
RATE_LIMIT_BACKEND = env_str("RATE_LIMIT_BACKEND", "database")
MEDIA_ROOT = VAR_DIR / "test-uploads"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
AXES_ENABLED = True
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Request threads of the live server must not keep connections open past the suite.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
HOLIDAY_CACHE_SECONDS = 0  # tests roll holidays back: never keep a copy between them
WORKFLOW_STATE_CACHE_SECONDS = 0  # and workflow states
# Open311's public limit is per address and every test client is 127.0.0.1: the tests that
# check the limit lower it themselves.
OPEN311_REQUESTS_PER_MINUTE = 100_000
