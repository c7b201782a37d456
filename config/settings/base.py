"""Settings shared by every environment. Environment-specific modules import this.

Everything that differs between machines is read through `config.env`.
"""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config import published_keys
from config.env import env_bool, env_choice, env_int, env_int_list, env_list, env_str, env_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("DAFTAR_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = False
ALLOWED_HOSTS: list[str] = []

INSTALLED_APPS = [
    "daftar.core",
    "daftar.audit",
    "daftar.accounts",
    "daftar.notifications",
    "daftar.governance",
    "daftar.workflow",
    "daftar.catalogue",
    "daftar.cases",
    "daftar.treasury",
    "daftar.supervision",
    "daftar.open311",
    "daftar.transparency",
    "daftar.offices",
    "daftar.licensing",
    "daftar.appointments",
    "daftar.api",
    "daftar.demo",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "daftar.accounts.vendor_apps.Authenticators",  # django_otp.plugins.otp_totp
    "daftar.accounts.vendor_apps.SignInLockouts",  # axes
    "csp",
    "ninja",
    "django_tasks",
    "huey.contrib.djhuey",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "daftar.core.middleware.RequestIdMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "daftar.core.middleware.PersianFirstLocaleMiddleware",
    "daftar.core.middleware.RequestGuardMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "daftar.core.auth_middleware.PagesLoginRequiredMiddleware",
    "daftar.accounts.middleware.PrivilegedTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "daftar" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "daftar.core.context_processors.site",
            ],
            "builtins": [
                "django.templatetags.i18n",
                "daftar.core.templatetags.daftar",
                "daftar.core.templatetags.daftar_forms",
            ],
        },
    }
]

# --- database ---------------------------------------------------------------------------
DATABASE_URL = env_url(
    "DATABASE_URL",
    f"sqlite:///{VAR_DIR / 'daftar.sqlite3'}",
    schemes=("sqlite", "postgres", "postgresql"),
)


def database_from_url(url: str) -> dict:
    """One database definition from a URL, with Daftar's engine-specific options."""
    config = dj_database_url.parse(url)
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # WAL lets readers work while one writer writes; IMMEDIATE takes the write lock
        # at BEGIN so two writers never deadlock upgrading a read lock; the timeout makes
        # a second writer wait instead of failing with "database is locked".
        config["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL;"
                "PRAGMA synchronous=NORMAL;"
                "PRAGMA foreign_keys=ON;"
                "PRAGMA busy_timeout=20000;"
            ),
        }
    else:
        config["ENGINE"] = "django.db.backends.postgresql"
        if env_bool("DATABASE_POOL", True):
            config["OPTIONS"] = {
                "pool": {
                    "min_size": env_int("DATABASE_POOL_MIN", 2, minimum=0),
                    "max_size": env_int("DATABASE_POOL_MAX", 10, minimum=1),
                    "timeout": 10,
                }
            }
            config["CONN_MAX_AGE"] = 0  # the pool keeps connections; Django must not
        else:
            config["CONN_MAX_AGE"] = env_int("DATABASE_CONN_MAX_AGE", 60, minimum=0)
            config["CONN_HEALTH_CHECKS"] = True
    return config


DATABASES = {"default": database_from_url(DATABASE_URL)}
# A PostgreSQL read replica for report pages (daftar.core.routers); writes go to the primary.
DATABASE_REPLICA_URL = env_url("DATABASE_REPLICA_URL", "", schemes=("postgres", "postgresql"))
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = database_from_url(DATABASE_REPLICA_URL)
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["daftar.core.routers.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- identity ----------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:staff_login"
# Signed-out visits to the citizens' pages go to the citizen sign-in instead (paths matched
# from the start by daftar.core.auth_middleware): their files (and paying for them), applying
# for a service or to a licensing call, their application, the dashboard.
CITIZEN_LOGIN_URL = "accounts:citizen_login"
CITIZEN_AREA_PATHS = [
    r"/files/",
    r"/services/[^/]+/apply/",
    r"/calls/[^/]+/(?:apply|my-application)/",
    r"/accounts/dashboard/$",
    r"/complaints/",
]
LOGIN_REDIRECT_URL = "accounts:dashboard"
LOGOUT_REDIRECT_URL = "core:home"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "daftar.accounts.backends.RolePermissionBackend",  # permissions by role (audit's)
]

# django-axes: after repeated failures, pause one username from one client address for the
# cool-off (never the username for everyone: that would let anyone lock any staff member out).
# The address is the project's own (daftar.core.ratelimit.client_ip, TRUSTED_PROXY_COUNT), not
# the proxy's REMOTE_ADDR.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15, minimum=1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "daftar.core.ratelimit.client_ip_or_none"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "daftar.core.input_guard.axes_username"  # at most 150 characters
AXES_SENSITIVE_PARAMETERS = ["password", "otp_token"]

# Roles whose members must sign in with a second factor when REQUIRE_TOTP_FOR_PRIVILEGED: every
# staff role, because every one of them changes something (files, payments, the bylaw...) or, for
# the auditor, reads everything (docs/adr/0008). Only citizens are not here.
PRIVILEGED_ROLES = (
    "office_operator",
    "office_manager",
    "department_reviewer",
    "treasury_officer",
    "inspector",
    "supervisor",
    "committee_member",
    "council_member",
    "auditor",
    "catalogue_admin",
    "system_admin",
)
REQUIRE_TOTP_FOR_PRIVILEGED = env_bool("REQUIRE_TOTP_FOR_PRIVILEGED", False)
OTP_TOTP_ISSUER = "Daftar"
# Enrolling an authenticator needs a one-time code issued by a system administrator.
ENROLMENT_CODE_TTL = timedelta(hours=env_int("ENROLMENT_CODE_TTL_HOURS", 72, minimum=1))
ENROLMENT_CODE_MAX_ATTEMPTS = env_int("ENROLMENT_CODE_MAX_ATTEMPTS", 5, minimum=1)
# The admin never shows an authenticator's secret or QR code (django-otp's config/qrcode
# views answer 403 before looking the device up).
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# Citizen one-time codes.
CITIZEN_OTP_LENGTH = 6
CITIZEN_OTP_TTL = timedelta(minutes=env_int("CITIZEN_OTP_TTL_MINUTES", 3, minimum=1))
CITIZEN_OTP_MAX_ATTEMPTS = env_int("CITIZEN_OTP_MAX_ATTEMPTS", 5, minimum=1)
# (limit, window in seconds) for sending codes.
OTP_SEND_LIMIT_PER_NATIONAL_CODE = (env_int("OTP_SEND_LIMIT_PER_CODE", 3, minimum=1), 600)
OTP_SEND_LIMIT_PER_IP = (env_int("OTP_SEND_LIMIT_PER_IP", 20, minimum=1), 3600)
# Consent codes (a citizen allows an office or a partner app to open a file) and codes that
# prove a new mobile at an office: their own lifetime and limits, never the sign-in ones.
CONSENT_CODE_TTL = timedelta(minutes=env_int("CONSENT_CODE_TTL_MINUTES", 5, minimum=1))
CONSENT_CODE_SEND_LIMIT_PER_NATIONAL_CODE = (
    env_int("CONSENT_CODE_SEND_LIMIT_PER_CODE", 5, minimum=1),
    600,
)
CONSENT_CODE_SEND_LIMIT_PER_REQUESTER = (
    env_int("CONSENT_CODE_SEND_LIMIT_PER_REQUESTER", 600, minimum=1),
    3600,
)
# "Does this mobile belong to this national code?" (daftar/accounts/ownership.py, ADR 0006).
MOBILE_OWNERSHIP_INQUIRY = env_str(
    "MOBILE_OWNERSHIP_INQUIRY", "daftar.accounts.ownership.FileMobileOwnershipInquiry"
)
MOBILE_OWNERSHIP_FILE = Path(
    env_str(
        "MOBILE_OWNERSHIP_FILE",
        str(BASE_DIR / "daftar" / "accounts" / "data" / "mobile_owners.csv"),
    )
)
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0, minimum=0, maximum=5)
# Public tracking lookups allowed per client address in ten minutes.
TRACK_RATE_LIMIT = env_int("TRACK_RATE_LIMIT", 30, minimum=1)

# --- audit ---------------------------------------------------------------------------------
# The key is never stored in the database: whoever can rewrite rows cannot re-sign them.
AUDIT_HMAC_KEY_ID = env_str("AUDIT_HMAC_KEY_ID", "k1")
AUDIT_ALLOW_FLUSH = False
# Daily signed checkpoints of the log (docs/adr/0010). Each environment sets its Ed25519
# signing key, AUDIT_CHECKPOINT_SIGNING_KEY (64 hex characters); dev and test use this
# published one, which production refuses.
DEV_AUDIT_CHECKPOINT_SIGNING_KEY = published_keys.DEVELOPMENT["AUDIT_CHECKPOINT_SIGNING_KEY"]
AUDIT_CHECKPOINT_KEY_ID = env_str("AUDIT_CHECKPOINT_KEY_ID", "c1")
# Public keys of retired signing keys, "id:<64 hex>" items, so old checkpoints still verify.
_retired = [item.partition(":") for item in env_list("AUDIT_CHECKPOINT_RETIRED_PUBLIC_KEYS", [])]
if any(not key_id or not re.fullmatch(r"[0-9a-f]{64}", key) for key_id, _sep, key in _retired):
    raise ImproperlyConfigured(
        "AUDIT_CHECKPOINT_RETIRED_PUBLIC_KEYS must list id:<64 hex characters> items"
    )
AUDIT_CHECKPOINT_RETIRED_PUBLIC_KEYS = {key_id: key for key_id, _sep, key in _retired}
# Where checkpoint files are published (and served from): on several app servers, one
# shared directory, ideally mirrored to write-once storage.
AUDIT_CHECKPOINT_DIR = Path(env_str("AUDIT_CHECKPOINT_DIR", str(VAR_DIR / "audit-checkpoints")))

# --- messages (SMS) --------------------------------------------------------------------------
# --- transparency: where issued documents' QR codes point, where open data is published ---------
PUBLIC_BASE_URL = env_url(
    "DAFTAR_PUBLIC_BASE_URL", "http://127.0.0.1:8000", schemes=("http", "https")
)
OPEN_DATA_DIR = Path(env_str("DAFTAR_OPEN_DATA_DIR", str(VAR_DIR / "open-data")))
# The portal's answers are cached under the aggregate build they were computed from (a new
# build is a new key); this is how long an unused answer stays (0: never cached).
PORTAL_CACHE_SECONDS = env_int("PORTAL_CACHE_SECONDS", 2 * 24 * 3600, minimum=0)

SMS_GATEWAY = env_str("SMS_GATEWAY", "daftar.notifications.gateways.FileSmsGateway")
SMS_FILE_PATH = Path(env_str("SMS_FILE_PATH", str(VAR_DIR / "sms.log")))
SMS_MAX_ATTEMPTS = env_int("SMS_MAX_ATTEMPTS", 5, minimum=1)
SMS_SENDER = env_str("SMS_SENDER", "Daftar")
# Providers by name (ADR 0028, docs/administration/providers.md): SMS_PROVIDER picks one of
# these; SMS_GATEWAY (a dotted path) still works and is what the code reads.
SMS_PROVIDERS = {
    "kavenegar": "daftar.notifications.kavenegar.KavenegarSmsGateway",
    "file": "daftar.notifications.gateways.FileSmsGateway",
    "console": "daftar.notifications.gateways.ConsoleAndFileSmsGateway",
}
SMS_PROVIDER = env_choice("SMS_PROVIDER", tuple(SMS_PROVIDERS), "")
if SMS_PROVIDER:
    SMS_GATEWAY = SMS_PROVIDERS[SMS_PROVIDER]
KAVENEGAR_API_KEY = env_str("KAVENEGAR_API_KEY", "")  # a secret: never in the repository
KAVENEGAR_BASE_URL = env_url(
    "KAVENEGAR_BASE_URL", "https://api.kavenegar.com/v1", schemes=("https", "http")
)
KAVENEGAR_SENDER = env_str("KAVENEGAR_SENDER", "")  # the line number; empty: the account's default
SMS_HTTP_TIMEOUT_SECONDS = env_int("SMS_HTTP_TIMEOUT_SECONDS", 10, minimum=1, maximum=60)
SMS_HTTP_TRIES = env_int("SMS_HTTP_TRIES", 2, minimum=1, maximum=5)  # per outbox attempt

# --- background jobs ----------------------------------------------------------------------
REDIS_URL = env_url("REDIS_URL", "", schemes=("redis", "rediss", "unix")) or None
TASK_QUEUE = env_str("TASK_QUEUE", "redis" if REDIS_URL else "sqlite")
# How long a process may use its copy of the holiday calendar before reading it again.
HOLIDAY_CACHE_SECONDS = env_int("HOLIDAY_CACHE_SECONDS", 60, minimum=0)
# How long a process may use its list of workflow states (the lists' status filter).
WORKFLOW_STATE_CACHE_SECONDS = env_int("WORKFLOW_STATE_CACHE_SECONDS", 300, minimum=0)
# Rate limits are shared by every app server: in Redis when there is one, else in the database.
RATE_LIMIT_BACKEND = env_str("RATE_LIMIT_BACKEND", "redis" if REDIS_URL else "database")
if TASK_QUEUE == "redis":
    HUEY = {
        "huey_class": "huey.RedisHuey",
        "name": "daftar",
        "url": REDIS_URL,
        "immediate": False,
        "consumer": {"workers": env_int("HUEY_WORKERS", 2, minimum=1), "worker_type": "thread"},
    }
else:
    HUEY = {
        "huey_class": "huey.SqliteHuey",
        "name": "daftar",
        "filename": str(VAR_DIR / "queue.sqlite3"),
        "immediate": False,
        "consumer": {"workers": env_int("HUEY_WORKERS", 2, minimum=1), "worker_type": "thread"},
    }
TASKS = {
    "default": {
        "BACKEND": "huey.contrib.djhuey.tasks_backend.HueyBackend",
        "OPTIONS": {"enqueue_on_commit": True},
    }
}

# --- cache ---------------------------------------------------------------------------------
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- internationalisation --------------------------------------------------------------------
LANGUAGE_CODE = "fa"
LANGUAGES = [("fa", _("Persian")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "daftar_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "Asia/Tehran"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["daftar.core.formats"]

# --- static and uploaded files ----------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
# Uploads live outside the web root and are served only through views that check access.
# Several app servers share them: mount one network file system here on every server, or
# name another Django storage backend (e.g. an S3-compatible object store).
MEDIA_ROOT = Path(env_str("DAFTAR_UPLOADS_DIR", str(VAR_DIR / "uploads")))
FILE_STORAGE_BACKEND = env_str(
    "FILE_STORAGE_BACKEND", "django.core.files.storage.FileSystemStorage"
)
STORAGES = {
    "default": {"BACKEND": FILE_STORAGE_BACKEND},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# --- security --------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 8
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "daftar.core.views.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Request size limits (daftar.core.input_guard answers 413 above them). The API takes one
# 5 MB document per request; its whole body is read into memory for the signature.
DATA_UPLOAD_MAX_MEMORY_SIZE = 6 * 1024 * 1024  # a 5 MB document plus the rest of a signed request
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # larger uploads are streamed to a temporary file
# A page's form may carry several documents of 5 MB each; the proxy must allow the largest.
REQUEST_MAX_BYTES = env_int("REQUEST_MAX_MB", 26, minimum=1, maximum=1024) * 1024 * 1024
REQUEST_MAX_BYTES_FOR_URL = {
    "treasury:reconciliation": 210 * 1024 * 1024,  # a bank statement (200 MB, see its form)
}

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

SITE_NAME = _("Daftar — electronic city-services offices")
ADMINS_EMAIL_LIST = env_list("DAFTAR_ADMINS", [])

# --- logging -----------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "mask_identifiers": {"()": "daftar.core.logging.MaskIdentifiersFilter"},
        "request_id": {"()": "daftar.core.logging.RequestIdFilter"},
    },
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id", "mask_identifiers"],
            "formatter": "plain",
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "huey": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},  # fpdf2's font subsetting logs every table at INFO
        # httpx logs every request's URL at INFO, and Kavenegar's URL carries the API key.
        "httpx": {"level": "WARNING"},
        "httpcore": {"level": "WARNING"},
    },
}

# --- office terminals ---------------------------------------------------------------------
TERMINAL_KEY = env_str("TERMINAL_KEY", "")  # derives each terminal's secret; required in prod
TERMINAL_ONLINE_MINUTES = env_int("TERMINAL_ONLINE_MINUTES", 5, minimum=1)
TERMINAL_OFFLINE_MINUTES = env_int("TERMINAL_OFFLINE_MINUTES", 30, minimum=1)
TERMINAL_CLOCK_SKEW_SECONDS = env_int("TERMINAL_CLOCK_SKEW_SECONDS", 300, minimum=10)
# Office staff certifications (docs/administration/people.md): reminders go to the staff member
# and their office manager this many days before a certificate expires, once per threshold.
CERTIFICATION_REMINDER_DAYS = sorted(
    set(env_int_list("CERTIFICATION_REMINDER_DAYS", [30, 7], minimum=1)), reverse=True
)
# The lowest exam score (out of 100) that earns a certificate.
CERTIFICATION_PASS_SCORE = env_int("CERTIFICATION_PASS_SCORE", 60, minimum=0, maximum=100)

# --- payments -------------------------------------------------------------------------------
PAYMENT_GATEWAY = env_str("PAYMENT_GATEWAY", "daftar.treasury.gateways.SimulatedGateway")
SIMULATED_GATEWAY_ALLOWED = True  # development and tests; production refuses the simulator
GATEWAY_SECRET = env_str("GATEWAY_SECRET", "")
GATEWAY_PAYMENT_TTL_MINUTES = env_int("GATEWAY_PAYMENT_TTL_MINUTES", 20, minimum=1)
# Gateway payments still pending after this many minutes (their callback never came) are asked
# about at the gateway and settled by the re-check job (docs/operations.md).
GATEWAY_PENDING_RECHECK_MINUTES = env_int("GATEWAY_PENDING_RECHECK_MINUTES", 10, minimum=1)
# Providers by name (ADR 0028, docs/administration/providers.md): PAYMENT_PROVIDER picks one;
# PAYMENT_GATEWAY (a dotted path) still works and is what the code reads.
PAYMENT_PROVIDERS = {
    "simulated": "daftar.treasury.gateways.SimulatedGateway",
    "mellat": "daftar.treasury.gateways.mellat.MellatGateway",
}
PAYMENT_PROVIDER = env_choice("PAYMENT_PROVIDER", tuple(PAYMENT_PROVIDERS), "")
if PAYMENT_PROVIDER:
    PAYMENT_GATEWAY = PAYMENT_PROVIDERS[PAYMENT_PROVIDER]
# Behpardakht Mellat's IPG: the terminal and its web-service user (secrets: never in the repo).
MELLAT_TERMINAL_ID = env_int("MELLAT_TERMINAL_ID", 0, minimum=0)
MELLAT_USERNAME = env_str("MELLAT_USERNAME", "")
MELLAT_PASSWORD = env_str("MELLAT_PASSWORD", "")
MELLAT_SERVICE_URL = env_url(
    "MELLAT_SERVICE_URL",
    "https://bpm.shaparak.ir/pgwchannel/services/pgw",
    schemes=("https", "http"),
)
MELLAT_STARTPAY_URL = env_url(
    "MELLAT_STARTPAY_URL",
    "https://bpm.shaparak.ir/pgwchannel/startpay.mellat",
    schemes=("https", "http"),
)
# Mellat returns to the card a sale its merchant has not verified within this window.
MELLAT_VERIFY_WINDOW_MINUTES = env_int("MELLAT_VERIFY_WINDOW_MINUTES", 15, minimum=1)
PAYMENT_HTTP_TIMEOUT_SECONDS = env_int("PAYMENT_HTTP_TIMEOUT_SECONDS", 10, minimum=1, maximum=60)
PAYMENT_HTTP_TRIES = env_int("PAYMENT_HTTP_TRIES", 3, minimum=1, maximum=5)
CITIZEN_AREA_PATHS += [r"/appointments/(?:$|book/|[0-9])"]  # booking (issue 18)
# Open311 GeoReport v2 at /open311/v2/ (docs/open311.md): the one jurisdiction served, who to
# contact, where a city app asks for a key, and the per-address limit of the public API.
OPEN311_JURISDICTION_ID = env_str("OPEN311_JURISDICTION_ID", "tehran.ir")
OPEN311_CONTACT = env_str("OPEN311_CONTACT", "FAVA, Tehran Municipality — open311@tehran.ir")
OPEN311_KEY_SERVICE = env_str("OPEN311_KEY_SERVICE", "FAVA issues Open311 keys to city apps.")
OPEN311_REQUESTS_PER_MINUTE = env_int("OPEN311_REQUESTS_PER_MINUTE", 120, minimum=1)
