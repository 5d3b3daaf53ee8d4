"""Settings for eigyo, read from the environment.

Defaults are safe for production (DEBUG off, secure cookies when not DEBUG);
`make demo` and the tests set DEBUG=1 explicitly. SQLite is the default
database; DATABASE_URL switches to PostgreSQL.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("EIGYO_VAR_DIR", BASE_DIR.parent / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [v.strip() for v in os.environ.get(name, default).split(",") if v.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        # Refusing to start beats running production with a guessable key.
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
    SECRET_KEY = "insecure-dev-key-only-for-debug-mode-" + "x" * 32

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "ninja",  # serves Swagger UI from its own static files (no CDN: installs are offline)
    "axes",  # login throttling: failed attempts per account and per address
    "django_otp",
    "django_otp.plugins.otp_totp",  # two-factor: authenticator apps (TOTP)
    "django_otp.plugins.otp_static",  # two-factor: single-use backup codes
    "eigyo.core",
    "eigyo.accounts",
    "eigyo.worktime",
    "eigyo.partners",
    "eigyo.registry",
    "eigyo.companies",
    "eigyo.contacts",
    "eigyo.portfolio",
    "eigyo.activities",
    "eigyo.deals",
    "eigyo.followups",
    "eigyo.prospecting",
    "eigyo.transfer",
    "eigyo.audit",
    "eigyo.agenda",
    "eigyo.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "eigyo.core.middleware.ApiAnswersJsonMiddleware",
    "eigyo.core.middleware.RejectNulMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "eigyo.accounts.middleware.SessionLimitsMiddleware",
    "eigyo.accounts.middleware.SecondFactorMiddleware",
    "eigyo.accounts.middleware.UserPreferencesMiddleware",
    "eigyo.core.middleware.ActorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes requires: it answers a locked-out login.
    "axes.middleware.AxesMiddleware",
]

# django-axes checks every authentication first (it needs the request: log in through
# the login page, or `force_login` in tests).
AUTHENTICATION_BACKENDS = [
    "eigyo.accounts.backends.ThrottledBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "eigyo.urls"
WSGI_APPLICATION = "eigyo.wsgi.application"

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
                "django.template.context_processors.i18n",
                "eigyo.core.context.eigyo_context",
                "eigyo.accounts.context.rules",
                "eigyo.agenda.context.unread",
            ],
        },
    }
]

SQLITE_PATH = Path(os.environ.get("EIGYO_SQLITE", VAR_DIR / "eigyo.sqlite3"))
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{SQLITE_PATH}", conn_max_age=int(os.environ.get("CONN_MAX_AGE", 0))
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A fresh checkout has no var/ yet; SQLite cannot create the folder itself.
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # WAL lets readers run beside a writer; IMMEDIATE takes the write lock at
    # BEGIN so concurrent writers wait (busy timeout) instead of failing with
    # "database is locked" on lock upgrade. A 32 MiB page cache (the default is
    # 2 MiB): an import's 100,000 people touch the index pages of four tables, which
    # the default cache kept writing out and reading back (a third of its write time).
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
            "PRAGMA cache_size=-32768;"
        ),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "agenda:home"
LOGOUT_REDIRECT_URL = "accounts:login"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "ja"
LANGUAGES = [("ja", _("Japanese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]

# Security: strict unless DEBUG; behind a TLS proxy set SECURE_SSL_REDIRECT etc.
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SESSION_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if env_bool("SECURE_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Login throttling (django-axes, OWASP ASVS 2.2): after EIGYO_LOGIN_FAILURE_LIMIT failed
# attempts on one account, or from one address, that account / address waits
# EIGYO_LOGIN_COOLOFF_MINUTES (a soft, time-based lockout; 10 per 15 min stays well under
# ASVS's ~100 an hour). A success clears the account's count. Behind a proxy, set
# EIGYO_PROXY_COUNT so the client's address is read from X-Forwarded-For.
AXES_FAILURE_LIMIT = int(os.environ.get("EIGYO_LOGIN_FAILURE_LIMIT", "10"))
AXES_COOLOFF_TIME = float(os.environ.get("EIGYO_LOGIN_COOLOFF_MINUTES", "15")) / 60  # hours
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_USERNAME_FORM_FIELD = "username"  # the login form's field (it holds the e-mail)
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "eigyo.accounts.security_views.locked_out"
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_VERBOSE = True
if os.environ.get("EIGYO_PROXY_COUNT"):
    AXES_IPWARE_PROXY_COUNT = int(os.environ["EIGYO_PROXY_COUNT"])
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]

# Two-factor authentication (django-otp): the roles that must use it (the
# organisation's setting can require it of everyone).
EIGYO_MFA_REQUIRED_ROLES = env_list("EIGYO_MFA_REQUIRED_ROLES", "admin,manager")
OTP_TOTP_ISSUER = os.environ.get("EIGYO_OTP_ISSUER", "eigyo")

# Sessions: signed out after EIGYO_SESSION_IDLE_MINUTES without a request, and after
# EIGYO_SESSION_MAX_HOURS whatever happens (SessionLimitsMiddleware).
EIGYO_SESSION_IDLE_MINUTES = int(os.environ.get("EIGYO_SESSION_IDLE_MINUTES", "60"))
EIGYO_SESSION_MAX_HOURS = int(os.environ.get("EIGYO_SESSION_MAX_HOURS", "12"))
SESSION_COOKIE_AGE = (EIGYO_SESSION_MAX_HOURS or 24 * 14) * 3600  # 0: Django's two weeks
# A password-reset link works once, for this long.
PASSWORD_RESET_TIMEOUT = int(os.environ.get("EIGYO_PASSWORD_RESET_MINUTES", "60")) * 60
# Reset requests per address asked for and per client address within the window; over
# either, the answer is the same but no e-mail goes (a mailbox is not flooded, a list
# of addresses is not tried).
EIGYO_PASSWORD_RESET_PER_EMAIL = int(os.environ.get("EIGYO_PASSWORD_RESET_PER_EMAIL", "3"))
EIGYO_PASSWORD_RESET_PER_ADDRESS = int(os.environ.get("EIGYO_PASSWORD_RESET_PER_ADDRESS", "10"))
EIGYO_PASSWORD_RESET_WINDOW_MINUTES = int(
    os.environ.get("EIGYO_PASSWORD_RESET_WINDOW_MINUTES", "60")
)

# Content-Security-Policy (django-csp): scripts and styles only from this site, no
# inline script or event handler, nothing framed, forms post only here.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "eigyo <eigyo@localhost>")
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "20"))
# Links in emails and calendar feeds point here.
EIGYO_BASE_URL = os.environ.get("EIGYO_BASE_URL", "http://127.0.0.1:8000")

# Every handler masks secrets (feed and reset tokens in URLs, API tokens):
# eigyo.core.logging. Django's own loggers, runserver's request log included, write
# through these handlers rather than Django's defaults.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact": {"()": "eigyo.core.logging.RedactSecrets"}},
    "formatters": {
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        }
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["redact"]},
        "django.server": {
            "class": "logging.StreamHandler",
            "formatter": "django.server",
            "filters": ["redact"],
        },
    },
    "loggers": {
        # Not Django's default handlers (unmasked): up to the root's masking console.
        "django": {"handlers": [], "level": os.environ.get("LOG_LEVEL", "INFO")},
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Request bodies: Django's 2.5 MB for forms and the API; an import route (a documented
# 10 MB list, sent as a JSON string) takes up to EIGYO_IMPORT_MAX_BODY_MB.
DATA_UPLOAD_MAX_MEMORY_SIZE = int(os.environ.get("EIGYO_MAX_BODY_BYTES", str(2_621_440)))
EIGYO_IMPORT_MAX_BODY_MB = int(os.environ.get("EIGYO_IMPORT_MAX_BODY_MB", "32"))

# Page size for lists (UI and API share it).
EIGYO_PAGE_SIZE = 25

# Name resolution keeps the registry in memory, one copy per process. It looks for
# a changed registry at most this often (a loader in the same process refreshes it
# at once); EIGYO_WARM_RESOLVER=1 builds it when the WSGI application starts (with a
# preloading server the workers share it), not on the first company saved.
EIGYO_RESOLVER_RECHECK = float(os.environ.get("EIGYO_RESOLVER_RECHECK", "60"))
EIGYO_WARM_RESOLVER = os.environ.get("EIGYO_WARM_RESOLVER", "") in {"1", "true", "yes"}

# The audit trail and APPI (eigyo/audit): events older than this are pruned by
# `eigyo audit prune` (the chain stays verifiable from its anchor); a data-subject
# request is due this many days after it came (an internal deadline: the law says
# "without delay"); records of third-party provision are kept 3 years (APPI rules).
EIGYO_AUDIT_RETENTION_DAYS = int(os.environ.get("EIGYO_AUDIT_RETENTION_DAYS", "730"))
EIGYO_APPI_DEADLINE_DAYS = int(os.environ.get("EIGYO_APPI_DEADLINE_DAYS", "14"))
EIGYO_PROVISION_RETENTION_DAYS = int(os.environ.get("EIGYO_PROVISION_RETENTION_DAYS", "1096"))
# The basis recorded when a partner comes to see our contacts.
EIGYO_PROVISION_BASIS = os.environ.get("EIGYO_PROVISION_BASIS", "本人の同意 (consent)")
# Days an uploaded list's file is kept once its import is committed or abandoned (a
# preview left alone that long counts as abandoned): `eigyo forget_uploads` deletes it.
EIGYO_KEEP_UPLOAD_DAYS = int(os.environ.get("EIGYO_KEEP_UPLOAD_DAYS", "3"))
