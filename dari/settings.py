"""Django settings for Dari. Everything deployment-specific comes from the environment.

DATABASE_URL selects the database (default: the embedded SQLite file var/dari.sqlite3);
DARI_SECRET_KEY, DARI_DEBUG, DARI_ALLOWED_HOSTS, DARI_VAR_DIR and DARI_EMAIL_BACKEND complete it;
the settings for running as a service (HTTPS, SMTP, workers, logs) are at the end and in
docs/operations.md.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent
BASE_DIR = PACKAGE_DIR.parent
VAR_DIR = Path(os.environ.get("DARI_VAR_DIR", BASE_DIR / "var"))


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


# Debug is off unless asked for (`make demo` and `make serve` ask). The development key is
# refused as soon as the site answers for a host beyond this machine (and by check --deploy).
DEBUG = _env_bool("DARI_DEBUG", False)
SECRET_KEY = os.environ.get(
    "DARI_SECRET_KEY", "dari-insecure-development-key-change-me-in-production"
)
ALLOWED_HOSTS = os.environ.get("DARI_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]", "testserver"}
if DEBUG and set(ALLOWED_HOSTS) - LOCAL_HOSTS:
    # Debug pages show settings and code: never to anyone but this machine.
    raise RuntimeError(
        "DARI_DEBUG=1 serves only local hosts; DARI_ALLOWED_HOSTS names "
        + ", ".join(sorted(set(ALLOWED_HOSTS) - LOCAL_HOSTS))
    )
if SECRET_KEY.startswith("dari-insecure") and set(ALLOWED_HOSTS) - LOCAL_HOSTS:
    raise RuntimeError("DARI_SECRET_KEY must be set to serve hosts beyond this machine")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # dari.web first: its account templates (allauth's pages in Dari's layout) win.
    "dari.web",
    "allauth",
    "allauth.account",
    "django_htmx",
    "ninja",
    # Before django_tasks_db: its `db_worker` (with a heartbeat) replaces the library's.
    "dari.ops",
    "django_tasks",
    "django_tasks_db",
    "dari.accounts",
    "dari.directory",
    "dari.events",
    "dari.insights",
    "dari.curation",
    "dari.webhooks",
    "dari.api",
    "dari.trials",
    "dari.messaging",
]

MIDDLEWARE = [
    "dari.ops.middleware.request_id",
    "django.middleware.security.SecurityMiddleware",
    "dari.web.middleware.content_security_policy",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # After the locale (its refusal is translated), before anything reads the input.
    "dari.web.middleware.refuse_nul_characters",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "dari.web.middleware.reader_time_zone",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "dari.urls"
WSGI_APPLICATION = "dari.wsgi.application"
ASGI_APPLICATION = "dari.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

# Every form, allauth's too: labels without a colon in Korean (dari/core/forms.py).
FORM_RENDERER = "dari.core.forms.FormRenderer"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'dari.sqlite3'}"),
        conn_max_age=int(os.environ.get("DARI_CONN_MAX_AGE", "0")),
        # A persistent connection is tested before each request reuses it: one the database
        # dropped (restart, failover, pg_terminate_backend) is replaced instead of a 500.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the web process and the job worker share the file safely.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
    # Tests use a file, not shared-cache memory, so concurrent transactions wait on the busy
    # timeout like they do in production instead of failing with "table is locked".
    # One file per test process, so parallel runs never share (or delete) each other's.
    DATABASES["default"]["TEST"] = {
        "NAME": os.environ.get(
            "DARI_TEST_SQLITE",
            os.path.join(tempfile.gettempdir(), f"dari-test-{os.getpid()}.sqlite3"),
        )
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    # First: refuses every sign-in of a locked account or address (limits in the database).
    "dari.accounts.auth.LoginLimitBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
# Nobody signs in before verifying an address; membership is confirmed on top of that.
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_ADAPTER = "dari.accounts.auth.AccountAdapter"
# Dari's own sign-in limits (dari.accounts.domain.login_limits) are shared by all processes
# through the database; allauth's per-process ones would only add confusing second counts.
ACCOUNT_RATE_LIMITS = {"login_failed": None}
DARI_LOGIN_FAILURES_PER_ACCOUNT = 5
DARI_LOGIN_FAILURES_PER_ADDRESS = 20
DARI_LOGIN_FAILURE_WINDOW = 300  # seconds
LOGIN_REDIRECT_URL = "/"
ACCOUNT_LOGOUT_REDIRECT_URL = "/"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("ko", _("Korean"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Seoul"
USE_I18N = True
USE_TZ = True
# Korean short dates zero-padded like the rest of the pages (dari/formats/ko).
FORMAT_MODULE_PATH = ["dari.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

EMAIL_BACKEND = os.environ.get(
    "DARI_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("DARI_FROM_EMAIL", "Dari <noreply@dari.local>")

TASKS = {
    "default": {
        "BACKEND": os.environ.get("DARI_TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

NINJA_PAGINATION_PER_PAGE = 50

# One JSON object per line on standard output (time, level, logger, request_id, message);
# DARI_LOG_FORMAT=text for people reading a terminal.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "dari.ops.logs.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "dari.ops.logs.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            # DARI_LOG_STREAM=stderr keeps a command's data on stdout apart from its logs.
            "stream": f"ext://sys.{os.environ.get('DARI_LOG_STREAM', 'stdout')}",
            "filters": ["request_id"],
            "formatter": os.environ.get("DARI_LOG_FORMAT", "json"),
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("DARI_LOG_LEVEL", "WARNING")},
    "loggers": {
        # Failed mails and lost jobs are worth a line at any level setting.
        "dari.mail": {"level": "INFO"},
        "dari.worker": {"level": "INFO"},
    },
}

# One cache shared by every process (a table in the database, created by the directory
# migrations): rendered aggregates and charts keyed by the directory generation.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "dari_cache",
        "TIMEOUT": 24 * 3600,
        "OPTIONS": {"MAX_ENTRIES": 20_000},
    },
    # The API's rate counters: in each process's memory (no query per request), so a limit
    # holds per process.
    "limits": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "dari-limits",
        "OPTIONS": {"MAX_ENTRIES": 50_000},
    },
}

# Asset search: the sentence encoder re-orders the best lexical matches (docs/search.md);
# DARI_SEARCH_SEMANTIC=0 ranks by the full-text index alone.
SEARCH_SEMANTIC = _env_bool("DARI_SEARCH_SEMANTIC", True)

# Running as a service (docs/operations.md) --------------------------------------------------

# Behind the TLS proxy: DARI_HTTPS=1 makes cookies secure, sends HSTS, redirects plain HTTP
# (except the health check, which load balancers ask over HTTP) and trusts the proxy's
# X-Forwarded-Proto (the proxy must set it, overwriting what the client sent).
HTTPS = _env_bool("DARI_HTTPS", False)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = int(os.environ.get("DARI_HSTS_SECONDS", "31536000")) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = _env_bool("DARI_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = _env_bool("DARI_HSTS_PRELOAD", True)
if _env_bool("DARI_PROXY_SSL_HEADER", HTTPS):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CSRF_TRUSTED_ORIGINS = [
    origin
    for origin in os.environ.get(
        "DARI_CSRF_TRUSTED_ORIGINS",
        ",".join(f"https://{h}" for h in ALLOWED_HOSTS if HTTPS and h not in LOCAL_HOSTS),
    ).split(",")
    if origin
]

# The site's address as people reach it: links in e-mails (sent outside any web request).
# By default the first public host served (https when DARI_HTTPS); the demo's address only when
# the site serves this machine alone. A local address for a public site is refused.
_PUBLIC_HOSTS = [h for h in ALLOWED_HOSTS if h and h not in LOCAL_HOSTS]
_NAMED_HOSTS = [h for h in _PUBLIC_HOSTS if "*" not in h and not h.startswith(".")]
DARI_BASE_URL = os.environ.get("DARI_BASE_URL") or (
    f"{'https' if HTTPS else 'http'}://{_NAMED_HOSTS[0]}"
    if _NAMED_HOSTS
    else ""
    if _PUBLIC_HOSTS
    else "http://127.0.0.1:8000"
)
if _PUBLIC_HOSTS and not DARI_BASE_URL:
    raise RuntimeError(
        "DARI_BASE_URL must be set (e.g. https://dari.example.org): e-mails link to the site"
    )
if _PUBLIC_HOSTS and urlsplit(DARI_BASE_URL).hostname in LOCAL_HOSTS | {"::1"}:
    raise RuntimeError(
        f"DARI_BASE_URL is {DARI_BASE_URL}, a local address, but the site serves "
        + ", ".join(_PUBLIC_HOSTS)
        + ": e-mails would link to this machine"
    )

# The API's rate per caller (token or session user, else address), "600/m" by default, empty
# for none; and the wrong tokens one address may send in ten minutes before it is stopped
# (both counted in each process: the "limits" cache).
DARI_API_RATE = os.environ.get("DARI_API_RATE", "600/m").strip()
if DARI_API_RATE and not re.fullmatch(r"[1-9][0-9]*/[smhd][a-z]*", DARI_API_RATE):
    raise RuntimeError(
        f"DARI_API_RATE is {DARI_API_RATE!r}: give requests per period, like 600/m "
        "(s, m, h or d), or leave it empty for no limit"
    )
DARI_API_TOKEN_FAILURES = int(os.environ.get("DARI_API_TOKEN_FAILURES", "20"))

# Extraction: a local model beside the rules (docs/curation.md, "A local model"). None by
# default; DARI_EXTRACTION_MODEL_URL names an OpenAI-compatible server (llama.cpp, vLLM,
# Ollama), to which every ingested text is sent: only a local or trusted one.
EXTRACTION_MODEL_URL = os.environ.get("DARI_EXTRACTION_MODEL_URL", "").strip()
EXTRACTION_MODEL_NAME = os.environ.get("DARI_EXTRACTION_MODEL_NAME", "").strip()
EXTRACTION_MODEL_KEY = os.environ.get("DARI_EXTRACTION_MODEL_KEY", "")
EXTRACTION_MODEL_TIMEOUT = float(os.environ.get("DARI_EXTRACTION_MODEL_TIMEOUT", "60"))
if EXTRACTION_MODEL_URL and (
    urlsplit(EXTRACTION_MODEL_URL).scheme not in ("http", "https")
    or not urlsplit(EXTRACTION_MODEL_URL).hostname
):
    raise RuntimeError(
        f"DARI_EXTRACTION_MODEL_URL is {EXTRACTION_MODEL_URL!r}: give the model server's "
        "http:// or https:// address (like http://127.0.0.1:8080/v1), or leave it empty"
    )
if not 0 < EXTRACTION_MODEL_TIMEOUT <= 600:
    raise RuntimeError(
        f"DARI_EXTRACTION_MODEL_TIMEOUT is {EXTRACTION_MODEL_TIMEOUT:g}: give seconds, "
        "more than 0 and at most 600"
    )

# Mail: DARI_EMAIL_HOST selects SMTP (dari.ops.mail logs every message it could not send).
if os.environ.get("DARI_EMAIL_HOST") and "DARI_EMAIL_BACKEND" not in os.environ:
    EMAIL_BACKEND = "dari.ops.mail.EmailBackend"
EMAIL_HOST = os.environ.get("DARI_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DARI_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("DARI_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DARI_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = _env_bool("DARI_EMAIL_TLS", False)  # STARTTLS, usually port 587
EMAIL_USE_SSL = _env_bool("DARI_EMAIL_SSL", False)  # implicit TLS, usually port 465
EMAIL_TIMEOUT = int(os.environ.get("DARI_EMAIL_TIMEOUT", "20"))
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background workers (dari.ops.workers): heartbeat period, how long a silent worker keeps its
# jobs, how many workers may claim a job before it fails; /healthz wants a heartbeat this fresh.
DARI_WORKER_HEARTBEAT = float(os.environ.get("DARI_WORKER_HEARTBEAT", "10"))
DARI_WORKER_LEASE = float(os.environ.get("DARI_WORKER_LEASE", "60"))
DARI_TASK_MAX_ATTEMPTS = int(os.environ.get("DARI_TASK_MAX_ATTEMPTS", "2"))
DARI_HEALTH_WORKER_MAX_AGE = float(
    os.environ.get("DARI_HEALTH_WORKER_MAX_AGE", str(DARI_WORKER_LEASE))
)

# Webhook endpoints may be http://127.0.0.1 or http://localhost (tests, local development);
# never in production, where only public https:// addresses receive notices.
DARI_WEBHOOKS_ALLOW_LOOPBACK = _env_bool("DARI_WEBHOOKS_ALLOW_LOOPBACK", False)
