"""Settings for the portal, read from the environment (twelve-factor).

DJANGO_ENV chooses the profile: "development" (the default, what `make run` uses), "test", or
"production". Production refuses to start without ALLOWED_HOSTS or a strong SECRET_KEY and turns on
every transport-security setting that `manage.py check --deploy` looks for.
"""

import sys
from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.checks.security.base import (
    SECRET_KEY_INSECURE_PREFIX,
    SECRET_KEY_MIN_LENGTH,
    SECRET_KEY_MIN_UNIQUE_CHARACTERS,
)
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()


def env_bool(name: str, default: bool) -> bool:
    """A boolean from the environment; anything but a clear yes or no is a configuration error."""
    raw = env.str(name, default="")
    if raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}")


DJANGO_ENV = env.str("DJANGO_ENV", default="development")
if DJANGO_ENV not in {"development", "test", "production"}:
    raise ImproperlyConfigured("DJANGO_ENV must be development, test or production")
PRODUCTION = DJANGO_ENV == "production"

if PRODUCTION:
    SECRET_KEY = env.str("SECRET_KEY", default="")
    if not SECRET_KEY:
        raise ImproperlyConfigured("SECRET_KEY must be set in production")
    # Django's own rule for a key that can be guessed (check --deploy's W009), refused here
    # since a warning nobody reads protects no session or signed link.
    if (
        len(SECRET_KEY) < SECRET_KEY_MIN_LENGTH
        or len(set(SECRET_KEY)) < SECRET_KEY_MIN_UNIQUE_CHARACTERS
        or SECRET_KEY.startswith(SECRET_KEY_INSECURE_PREFIX)
    ):
        raise ImproperlyConfigured(
            f"SECRET_KEY must be at least {SECRET_KEY_MIN_LENGTH} characters long, with at least "
            f"{SECRET_KEY_MIN_UNIQUE_CHARACTERS} different ones, and not start with "
            f"{SECRET_KEY_INSECURE_PREFIX!r}: make one with "
            'python -c "import secrets; print(secrets.token_urlsafe(50))"'
        )
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("ALLOWED_HOSTS must be set in production")
else:
    SECRET_KEY = env.str("SECRET_KEY", default="insecure-development-key-never-used-in-production")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])

DEBUG = env_bool("DEBUG", default=DJANGO_ENV == "development")
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DEBUG cannot be on in production")

# The portal's own apps, in the order the architecture lets them import each other.
PORTAL_APPS = [
    "actors",
    "networks",
    "focusgroups",
    "prioritization",
    "workshops",
    "initiatives",
    "funding",
    "newsletter",
    "reports",
    "notifications",
    "privacy",
    "api",
    "portal",
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "crispy_forms",
    "crispy_bootstrap5",
    "csp",
    *PORTAL_APPS,
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "cih.middleware.privacy_headers",
    "api.middleware.open_data_api",
    "cih.middleware.reject_null_characters",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "api.middleware.clients_language",
    "actors.languages.offered_languages_only",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "actors.errors.method_not_allowed_page",
    "actors.pagecache.AnonymousPageCacheMiddleware",
]

# Whole pages for anonymous visitors are cached until a write changes what they may show.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", default=True)
# The open-data API keeps whole answers in the same cache itself (api/middleware.py), keyed on
# every query parameter it takes.
PAGE_CACHE_EXCLUDED_PATHS = [
    "/admin/",
    "/en/admin/",
    "/accounts/",
    "/en/accounts/",
    "/i18n/",
    "/api/",
]
# Requests per minute one address may make to the open-data API.
API_REQUESTS_PER_MINUTE = env.int("API_REQUESTS_PER_MINUTE", default=120)
# Writes that no public page shows, so they leave cached pages alone. An event that the public
# may read comes with a write to what it tells of, which clears them.
PAGE_CACHE_IGNORED_MODELS = [
    "actors.OutgoingMail", "actors.Event", "focusgroups.Idea",
    "newsletter.Subscriber", "newsletter.Edition", "newsletter.Delivery",
    "notifications.Notification", "notifications.Preference", "notifications.FanOutCursor",
    "newsletter.Follower", "newsletter.FollowDelivery", "newsletter.FollowCursor",
]  # fmt: skip

ROOT_URLCONF = "cih.urls"
WSGI_APPLICATION = "cih.wsgi.application"

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
                "portal.context_processors.portal",
            ],
        },
    },
]

# Databases: SQLite is only the embedded default of `make run`; production and the test suite
# use PostgreSQL. Persistent connections with health checks save a connect per request.
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite cannot enforce "one value per period" for rows without a target group; PostgreSQL does.
    SILENCED_SYSTEM_CHECKS = ["models.W047"]
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # `make run` has a worker beside the web server: writers wait for each other, not fail.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # runserver serves each request on a new thread, which would keep its connection open.
    RUNSERVER = sys.argv[1:2] == ["runserver"]
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0 if RUNSERVER else 60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "actors.User"


def cache_from_url(url: str, name: str) -> dict:
    if url.startswith(("redis://", "rediss://")):
        return {
            "BACKEND": "cih.cache.ForgivingRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "cih",
            # A dead Redis must not hold a page up for long.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    if url:
        raise ImproperlyConfigured(f"{name} must be a redis:// or rediss:// address")
    return {"BACKEND": "cih.cache.CountingLocMemCache", "LOCATION": name}


# Rate-limit counters and small shared values; whole pages go to a cache of their own, which may
# evict them as it likes (see docker-compose.yml) without touching the counters.
CACHE_URL = env.str("CACHE_URL", default="")
PAGE_CACHE_URL = env.str("PAGE_CACHE_URL", default=CACHE_URL)
PAGE_CACHE_ALIAS = "pages"
CACHES = {
    "default": cache_from_url(CACHE_URL, "CACHE_URL"),
    PAGE_CACHE_ALIAS: cache_from_url(PAGE_CACHE_URL, "PAGE_CACHE_URL"),
}

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 8},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Accounts: e-mail and password, verified e-mail before the first login.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_ADAPTER = "actors.adapters.AccountAdapter"
LOGIN_REDIRECT_URL = "portal:dashboard"
LOGIN_URL = "account_login"
# Reverse proxies of our own in front of the site (0: none). Rate limits then count the address
# the nearest of them saw, read from the right of X-Forwarded-For, where a client cannot forge it.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "CIH"

LANGUAGE_CODE = "sv"
# Every language the portal has catalogues for; which of them a collaboration offers is its own
# choice (actors.SiteSettings.languages). Easy Swedish (lättläst) is a language of its own, with
# its own catalogue in locale/sv_Plain, as Helsinki's Decidim has `fi-plain` (README, Languages).
LANGUAGES = [
    ("sv", _("Swedish")),
    ("en", _("English")),
    ("so", _("Somali")),
    ("ar", _("Arabic")),
    ("ti", _("Tigrinya")),
    ("sv-plain", _("Easy Swedish")),
]
# A visitor's choice of language (actors/languages.py), kept for a year.
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = PRODUCTION
# Django knows Arabic (right to left) but not Somali, Tigrinya or easy Swedish: each is named in
# itself, in its own script (actors.apps adds them to django.conf.locale.LANG_INFO).
EXTRA_LANG_INFO = {
    "ar": {"bidi": True, "code": "ar", "name": "Arabic", "name_local": "العربية"},
    "so": {"bidi": False, "code": "so", "name": "Somali", "name_local": "Soomaali"},
    "ti": {"bidi": False, "code": "ti", "name": "Tigrinya", "name_local": "ትግርኛ"},
    "sv-plain": {
        "bidi": False,
        "code": "sv-plain",
        "name": "Easy Swedish",
        "name_local": "Lättläst svenska",
    },
}
# locale/allauth words django-allauth's own strings the portal's way (see the file's header).
LOCALE_PATHS = [BASE_DIR / app / "locale" for app in PORTAL_APPS] + [
    BASE_DIR / "locale",
    BASE_DIR / "locale" / "allauth",
]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
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
# Uploads larger than this are refused before they reach a form.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

FORMS_URLFIELD_ASSUME_HTTPS = True

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
# A mail server that stops answering fails a send after this long instead of holding a worker
# until its time limit; the mail is then tried again.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
# The address mails come from; the name shown with it is always the collaboration's own.
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="no-reply@cih.example.org")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Sign-ups one address (IP) may make in an hour; a shared connection (a school) may need more.
NEWSLETTER_SIGNUPS_PER_IP_PER_HOUR = env.int("NEWSLETTER_SIGNUPS_PER_IP_PER_HOUR", default=10)
# The portal's public address: every link in a mail or feed starts with it, whatever host a
# request came in on. Production must name its own, over HTTPS.
SITE_URL = env.str("SITE_URL", default="" if PRODUCTION else "http://127.0.0.1:8000").rstrip("/")
if PRODUCTION and not SITE_URL.startswith("https://"):
    raise ImproperlyConfigured("SITE_URL must be the portal's https:// address in production")

# Celery. In development the broker is a folder on disk (EMBEDDED_BROKER_DIR), and `make run`
# starts a worker with beat beside the web server: long work is queued and shows its progress as
# it does in production, without Redis. With no broker at all (the test profile), tasks run
# in-process. kombu's transports name a host, even one that keeps its messages in a folder; a URL
# without one earns a warning on every connection.
EMBEDDED_BROKER = "filesystem://localhost"
CELERY_BROKER_URL = env.str(
    "CELERY_BROKER_URL", default=EMBEDDED_BROKER if DJANGO_ENV == "development" else ""
)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A message a worker has taken but not acknowledged (it was killed) is handed out again this many
# seconds after it was taken, so a worker that dies mid-job delays it by under a minute. The
# clock runs from the moment a worker takes the message, so everything a task holds its message
# for must end well inside it: the wait for its countdown (a retry) and its run, which the time
# limits below stop. A message held longer would be handed out a second time while the first
# still waits or runs. A job that takes longer (a report) acknowledges its message as it starts.
BROKER_VISIBILITY_TIMEOUT = env.int("BROKER_VISIBILITY_TIMEOUT", default=50)
CELERY_TASK_SOFT_TIME_LIMIT = 25
CELERY_TASK_TIME_LIMIT = 30
# What only a Redis broker understands (the filesystem transport has no visibility timeout, and
# Celery turns prefetching off only on Redis), set for Redis alone: any other broker warns of it.
if CELERY_BROKER_URL.startswith(("redis://", "rediss://")):
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": BROKER_VISIBILITY_TIMEOUT,
        # Look for such messages every 5 seconds; kombu's default looks every 100.
        "unacked_restore_interval": 5,
        "unacked_restore_throttle": 1,
    }
    # A worker takes a message only when it has a process free to run it: a message waiting
    # behind a long job would otherwise outlive the visibility timeout in the worker's hands.
    CELERY_WORKER_DISABLE_PREFETCH = True
if CELERY_BROKER_URL.startswith("filesystem://"):
    EMBEDDED_BROKER_DIR = Path(env.str("EMBEDDED_BROKER_DIR", default=str(BASE_DIR / ".broker")))
    (EMBEDDED_BROKER_DIR / "queue").mkdir(parents=True, exist_ok=True)
    (EMBEDDED_BROKER_DIR / "control").mkdir(exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(EMBEDDED_BROKER_DIR / "queue"),
        "data_folder_out": str(EMBEDDED_BROKER_DIR / "queue"),
        "control_folder": str(EMBEDDED_BROKER_DIR / "control"),
    }
# What a task prints (the console mail backend of development prints every mail) is its output,
# not a warning.
CELERY_WORKER_REDIRECT_STDOUTS_LEVEL = "INFO"
# Seconds between the heartbeats each worker leaves for /healthz (cih/health.py).
WORKER_HEARTBEAT_SECONDS = env.float("WORKER_HEARTBEAT_SECONDS", default=10)
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
# Periodic jobs (celery beat): mails owed while the broker was down, deliveries left behind.
NEWSLETTER_CONFIRMATION_POLL_SECONDS = 5
CELERY_BEAT_SCHEDULE = {
    # Mails owed while the mail server or the broker was down.
    "mail-sweep": {"task": "actors.tasks.sweep_mail", "schedule": 60.0},
    "newsletter-sweep": {"task": "newsletter.tasks.sweep", "schedule": 60.0},
    # Reports asked for while the broker was down.
    "reports-owed": {"task": "reports.tasks.queue_owed", "schedule": 60.0},
    # Events told to the people they concern, should a run after an event's commit be missed.
    "notifications-fan-out": {"task": "notifications.tasks.fan_out", "schedule": 60.0},
    # Reminders of what is due or overdue, before the morning's digests take the daily ones.
    "notifications-reminders": {
        "task": "notifications.tasks.reminders",
        "schedule": crontab(hour=6, minute=30),
    },
    # Digests in the morning, Stockholm time (CELERY_TIMEZONE); each once a day or week per person.
    "notifications-daily": {
        "task": "notifications.tasks.daily_digests",
        "schedule": crontab(hour=7, minute=0),
    },
    "notifications-weekly": {
        "task": "notifications.tasks.weekly_digests",
        "schedule": crontab(hour=7, minute=0, day_of_week="mon"),
    },
    # Followers of an initiative or a need told of its public events.
    "newsletter-followers": {"task": "newsletter.tasks.tell_followers", "schedule": 60.0},
    # Personal data past its keeping time deleted each night, Stockholm time (privacy notice).
    "privacy-retention": {
        "task": "privacy.tasks.apply_retention",
        "schedule": crontab(hour=3, minute=15),
    },
    # Sign-ups publish nothing; this sends their confirmation mails within seconds.
    "newsletter-confirmations": {
        "task": "newsletter.tasks.send_owed_confirmations",
        "schedule": float(NEWSLETTER_CONFIRMATION_POLL_SECONDS),
    },
}

# Content-Security-Policy: no inline script anywhere; styles only from our own files.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Nothing on the portal needs a camera, a microphone, a location or a payment.
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)
CSRF_FAILURE_VIEW = "actors.errors.csrf_failure"
SESSION_COOKIE_HTTPONLY = True

if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = 31_536_000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # The __Host- prefix pins the cookies to this host, over HTTPS, for the whole path.
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # A worker's printed output (CELERY_WORKER_REDIRECT_STDOUTS_LEVEL) shows whatever level the
    # worker logs at: `make run` logs warnings only, and prints its mails all the same.
    "loggers": {"celery.redirected": {"level": "INFO"}},
}
