"""egov settings: one module, every value from the environment.

EGOV_ENV is ``development`` (the default: ``make run``), ``test`` (the
default under pytest) or ``production``. Production refuses to start with
unsafe values.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from egov.lib.env import (
    env_bool,
    env_int,
    env_list,
    env_str,
    parse_database_url,
    parse_email_url,
    parse_key,
    parse_key_ring,
    parse_networks,
    parse_office_hours,
)

BASE_DIR = Path(__file__).resolve().parent.parent

# pytest (8.2 and later) announces itself in PYTEST_VERSION.
EGOV_ENV = env_str("EGOV_ENV", "test" if "PYTEST_VERSION" in os.environ else "development")
if EGOV_ENV not in {"development", "test", "production"}:
    raise ImproperlyConfigured("EGOV_ENV must be development, test or production")
PRODUCTION = EGOV_ENV == "production"

# The development key is public on purpose: it signs nothing that matters.
DEVELOPMENT_SECRET_KEY = "egov-development-key-never-use-in-production-0123456789abcdef"  # noqa: S105
SECRET_KEY = env_str("SECRET_KEY", DEVELOPMENT_SECRET_KEY)
DEBUG = env_bool("DEBUG", default=EGOV_ENV == "development")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])

# The development outbox (egov.notifications.outbox): sent emails and text
# messages are written as files under OUTBOX_DIR and read at /dev/outbox/
# instead of being delivered. On by default in development, refused in production.
OUTBOX_ENABLED = env_bool("OUTBOX_ENABLED", default=EGOV_ENV == "development")
OUTBOX_DIR = Path(env_str("OUTBOX_DIR", str(BASE_DIR / "var" / "outbox")))

# Field encryption (egov.privacy). The keys come from the environment and are
# never derived from SECRET_KEY, so that rotating one does not touch the other.
# The development keys below are public (they are right here in the source):
# they protect nothing, and production refuses them. They are the base64 of
# "egov-development-field-key-00001" and "egov-development-blind-index-key".
DEVELOPMENT_FIELD_KEYS = "1:ZWdvdi1kZXZlbG9wbWVudC1maWVsZC1rZXktMDAwMDE="
DEVELOPMENT_BLIND_INDEX_KEY = "ZWdvdi1kZXZlbG9wbWVudC1ibGluZC1pbmRleC1rZXk="
_field_keys = env_str("EGOV_FIELD_KEYS")
_blind_index_key = env_str("EGOV_BLIND_INDEX_KEY")
# Every version decrypts; the highest version encrypts.
FIELD_ENCRYPTION_KEYS: dict[int, bytes] = parse_key_ring(
    _field_keys or DEVELOPMENT_FIELD_KEYS, name="EGOV_FIELD_KEYS"
)
BLIND_INDEX_KEY: bytes = parse_key(
    _blind_index_key or DEVELOPMENT_BLIND_INDEX_KEY, name="EGOV_BLIND_INDEX_KEY"
)

if PRODUCTION:
    _problems = []
    if SECRET_KEY == DEVELOPMENT_SECRET_KEY or len(SECRET_KEY) < 50:
        _problems.append("SECRET_KEY must be set to a random value of at least 50 characters")
    if DEBUG:
        _problems.append("DEBUG must be off")
    if not ALLOWED_HOSTS or any("*" in host for host in ALLOWED_HOSTS):
        _problems.append("ALLOWED_HOSTS must name the hosts, without wildcards")
    if OUTBOX_ENABLED:
        _problems.append("OUTBOX_ENABLED must be off: it keeps emails instead of sending them")
    _development_keys = {
        *parse_key_ring(DEVELOPMENT_FIELD_KEYS, name="DEVELOPMENT_FIELD_KEYS").values(),
        parse_key(DEVELOPMENT_BLIND_INDEX_KEY, name="DEVELOPMENT_BLIND_INDEX_KEY"),
    }
    if not _field_keys or _development_keys & set(FIELD_ENCRYPTION_KEYS.values()):
        _problems.append("EGOV_FIELD_KEYS must be set to random keys, not the development keys")
    if not _blind_index_key or BLIND_INDEX_KEY in _development_keys:
        _problems.append(
            "EGOV_BLIND_INDEX_KEY must be set to a random key, not the development key"
        )
    elif BLIND_INDEX_KEY in FIELD_ENCRYPTION_KEYS.values():
        # One key serving two purposes would tie the blind index to the cipher.
        _problems.append("EGOV_BLIND_INDEX_KEY must differ from every key in EGOV_FIELD_KEYS")
    if _problems:
        raise ImproperlyConfigured("Refusing to start in production: " + "; ".join(_problems))

INSTALLED_APPS = [
    "egov.accounts.console.ConsoleAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # runserver leaves static files to WhiteNoise (as production does): Django's own
    # development handler answers a path outside the static folders with a 500.
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_tasks",
    "django_tasks_db",
    "egov.accounts",
    "egov.agencies",
    "egov.complaints",
    "egov.participation",
    "egov.permits",
    "egov.jobs",
    "egov.audit",
    "egov.privacy",
    "egov.notifications",
    "egov.portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "egov.lib.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "egov.accounts.middleware.StaffSessionMiddleware",
    "egov.audit.context.AuditContextMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "egov.urls"
WSGI_APPLICATION = "egov.wsgi.application"
ASGI_APPLICATION = "egov.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "egov.portal.context_processors.shell",
                "egov.notifications.context_processors.unread",
                # "Was this page useful?" on every public page (templates/base.html).
                "egov.participation.context_processors.page_feedback",
                "egov.lib.security.csp_nonce",
            ],
            # Template helpers from egov.lib, which is not an app: {% load forms %}.
            "libraries": {"forms": "egov.lib.forms"},
            # Every <time datetime> is written by one filter: {{ value|machine_readable }}.
            # A lang attribute for people's own words: {{ text|lang_attr }}.
            "builtins": ["egov.lib.time_elements", "egov.lib.language_tags"],
        },
    },
]

# Database: embedded SQLite by default, PostgreSQL in production.
DATABASES = {
    "default": parse_database_url(
        env_str("DATABASE_URL", "sqlite:///var/egov.sqlite3"), base_dir=BASE_DIR
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set (several web processes share it),
# otherwise memory of this one process.
REDIS_URL = env_str("REDIS_URL")
# Entries name database ids (a receipt number, a case's revision): two databases
# sharing a cache (a demo and a benchmark, on one machine or one Redis) must
# never read each other's, so every key is prefixed by the database it comes from.
_CACHE_PREFIX = hashlib.sha256(
    f"{DATABASES['default']['ENGINE']}:{DATABASES['default']['NAME']}".encode()
).hexdigest()[:12]
_REDIS_CACHE = {
    "BACKEND": "django.core.cache.backends.redis.RedisCache",
    "LOCATION": REDIS_URL,
    "KEY_PREFIX": _CACHE_PREFIX,
}
CACHES = {
    "default": _REDIS_CACHE
    if REDIS_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    # Rendered public pages, read without a query and cleared by the change that
    # makes them stale, so every web process must see the same entries: Redis
    # when there is one, else files (PAGE_CACHE_DIR), which all processes of one
    # machine share. Tests keep them in memory.
    "pages": (
        _REDIS_CACHE
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"}
        if EGOV_ENV == "test"
        else {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": env_str("PAGE_CACHE_DIR", str(BASE_DIR / "var" / "cache" / "pages")),
            "KEY_PREFIX": _CACHE_PREFIX,
        }
    ),
}
# Sessions are kept in the database. With a shared cache they are read from it
# first, which saves a query on every page; a cache private to one process must
# not be used so, or a session signed out in one process lives on in the others.
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"
    if REDIS_URL
    else "django.contrib.sessions.backends.db"
)

# Background work through the Django tasks API. "immediate" runs tasks
# inline (tests); "database" queues them for `manage.py db_worker`.
TASK_BACKEND = env_str("TASK_BACKEND", "immediate" if EGOV_ENV == "test" else "database")
TASKS = {
    "default": {
        "BACKEND": {
            "database": "django_tasks_db.DatabaseBackend",
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
        }[TASK_BACKEND]
    }
}

# Accounts and passwords.
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:sign_in"
# Where citizens land after signing in; staff land on their first staff page
# (egov.lib.services.landing_page), a safe ?next= before either.
LOGIN_REDIRECT_URL = "portal:dashboard"
LOGOUT_REDIRECT_URL = "portal:home"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "egov.accounts.passwords.LengthForSecondFactorValidator"},
    {"NAME": "egov.accounts.passwords.MaximumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
]
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # a day: long enough for a slow inbox

# Languages: English, Korean and Indonesian from day one.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("ko", "한국어"),
    ("id", "Bahasa Indonesia"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
LANGUAGE_COOKIE_SAMESITE = "Lax"  # remember_language() sets the same
USE_I18N = True
# Day-first English on a 24-hour clock, and Korean with 오전/오후 before the time.
FORMAT_MODULE_PATH = ["egov.formats"]
TIME_ZONE = env_str("TIME_ZONE", "Asia/Seoul")
# The statutory clock (egov.lib.calendar): the office hours that count toward a
# period counted in working hours (Civil Petitions Treatment Act art. 19(1)),
# and the zone whose days and hours they are. Korean law counts Seoul's.
OFFICE_HOURS = env_str("OFFICE_HOURS", "09:00-12:00,13:00-18:00")
OFFICE_TIME_ZONE = env_str("OFFICE_TIME_ZONE", "Asia/Seoul")
try:
    parse_office_hours(OFFICE_HOURS)
except ValueError as error:
    raise ImproperlyConfigured(f"OFFICE_HOURS: {error}") from None
try:
    ZoneInfo(OFFICE_TIME_ZONE)
except (ValueError, ZoneInfoNotFoundError):
    raise ImproperlyConfigured(
        f"OFFICE_TIME_ZONE: no time zone is called {OFFICE_TIME_ZONE!r}"
    ) from None
USE_TZ = True

# Static files: KRDS and htmx come from npm (node_modules), ours from static/.
STATIC_URL = "/static/"
# collectstatic is for production only; elsewhere files come from their folders.
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles"))) if PRODUCTION else None
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # Only the KRDS parts we use: its full component sheet references images
    # by paths that do not exist in the package, which breaks collectstatic.
    ("krds/css/token", NODE_MODULES / "krds-uiux" / "resources" / "css" / "token"),
    ("krds/fonts", NODE_MODULES / "krds-uiux" / "resources" / "fonts"),
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Outside production WhiteNoise serves straight from the source folders, so no
# collectstatic step is needed to run or test the platform.
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))

# Email through Django's backends: EMAIL_URL when set, else the outbox in
# development (the console without it).
_email_url = env_str("EMAIL_URL")
if _email_url:
    _email = parse_email_url(_email_url)
elif OUTBOX_ENABLED:
    _email = {"EMAIL_BACKEND": "egov.notifications.outbox.EmailBackend"}
else:
    _email = parse_email_url("console://")
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_FILE_PATH = _email.get("EMAIL_FILE_PATH", str(BASE_DIR / "var" / "mail"))
EMAIL_HOST = _email.get("EMAIL_HOST", "localhost")
EMAIL_PORT = _email.get("EMAIL_PORT", 25)
EMAIL_HOST_USER = _email.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = _email.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _email.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _email.get("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "egov <no-reply@egov.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Text messages through a backend, as email is (egov.notifications.sms): a
# deployment names its gateway's backend class here. Without one, production
# offers no text messages (the dummy backend delivers nothing).
SMS_BACKEND = env_str(
    "SMS_BACKEND",
    "egov.notifications.sms.LocmemBackend"
    if EGOV_ENV == "test"
    else "egov.notifications.sms.OutboxBackend"
    if OUTBOX_ENABLED
    else "egov.notifications.sms.DummyBackend"
    if PRODUCTION
    else "egov.notifications.sms.ConsoleBackend",
)

# The admin lives on a path of the operator's choosing, never /admin/.
ADMIN_PATH = env_str("ADMIN_PATH", "staff-console/").strip("/") + "/"

# Security. Cookies are Secure, and HTTPS is enforced, in production.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
LANGUAGE_COOKIE_SECURE = PRODUCTION
LANGUAGE_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=PRODUCTION)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 63072000 if PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = PRODUCTION
SECURE_HSTS_PRELOAD = PRODUCTION
if env_bool("BEHIND_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# The proxies (addresses or networks) whose X-Forwarded-For names the client
# (egov.lib.http.client_address). From any other peer the header is ignored,
# so nobody can choose the address that throttling and the logs see.
TRUSTED_PROXIES = parse_networks(env_list("TRUSTED_PROXIES"), name="TRUSTED_PROXIES")
CSRF_FAILURE_VIEW = "egov.portal.views.csrf_failure"
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FIELDS = 200

# What the site calls itself, in the header and in emails.
SITE_NAME = _("egov")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

# Petitions (egov.participation): signatures for an official response (due within
# PETITION_RESPONSE_DAYS) and for a public hearing, and how long a petition stays open.
PETITION_RESPONSE_THRESHOLD = env_int("PETITION_RESPONSE_THRESHOLD", 10_000)
PETITION_HEARING_THRESHOLD = env_int("PETITION_HEARING_THRESHOLD", 100_000)
PETITION_RESPONSE_DAYS = env_int("PETITION_RESPONSE_DAYS", 30)
PETITION_OPEN_DAYS = env_int("PETITION_OPEN_DAYS", 90)
