"""Settings read from environment variables; defaults give a working laptop setup (SQLite, DEBUG)."""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default):
    value = os.environ.get(name)
    return [item.strip() for item in value.split(",") if item.strip()] if value else default


DEBUG = env_bool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY doit être défini quand DEBUG est désactivé.")
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "dsfr",
    "widget_tweaks",
    "django_htmx",
    "axes",
    "auditlog",
    "huey.contrib.djhuey",
    "csp",
    "aidess.core",
    "aidess.history",
    "aidess.lifecycles",
    "aidess.accounts",
    "aidess.territories",
    "aidess.nomenclatures",
    "aidess.organizations",
    "aidess.structures",
    "aidess.aids",
    "aidess.eligibility",
    "aidess.diagnosis",
    "aidess.cashflow",
    "aidess.applications",
    "aidess.orientation",
    "aidess.pathways",
    "aidess.watch",
    "aidess.plans",
    "aidess.reviews",
    "aidess.instruction",
    "aidess.notifications",
    "aidess.opendata",
    "aidess.funding",
    "aidess.demo",
    "aidess.dashboard",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Origin (page, API, admin) and actor of every history entry (django-auditlog).
    "aidess.history.middleware.AuditMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Before any middleware or view reads the body (CSRF reads the form): 413 when too large.
    "aidess.core.limits.RequestSizeLimitMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes requires, so that lockouts see the authenticated request.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]
DSFR_MARK_OPTIONAL_FIELDS = True
# django-dsfr marks the content of its components (alerts of messages…) safe unless told not to:
# a message may quote a name typed by someone, so it is escaped like any other text.
DSFR_CONTENT_IS_SAFE = False

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'aidess.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    (BASE_DIR / "var").mkdir(exist_ok=True)
    # WAL + a busy timeout keep the dev server usable while a command writes demo data; each
    # transaction takes the write lock when it begins (IMMEDIATE): two task-worker threads that
    # read then write would otherwise fail at once with « database is locked » instead of waiting.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
# History of changes (django-auditlog), with the origin and structure of each entry.
AUDITLOG_LOGENTRY_MODEL = "history.AuditEntry"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:dashboard"
LOGOUT_REDIRECT_URL = "core:home"

# Lockout after repeated failures (django-axes), for 15 minutes: an e-mail and IP pair after 5,
# an IP after 20 whatever the e-mails (aidess.accounts.lockout.PairAndAddressHandler).
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
LOGIN_FAILURES_PER_ADDRESS = int(os.environ.get("LOGIN_FAILURES_PER_ADDRESS", "20"))
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_HANDLER = "aidess.accounts.lockout.PairAndAddressHandler"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]
# The login form posts the e-mail as "username"; axes would otherwise read USERNAME_FIELD ("email"),
# find nothing, and record every failure without an e-mail, so the lockout never applied.
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "aidess.accounts.lockout.attempted_email"

# Password-reset e-mails a person or an address can get in an hour (aidess/accounts/reset_limit.py).
PASSWORD_RESET_EMAILS_PER_ADDRESS = 3
PASSWORD_RESET_EMAILS_PER_IP = 10


def huey_settings(environ):
    """Background jobs (huey): on the Redis of REDIS_URL when set, else in a SQLite file, so a
    laptop needs no server. Daily jobs are crontabs in local time (`utc: False`, TIME_ZONE)."""
    common = {
        "name": "aidess",
        # Tasks run inline, no worker needed, only when asked: djhuey would follow DEBUG otherwise.
        "immediate": environ.get("HUEY_IMMEDIATE", "").strip().lower() in {"1", "true", "yes"},
        "results": False,  # tasks are fire-and-forget: nothing reads their return values
        "utc": False,
        "consumer": {"workers": 2, "worker_type": "thread"},
    }
    if environ.get("REDIS_URL"):
        return {**common, "huey_class": "huey.RedisHuey", "url": environ["REDIS_URL"]}
    queue = environ.get("HUEY_SQLITE_PATH") or str(BASE_DIR / "var" / "huey.sqlite3")
    Path(queue).parent.mkdir(parents=True, exist_ok=True)
    return {**common, "huey_class": "huey.SqliteHuey", "filename": queue}


HUEY = huey_settings(os.environ)

# Content-Security-Policy (django-csp 4), in every settings module so that tests and `dev` meet a
# violation as production would. Everything comes from this origin: the DSFR's and HTMX's files are
# static files, no page has an inline script, style or event handler (HTMX's own indicator style is
# turned off in base.html), so neither 'unsafe-inline' nor nonces are needed. `data:` images: the
# DSFR's CSS draws some icons and form controls from data URIs.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français")]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT") or BASE_DIR / "var" / "static")
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns on every request otherwise
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = BASE_DIR / "var" / "media"
# Application-file documents: outside STATIC_ROOT and MEDIA_ROOT, no URL serves this folder; only
# aidess.applications.views.document_download reads it, for those who may (aidess/applications).
PRIVATE_FILES_ROOT = Path(os.environ.get("PRIVATE_FILES_ROOT") or BASE_DIR / "var" / "private")
# Dotted path of a virus scanner for uploaded documents (see aidess/applications/uploads.py).
DOCUMENT_SCANNER = os.environ.get("DOCUMENT_SCANNER", "")

# Request bodies (aidess.core.limits refuses larger ones before reading them, with a French 413).
# The largest upload is the admin's 5 MB CSV import; forms check their own limit below this one.
MAX_UPLOAD_BYTES = 6 * 1024 * 1024
# An accepted upload stays in memory: never written to a temporary file.
FILE_UPLOAD_MAX_MEMORY_SIZE = MAX_UPLOAD_BYTES
# Any other body (forms, API JSON): the largest, a cash-flow grid, is a few hundred KB.
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "AidESS <ne-pas-repondre@aidess.local>")

# The site's address, for the links of e-mails and webhooks written outside a request (tasks).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Webhooks (notifications app): HTTPS to public addresses only, unless this allows plain HTTP and
# loopback addresses (127.0.0.1, ::1) to try a local receiver; private networks never.
WEBHOOKS_ALLOW_LOOPBACK = env_bool("WEBHOOKS_ALLOW_LOOPBACK", DEBUG)

# Public API "Recherche d'entreprises" (DINUM): no key; 7 requests/s per IP.
RECHERCHE_ENTREPRISES_URL = os.environ.get(
    "RECHERCHE_ENTREPRISES_URL", "https://recherche-entreprises.api.gouv.fr"
)
RECHERCHE_ENTREPRISES_TIMEOUT = float(os.environ.get("RECHERCHE_ENTREPRISES_TIMEOUT", "4"))
# BODACC open data (DILA, Opendatasoft Explore v2.1): collective procedures, read daily.
BODACC_API_URL = os.environ.get(
    "BODACC_API_URL", "https://bodacc-datadila.opendatasoft.com/api/explore/v2.1"
)
BODACC_TIMEOUT = float(os.environ.get("BODACC_TIMEOUT", "10"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # Configured here, run_huey adds no handler of its own (each line would be printed twice).
    "loggers": {"huey": {"handlers": ["console"], "level": "INFO", "propagate": False}},
}
