"""Django settings for Dari. Everything deployment-specific comes from the environment.

DATABASE_URL selects the database (default: the embedded SQLite file var/dari.sqlite3);
DARI_SECRET_KEY, DARI_DEBUG, DARI_ALLOWED_HOSTS, DARI_VAR_DIR and DARI_EMAIL_BACKEND complete it.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

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


DEBUG = _env_bool("DARI_DEBUG", True)
SECRET_KEY = os.environ.get(
    "DARI_SECRET_KEY", "dari-insecure-development-key-change-me-in-production"
)
if not DEBUG and SECRET_KEY.startswith("dari-insecure"):
    raise RuntimeError("DARI_SECRET_KEY must be set when DARI_DEBUG is off")
ALLOWED_HOSTS = os.environ.get("DARI_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")

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
    "django_tasks",
    "django_tasks_db",
    "dari.accounts",
    "dari.directory",
    "dari.events",
    "dari.insights",
    "dari.curation",
    "dari.webhooks",
    "dari.api",
]

MIDDLEWARE = [
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

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'dari.sqlite3'}"),
        conn_max_age=int(os.environ.get("DARI_CONN_MAX_AGE", "0")),
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

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DARI_LOG_LEVEL", "WARNING")},
}

# Webhook endpoints may be http://127.0.0.1 or http://localhost (tests, local development);
# never in production, where only public https:// addresses receive notices.
DARI_WEBHOOKS_ALLOW_LOOPBACK = _env_bool("DARI_WEBHOOKS_ALLOW_LOOPBACK", False)
