"""Settings, read from environment variables with safe local defaults.

Locally nothing needs setting: SQLite under var/, debug off unless DEBUG=1. In production set
at least SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL (see docs/operations.md).
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("AMPLIFY_VAR_DIR", BASE_DIR / "var"))


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def envlist(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = envbool("DEBUG", False)
# A public key, for DEBUG=1 on a developer's machine only. There is no way to use it with
# DEBUG off, and `check --deploy` fails if it is ever the key (amplify.home.checks).
DEVELOPMENT_SECRET_KEY = "insecure-local-development-key-do-not-use-in-production"
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("Set SECRET_KEY (or DEBUG=1 for local development).")
    SECRET_KEY = DEVELOPMENT_SECRET_KEY

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")
SITE_ROOT = os.environ.get("SITE_ROOT", "http://localhost:8000").rstrip("/")
SITE_NAME = os.environ.get("SITE_NAME", "Amplify")
SITE_ID = 1

INSTALLED_APPS = [
    # The admin, its site giving every change and delete page optimistic concurrency.
    "amplify.home.adminsite.AmplifyAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.humanize",
    "django.forms",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "django_htmx",
    "csp",
    "template_partials",
    "simple_history",
    "rules.apps.AutodiscoverRulesConfig",
    "django_tasks",
    "django_tasks_db",
    "ninja",
    "amplify.accounts",
    "amplify.people",
    "amplify.diversity",
    "amplify.programmes",
    "amplify.events",
    "amplify.applications",
    "amplify.matching",
    "amplify.privacy",
    "amplify.home",
    "amplify.demo",
    "amplify.operations",
    "amplify.safeguarding",
    "amplify.outcomes",
    "amplify.volunteering",
    "amplify.training",
    "amplify.mentoring",
    "amplify.meetings",
    "amplify.nominations",
    "amplify.coaching",
    "amplify.experiments",
    "amplify.showcase",
    "amplify.talentbook",
    "amplify.surveys",
    "amplify.impact",
    "amplify.giving",
    "amplify.benefits",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files straight from the application server (gunicorn), compressed, with long
    # cache headers: no separate web server is needed for them.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "amplify.home.middleware.ContentSecurityPolicyMiddleware",
    "amplify.home.middleware.PermissionsPolicyMiddleware",
    "amplify.home.unavailable.DatabaseBusyMiddleware",
    "amplify.home.control_characters.QueryStringMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language of the browser (Accept-Language) or of the switcher's cookie; a signed-in
    # person's own choice and time zone then win (amplify.home.locale, after authentication).
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "amplify.home.locale.PersonLocaleMiddleware",
    "amplify.accounts.sessions.IdleTimeoutMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "amplify.accounts.middleware.StaffMfaMiddleware",
]

ROOT_URLCONF = "amplify.urls"
FORM_RENDERER = "amplify.home.forms.FormRenderer"
WSGI_APPLICATION = "amplify.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "amplify" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "builtins": [
                "template_partials.templatetags.partials",
                "amplify.home.templatetags.ui",
            ],
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "amplify.home.context_processors.navigation",
            ],
        },
    },
]

# SQLite under var/ unless DATABASE_URL says otherwise. WAL lets pages read while the worker
# writes; IMMEDIATE transactions take the write lock up front, and a writer waits at most the
# busy timeout (seconds) for another one before the request answers 503 "busy, try again"
# (amplify.home.unavailable) instead of hanging.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'amplify.sqlite3'}"),
        conn_max_age=envint("DB_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": envint("SQLITE_BUSY_TIMEOUT", 5),
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    # Loads model permissions in one query, for ModelBackend to answer from (not two).
    "amplify.accounts.backends.ModelPermissionsInOneQuery",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
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
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home:index"

# Accounts (django-allauth): email login, no public sign-up (people are imported or
# invited), rate-limited logins, TOTP MFA that staff roles must set up.
ACCOUNT_ADAPTER = "amplify.accounts.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_RATE_LIMITS = {
    "login_failed": os.environ.get("LOGIN_RATE_LIMIT", "10/m/ip,5/300s/key"),
    "login": "30/m/ip",
    "reset_password": "20/m/ip,5/m/key",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = SITE_NAME
# Only honoured when DEBUG is on (allauth refuses it otherwise): the demo uses it so that
# visitors can pass the staff MFA step without an authenticator app.
MFA_TOTP_INSECURE_BYPASS_CODE = os.environ.get("AMPLIFY_DEMO_MFA_CODE") or None
AMPLIFY_STAFF_MFA_REQUIRED = envbool("AMPLIFY_STAFF_MFA_REQUIRED", True)
SOCIALACCOUNT_ADAPTER = "amplify.accounts.adapters.SocialAccountAdapter"
SOCIALACCOUNT_EMAIL_AUTHENTICATION = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True
SOCIALACCOUNT_PROVIDERS: dict = {}
if os.environ.get("OIDC_SERVER_URL"):
    SOCIALACCOUNT_PROVIDERS["openid_connect"] = {
        "APPS": [
            {
                "provider_id": os.environ.get("OIDC_PROVIDER_ID", "sso"),
                "name": os.environ.get("OIDC_PROVIDER_NAME", "Company SSO"),
                "client_id": os.environ["OIDC_CLIENT_ID"],
                "secret": os.environ.get("OIDC_CLIENT_SECRET", ""),
                "settings": {"server_url": os.environ["OIDC_SERVER_URL"]},
            }
        ]
    }

# Idle timeout: the session ends after this many idle seconds. Activity renews it at most once
# a minute and automatic polling does not count (amplify.accounts.sessions), so a request does
# not have to write the session.
SESSION_COOKIE_AGE = envint("SESSION_IDLE_TIMEOUT", 30 * 60)
SESSION_SAVE_EVERY_REQUEST = False
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

SECURE_SSL = envbool("SECURE_SSL", not DEBUG)
SESSION_COOKIE_SECURE = SECURE_SSL
CSRF_COOKIE_SECURE = SECURE_SSL
SECURE_SSL_REDIRECT = SECURE_SSL and envbool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 31536000 if SECURE_SSL else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = SECURE_HSTS_SECONDS > 0
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if envbool("BEHIND_PROXY", False) else None
)
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp): scripts, styles and everything else only from this
# site; no inline script, eval or event handler anywhere (templates use amplify/app.js and
# data- attributes; htmx is configured in base.html not to inject styles or eval). No inline
# style either, neither <style> nor style="…" (bars are <progress>/<meter>, a one-off look is a
# class in app.css), so injected markup cannot restyle a page to mislead or leak through CSS.
# The TOTP QR code is a data: image.
_OIDC_ORIGIN = "/".join(os.environ.get("OIDC_SERVER_URL", "").split("/")[:3])
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["'none'"],
        "frame-ancestors": ["'none'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        # Signing in with SSO posts a form that redirects to the identity provider.
        "form-action": ["'self'", *([_OIDC_ORIGIN] if _OIDC_ORIGIN else [])],
    }
}
# Under /admin/ only (amplify.home.middleware.ContentSecurityPolicyMiddleware): Django's admin
# and django-simple-history's history pages write inline styles of their own (a `<style>`
# block on a list without actions, `style="border-top: 0"` on every history page). Allowing
# them there beats copying those third-party templates; scripts stay 'self' only.
ADMIN_CONTENT_SECURITY_POLICY_STYLES = ["'self'", "'unsafe-inline'"]
# Permissions-Policy (amplify.home.middleware): no page needs a device or sensor.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if os.environ.get("EMAIL_HOST")
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 587)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Amplify <amplify@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# The interface ships in English, Spanish and Japanese (amplify/locale, compiled by
# `compilemessages` in the Makefile's install step). English is British English: Accept-Language
# en-US and other English variants fall back to it. A person's choice is stored on her profile
# (Person.interface_language); the switcher on every page sets it.
LANGUAGE_CODE = "en-gb"
LANGUAGES = [("en-gb", "English"), ("es", "Español"), ("ja", "日本語")]
LOCALE_PATHS = [BASE_DIR / "amplify" / "locale"]
# Dates in each language's own order (amplify/formats); templates name the format.
FORMAT_MODULE_PATH = ["amplify.formats"]
LANGUAGE_COOKIE_NAME = "amplify_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = SECURE_SSL
# The site's zone; a person's own time zone (Person.time_zone) is activated per request.
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "amplify" / "static"]
# Production runs `manage.py collectstatic` once per release (docs/operations.md); whitenoise
# then serves STATIC_ROOT with gzip/brotli copies made at collect time.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = DEBUG
MEDIA_ROOT = VAR_DIR / "media"

# An uploaded people file is read into memory once; 100,000 rows of CSV are ~15 MB.
DATA_UPLOAD_MAX_MEMORY_SIZE = envint("DATA_UPLOAD_MAX_MEMORY_SIZE", 64 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = DATA_UPLOAD_MAX_MEMORY_SIZE
AMPLIFY_IMPORT_MAX_BYTES = envint("AMPLIFY_IMPORT_MAX_BYTES", 64 * 1024 * 1024)
# The most data rows one people file may hold (CSV or XLSX); larger files are split.
AMPLIFY_IMPORT_MAX_ROWS = envint("AMPLIFY_IMPORT_MAX_ROWS", 200_000)
# The largest document or image a person may upload (outcome evidence, showcase material).
AMPLIFY_UPLOAD_MAX_BYTES = envint("AMPLIFY_UPLOAD_MAX_BYTES", 10 * 1024 * 1024)

TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

# Background jobs, periodic work and retention (docs/operations.md, "Jobs" and "Retention").
# A job whose worker has not beaten for AMPLIFY_JOB_STALE_AFTER seconds is marked failed.
AMPLIFY_JOB_STALE_AFTER = envint("AMPLIFY_JOB_STALE_AFTER", 300)
AMPLIFY_JOB_HEARTBEAT_EVERY = envint("AMPLIFY_JOB_HEARTBEAT_EVERY", 30)
# The matching engine's pair buffers (its proof scores pairs in blocks of about this size).
AMPLIFY_MATCHING_PAIR_BUFFER_BYTES = envint("AMPLIFY_MATCHING_PAIR_BUFFER_BYTES", 1 << 30)
AMPLIFY_PERIODIC_EVERY = envint("AMPLIFY_PERIODIC_EVERY", 60)
AMPLIFY_PERIODIC_LEASE = envint("AMPLIFY_PERIODIC_LEASE", 600)
# Days evidence is kept; 0 keeps it forever.
AMPLIFY_RETAIN_IMPORT_FILES_DAYS = envint("AMPLIFY_RETAIN_IMPORT_FILES_DAYS", 30)
AMPLIFY_RETAIN_RUN_INPUTS_DAYS = envint("AMPLIFY_RETAIN_RUN_INPUTS_DAYS", 90)
AMPLIFY_RETAIN_TASK_RESULTS_DAYS = envint("AMPLIFY_RETAIN_TASK_RESULTS_DAYS", 30)
# How long an emailed link to resume an application works.
AMPLIFY_APPLICATION_LINK_DAYS = envint("AMPLIFY_APPLICATION_LINK_DAYS", 14)
# How many application forms one address may send an hour (the public pages).
AMPLIFY_APPLICATION_POSTS_PER_HOUR = envint("AMPLIFY_APPLICATION_POSTS_PER_HOUR", 30)

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["REDIS_URL"],
    }
    if os.environ.get("REDIS_URL")
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}

API_TOKEN_DEFAULT_DAYS = envint("API_TOKEN_DEFAULT_DAYS", 90)
API_TOKEN_MAX_AGE = timedelta(days=envint("API_TOKEN_MAX_DAYS", 365))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}
