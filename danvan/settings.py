"""Settings, read from DANVAN_* environment variables (see .env.example).

Development is the default so that `make run` works on a fresh clone; `DANVAN_ENV=production`
turns on every deployment guard and refuses to start without a secret key and allowed hosts.
"""

from __future__ import annotations

import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from danvan.core.env import env_bool, env_choice, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(env_str("DANVAN_VAR_DIR", str(BASE_DIR.parent / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

ENVIRONMENT = env_choice("DANVAN_ENV", "development", ["development", "production"])
PRODUCTION = ENVIRONMENT == "production"
DEBUG = env_bool("DANVAN_DEBUG", not PRODUCTION)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DANVAN_DEBUG must be off when DANVAN_ENV=production.")


def _development_secret() -> str:
    # A per-checkout key kept under var/, so sessions survive restarts without a key in the repo.
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = env_str("DANVAN_SECRET_KEY", required=PRODUCTION) or _development_secret()
if PRODUCTION and len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("DANVAN_SECRET_KEY must be at least 50 characters long.")

ALLOWED_HOSTS = env_list(
    "DANVAN_ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]", "testserver"]
)
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("DANVAN_ALLOWED_HOSTS must list the host names in production.")
CSRF_TRUSTED_ORIGINS = env_list("DANVAN_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Ours first, so our templates and translations win over third parties'.
    "danvan.core",
    "danvan.accounts",
    "danvan.geo",
    "danvan.orgs",
    "danvan.areas",
    "danvan.tasks",
    "danvan.planning",
    "danvan.reporting",
    "danvan.directions",
    "danvan.meetings",
    "danvan.practices",
    "danvan.situations",
    "danvan.training",
    "danvan.overview",
    "danvan.documents",
    "danvan.api",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_filters",
    "auditlog",
    "axes",
    "rules.apps.AutodiscoverRulesConfig",
    "huey.contrib.djhuey",
    "csp",
    # django-ninja's templates and static files: the API docs page works offline.
    "ninja",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "danvan.core.middleware.LoginRequiredMiddleware",
    # Axes last: it turns a locked-out login into a clear page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "danvan.urls"
WSGI_APPLICATION = "danvan.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "danvan.core.context_processors.frame",
            ],
            "builtins": ["django.templatetags.i18n", "danvan.core.templatetags.danvan"],
        },
    }
]

# Database: SQLite under var/ unless DANVAN_DATABASE_URL names another.
DATABASE_URL = env_str("DANVAN_DATABASE_URL", f"sqlite:///{VAR_DIR / 'danvan.sqlite3'}")
try:
    _db = dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DANVAN_DB_CONN_MAX_AGE", 60))
except ValueError as exc:
    raise ImproperlyConfigured(f"DANVAN_DATABASE_URL is not a database URL: {exc}") from None
if _db["ENGINE"] == "django.db.backends.sqlite3":
    _db["CONN_MAX_AGE"] = 0
    _db["OPTIONS"] = {
        # WAL lets readers go on while one writer writes; IMMEDIATE makes a write transaction
        # take the lock at BEGIN, so two savers queue instead of failing with "database is locked".
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    # A file, not memory: tests of concurrent saves need real locking between connections.
    _db["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}
elif _db["ENGINE"] not in ("django.db.backends.postgresql",):
    raise ImproperlyConfigured("DANVAN_DATABASE_URL must point at SQLite or PostgreSQL.")
DATABASES = {"default": _db}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "danvan.accounts.hashers.OwaspArgon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        # Our users carry their name in full_name (first_name/last_name stay empty).
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ("username", "full_name", "email", "title")},
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "login"

# Login throttling: five wrong passwords for one user name from one address lock it for 15 min.
AXES_FAILURE_LIMIT = env_int("DANVAN_LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = 0.25
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLED = env_bool("DANVAN_LOGIN_THROTTLING", True)

SESSION_COOKIE_AGE = env_int("DANVAN_SESSION_HOURS", 10, minimum=1) * 3600
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("DANVAN_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("DANVAN_HSTS_SECONDS", 31536000, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# Content security policy: every script is a static file; nothing inline.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# Language, time, formats.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Ho_Chi_Minh"
FORMAT_MODULE_PATH = ["danvan.formats"]
USE_THOUSAND_SEPARATOR = True

# Static and uploaded files. Uploads live outside static and are served only through views that
# check access; nothing under MEDIA_ROOT is reachable by URL.
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("DANVAN_STATIC_ROOT", str(VAR_DIR / "static")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
MEDIA_ROOT = Path(env_str("DANVAN_MEDIA_ROOT", str(VAR_DIR / "files")))
# Never routed: files are served only by views that check access (core.views.attachment).
MEDIA_URL = "/_private/"


def _xstatic_dirs():
    import xstatic.pkg.bootstrap
    import xstatic.pkg.leaflet

    return [
        ("vendor/bootstrap", xstatic.pkg.bootstrap.BASE_DIR),
        ("vendor/leaflet", xstatic.pkg.leaflet.BASE_DIR),
    ]


STATICFILES_DIRS = _xstatic_dirs()
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    # plotly.min.js from the installed plotly package (the overview's charts).
    "danvan.overview.staticfiles.PlotlyFinder",
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
DANVAN_MAX_UPLOAD_MB = env_int("DANVAN_MAX_UPLOAD_MB", 20, minimum=1)

# Mail: printed to the console unless an SMTP host is given.
EMAIL_HOST = env_str("DANVAN_EMAIL_HOST", "")
EMAIL_PORT = env_int("DANVAN_EMAIL_PORT", 587, minimum=1)
EMAIL_HOST_USER = env_str("DANVAN_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = env_str("DANVAN_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DANVAN_EMAIL_TLS", True)
DEFAULT_FROM_EMAIL = env_str("DANVAN_EMAIL_FROM", "danvan@localhost")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)

# Background queue: embedded (a SQLite file under var/) by default, Redis when a URL is given.
REDIS_URL = env_str("DANVAN_REDIS_URL", "")
HUEY_IMMEDIATE = env_bool("DANVAN_QUEUE_IMMEDIATE", False)
if REDIS_URL:
    HUEY = {
        "huey_class": "huey.RedisHuey",
        "name": "danvan",
        "url": REDIS_URL,
        "immediate": HUEY_IMMEDIATE,
    }
else:
    HUEY = {
        "huey_class": "huey.SqliteHuey",
        "name": "danvan",
        "filename": str(VAR_DIR / "queue.sqlite3"),
        "immediate": HUEY_IMMEDIATE,
    }

# Answers of the figures service, shared by the server's processes (reporting.figures): files
# under var/ by default, Redis when a URL is given. The default cache stays in each process.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "figures": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "danvan-figures",
            "TIMEOUT": 7 * 24 * 3600,
        }
        if REDIS_URL
        else {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache" / "figures"),
            "TIMEOUT": 7 * 24 * 3600,
            "OPTIONS": {"MAX_ENTRIES": 500},
        }
    ),
}

# Django's checks about hosts we intentionally do not serve (HSTS preload is opt-in per site).
SILENCED_SYSTEM_CHECKS = []

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {
        "handlers": ["console"],
        "level": env_choice("DANVAN_LOG_LEVEL", "WARNING", ["DEBUG", "INFO", "WARNING", "ERROR"]),
    },
}

# The API: requests per token (or per signed-in user) in each fixed window of a minute.
DANVAN_API_RATE_LIMIT = env_int("DANVAN_API_RATE_LIMIT", 300, minimum=1)
# Personal API tokens: the longest life a user may give one, in days.
DANVAN_API_TOKEN_MAX_DAYS = env_int("DANVAN_API_TOKEN_MAX_DAYS", 365, minimum=1)

DANVAN_SITE_NAME = env_str("DANVAN_SITE_NAME", "Ban chỉ đạo công tác dân vận")
DANVAN_PLACE_NAME = env_str("DANVAN_PLACE_NAME", "Vĩnh Yên")
# The font official documents name (Word); the PDF is drawn with the installed font it
# resolves to (Liberation Serif, Times New Roman's metric twin, on Debian).
DANVAN_DOCUMENT_FONT = env_str("DANVAN_DOCUMENT_FONT", "Times New Roman")
