"""Vitrine settings: everything an operator may change comes from the environment.

Each variable is listed in `.env.example`. Defaults suit a developer's machine (SQLite in the
project, DEBUG on); with DEBUG off a missing SECRET_KEY is an error, never a silent fallback.
"""

import os
import re
from datetime import timedelta
from importlib.util import find_spec
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {value!r}.")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, not {value!r}.") from None


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)

_DEV_SECRET_KEY = "django-insecure-vitrine-development-key-never-use-in-production"  # noqa: S105 (used only while DEBUG is on)
SECRET_KEY = env_str("SECRET_KEY") or (_DEV_SECRET_KEY if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_filters",
    "simple_history",
    "adminsortable2",
    "import_export",
    "django_tasks_db",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",  # login throttling (AXES_* below)
    # Vitrine's apps, bottom layer first (docs/architecture.md): each imports only those above
    # it in this list. transfer comes after the apps whose admin lists it equips.
    "archive",
    "search",
    "exhibits",
    "public",
    "api",
    "transfer",
]

# Development tools (synthetic archives, benchmark commands): installed while DEBUG is on, or
# with VITRINE_BENCHMARKS=1; production settings need not carry them.
if env_bool("VITRINE_BENCHMARKS", DEBUG):
    INSTALLED_APPS.append("benchmarks")

MIDDLEWARE = [
    # First: every answer carries X-Request-ID, every log line its request's id (config/logs.py).
    "config.logs.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # ETag on every successful answer that has none; a match of If-None-Match or
    # If-Modified-Since gets 304 (public/page_cache.py).
    "public.page_cache.ConditionalGetMiddleware",
    # While the database is unreachable: 503 with Retry-After instead of 500 (config/outage.py).
    "config.outage.DatabaseUnavailableMiddleware",
    # Content-Security-Policy on every answer (SECURE_CSP below); the admin's own policy is set
    # by config.csp.AdminContentSecurityPolicyMiddleware, which must come after this one.
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Whole pages for anonymous visitors, before the session is read (public/page_cache.py).
    "public.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "config.csp.AdminContentSecurityPolicyMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # django-axes: turns a locked-out login into its 429 page; last, as axes documents.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

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
                "django.template.context_processors.csp",  # csp_nonce, {% csp_nonce_attr %}
            ],
        },
    },
]

# DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/vitrine; the default is a SQLite file.
# Connections are kept for a minute and checked before reuse: opening one for every request costs
# each page a PostgreSQL connect (several ms here). The development server closes its own anyway.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and one writer work at once; a busy timeout waits instead of failing.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
    # The search index's covering index (search.entry) keeps its key columns on SQLite,
    # which has no INCLUDE; the warning says just that.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]
# DATABASE_REPLICA_URL: a PostgreSQL streaming replica of DATABASE_URL's database. Anonymous GETs
# read it whenever it has replayed all the primary had written (config/replica.py: the router,
# and the middleware that marks those requests); everything else uses the primary. Unset: no
# replica, no router.
DATABASE_REPLICA_URL = env_str("DATABASE_REPLICA_URL")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL,
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
    if any(
        DATABASES[alias]["ENGINE"] != "django.db.backends.postgresql"
        for alias in ("default", "replica")
    ):
        raise ImproperlyConfigured(
            "DATABASE_REPLICA_URL needs PostgreSQL: both it and DATABASE_URL must be postgres:// "
            "URLs (SQLite has no replicas)."
        )
    # A replica that does not answer costs a request at most this long (then the primary serves).
    DATABASES["replica"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 2)
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}  # tests: the same database
    DATABASE_ROUTERS = ["config.replica.ReplicaRouter"]
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
        "config.replica.ReplicaMiddleware",
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Login throttling (django-axes). After VITRINE_LOGIN_FAILURE_LIMIT failed logins to one account
# from one address, that account is locked for that address only (another address, or another
# account from it, may still log in): the admin's login answers 429 with a page saying when to try
# again (archive/admin/lockout.py). The lock lifts VITRINE_LOGIN_COOLOFF_MINUTES after the last
# failed try (0: only when cleared), or when a Curator deletes the access attempt in the admin
# (Axes › Access attempts). A successful login forgets the account's failures from that address.
# The backend goes first: it refuses a locked-out login before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = env_int("VITRINE_LOGIN_FAILURE_LIMIT", 5)
_LOGIN_COOLOFF_MINUTES = env_int("VITRINE_LOGIN_COOLOFF_MINUTES", 15)
if AXES_FAILURE_LIMIT < 1:
    raise ImproperlyConfigured("VITRINE_LOGIN_FAILURE_LIMIT must be at least 1.")
if _LOGIN_COOLOFF_MINUTES < 0:
    raise ImproperlyConfigured("VITRINE_LOGIN_COOLOFF_MINUTES must be at least 0.")
AXES_COOLOFF_TIME = timedelta(minutes=_LOGIN_COOLOFF_MINUTES) if _LOGIN_COOLOFF_MINUTES else None
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "archive.admin.lockout.lockout_response"
AXES_VERBOSE = False  # no banner on every start; failures and lock-outs are still logged
# Behind a trusted proxy (BEHIND_PROXY=1, DEBUG off) every request comes from the proxy's address:
# count by the address the proxy appended to X-Forwarded-For instead, as the JSON API's throttle
# does; a client's own X-Forwarded-For entries are never believed.
if not DEBUG and env_bool("BEHIND_PROXY", False):
    AXES_CLIENT_IP_CALLABLE = "archive.admin.lockout.forwarded_client_address"

LANGUAGE_CODE = "en"
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]

# Media is never served from a public path: views check visibility, then stream from storage.
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or BASE_DIR / "media")
MEDIA_URL = "/media-private/"
# VITRINE_MEDIA_ACCEL_REDIRECT: behind nginx (deploy/nginx/vitrine.conf), the prefix of its
# `internal` location that maps to MEDIA_ROOT, e.g. /_media/. The visibility-checked media views
# (public.files) then answer with an X-Accel-Redirect to the file and nginx sends its bytes; empty
# (the default), or media on S3: Python streams them. Requests must then come through nginx.
VITRINE_MEDIA_ACCEL_REDIRECT = env_str("VITRINE_MEDIA_ACCEL_REDIRECT")
if VITRINE_MEDIA_ACCEL_REDIRECT and not (
    VITRINE_MEDIA_ACCEL_REDIRECT.startswith("/") and VITRINE_MEDIA_ACCEL_REDIRECT.endswith("/")
):
    raise ImproperlyConfigured("VITRINE_MEDIA_ACCEL_REDIRECT must start and end with /.")


def media_storage() -> dict:
    """The media storage from VITRINE_STORAGE: `local` (MEDIA_ROOT, the default) or `s3` (any
    S3-compatible service; objects private, URLs signed — though the site never hands any out:
    every image is streamed through the visibility-checked view)."""
    kind = env_str("VITRINE_STORAGE", "local")
    if kind == "local":
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    if kind != "s3":
        raise ImproperlyConfigured(f"VITRINE_STORAGE must be local or s3, not {kind!r}.")
    bucket = env_str("AWS_STORAGE_BUCKET_NAME")
    if not bucket:
        raise ImproperlyConfigured("AWS_STORAGE_BUCKET_NAME must be set when VITRINE_STORAGE=s3.")
    # boto3 and django-storages are the optional `s3` extra: local disk needs neither.
    missing = [name for name in ("boto3", "storages") if find_spec(name) is None]
    if missing:
        raise ImproperlyConfigured(
            f"VITRINE_STORAGE=s3 needs {' and '.join(missing)}, which this installation lacks: "
            'install Vitrine with its s3 extra (pip install ".[s3]").'
        )
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": env_str("AWS_S3_ENDPOINT_URL") or None,
            "region_name": env_str("AWS_S3_REGION_NAME") or None,
            # None: boto3's own chain (instance role, ~/.aws) when the variables are unset.
            "access_key": env_str("AWS_ACCESS_KEY_ID") or None,
            "secret_key": env_str("AWS_SECRET_ACCESS_KEY") or None,
            "location": env_str("AWS_LOCATION"),
            # "path" for servers without bucket subdomains (MinIO, Ceph); empty: boto3 decides.
            "addressing_style": env_str("AWS_S3_ADDRESSING_STYLE") or None,
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": 300,
            # Two uploads named alike must never overwrite each other's original.
            "file_overwrite": False,
        },
    }


STORAGES = {
    "default": media_storage(),
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Uploads: larger request bodies go to a temporary file, not memory.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 10 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Vitrine's own settings.
VITRINE_SITE_NAME = env_str("VITRINE_SITE_NAME", "Vitrine")
VITRINE_IMAGE_MAX_BYTES = env_int("VITRINE_IMAGE_MAX_BYTES", 50 * 1024 * 1024)
VITRINE_IMAGE_MAX_PIXELS = env_int("VITRINE_IMAGE_MAX_PIXELS", 100_000_000)

# Maps (docs/maps.md): Leaflet, served from static/vendor/leaflet, draws the tiles of
# VITRINE_MAP_TILES (a Leaflet URL template; {s} is a subdomain) under the attribution
# VITRINE_MAP_ATTRIBUTION (HTML, shown on every map). The Content-Security-Policy's img-src admits
# the tile server, derived from the template (SECURE_CSP below).
VITRINE_MAP_TILES = env_str("VITRINE_MAP_TILES", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
VITRINE_MAP_ATTRIBUTION = env_str(
    "VITRINE_MAP_ATTRIBUTION",
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
)


def map_tile_sources(template: str) -> list[str]:
    """The img-src sources that admit the tiles of a tile URL template: its scheme, host and
    port, with Leaflet's {s} subdomain as a wildcard; none for tiles served by the site itself
    (a template that is a path)."""
    if template.startswith("/") and not template.startswith("//"):
        return []
    scheme, _, rest = template.partition("://")
    host = rest.split("/", 1)[0]
    if host.startswith("{s}."):
        host = "*" + host.removeprefix("{s}")
    if scheme not in {"http", "https"} or not re.fullmatch(r"(\*\.)?[\w.-]+(:\d+)?", host):
        raise ImproperlyConfigured(
            "VITRINE_MAP_TILES must be an http(s) URL template such as "
            f"https://tile.openstreetmap.org/{{z}}/{{x}}/{{y}}.png, or a path; not {template!r}."
        )
    return [f"{scheme}://{host}"]


# OAI-PMH (public/oai, /oai/). The repository identifier is part of every OAI identifier that
# harvesters keep: set it once to a domain name of the archive and never change it.
OAI_REPOSITORY_IDENTIFIER = env_str("OAI_REPOSITORY_IDENTIFIER", "vitrine.local")
OAI_ADMIN_EMAILS = env_list("OAI_ADMIN_EMAILS", [f"archive@{OAI_REPOSITORY_IDENTIFIER}"])
OAI_PAGE_SIZE = env_int("OAI_PAGE_SIZE", 100)
OAI_TOKEN_LIFETIME = env_int("OAI_TOKEN_LIFETIME", 24 * 60 * 60)  # seconds
if OAI_PAGE_SIZE < 1 or OAI_TOKEN_LIFETIME < 1:
    raise ImproperlyConfigured("OAI_PAGE_SIZE and OAI_TOKEN_LIFETIME must be at least 1.")
# IIIF Image API (public.iiif): the largest image one request may ask for, the tile size the
# viewers are told about, and the cache that keeps generated tiles and derivatives.
IIIF_MAX_WIDTH = env_int("IIIF_MAX_WIDTH", 4000)
IIIF_MAX_HEIGHT = env_int("IIIF_MAX_HEIGHT", 4000)
IIIF_MAX_AREA = env_int("IIIF_MAX_AREA", 12_000_000)
IIIF_TILE_SIZE = env_int("IIIF_TILE_SIZE", 512)
IIIF_CACHE_TIMEOUT = env_int("IIIF_CACHE_TIMEOUT", 60 * 60 * 24 * 30)
# Bounded image work (public/iiif/throttle.py, docs/photographs-and-iiif.md): `^` enlarges an
# image to IIIF_MAX_UPSCALE times its own width and height at most (each image's maxWidth and
# maxHeight in its info.json); at most IIIF_RENDER_SLOTS images are drawn at once on this machine
# (0: no cap; lock files in IIIF_RENDER_LOCK_DIR, under the project unless absolute), a request
# waiting IIIF_RENDER_WAIT_MS at most for a slot (then 503); a client that is not staff may have
# IIIF_RATE_LIMIT_RENDERS images drawn per IIIF_RATE_LIMIT_PERIOD seconds (then 429; 0: no
# limit). Cached images and the tiles made at ingest count for neither.
IIIF_MAX_UPSCALE = env_int("IIIF_MAX_UPSCALE", 2)
IIIF_RENDER_SLOTS = env_int("IIIF_RENDER_SLOTS", 1)
IIIF_RENDER_WAIT_MS = env_int("IIIF_RENDER_WAIT_MS", 250)
IIIF_RENDER_LOCK_DIR = BASE_DIR / (env_str("IIIF_RENDER_LOCK_DIR") or "var/iiif-render")
IIIF_RATE_LIMIT_RENDERS = env_int("IIIF_RATE_LIMIT_RENDERS", 60)
IIIF_RATE_LIMIT_PERIOD = env_int("IIIF_RATE_LIMIT_PERIOD", 60)
if IIIF_MAX_UPSCALE < 1 or IIIF_RATE_LIMIT_PERIOD < 1:
    raise ImproperlyConfigured("IIIF_MAX_UPSCALE and IIIF_RATE_LIMIT_PERIOD must be at least 1.")
if min(IIIF_RENDER_SLOTS, IIIF_RENDER_WAIT_MS, IIIF_RATE_LIMIT_RENDERS) < 0:
    raise ImproperlyConfigured(
        "IIIF_RENDER_SLOTS, IIIF_RENDER_WAIT_MS and IIIF_RATE_LIMIT_RENDERS must not be negative."
    )

# Caches (docs/deployment.md#caches). Each process keeps its own in memory, unless CACHE_URL (or
# REDIS_URL) names a Redis server, e.g. redis://127.0.0.1:6379/0: then every cache below lives
# there, shared by every process of every app server, each under its own key prefix
# (CACHE_KEY_PREFIX:<alias>:). config.cache.RedisCache is Django's Redis cache that carries on
# without a cache, and logs it, while Redis is unreachable.
CACHE_URL = env_str("CACHE_URL") or env_str("REDIS_URL")
CACHE_KEY_PREFIX = env_str("CACHE_KEY_PREFIX", "vitrine")
if CACHE_URL and not CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    raise ImproperlyConfigured(
        "CACHE_URL (or REDIS_URL) must be a redis://, rediss:// or unix:// URL, "
        "e.g. redis://127.0.0.1:6379/0."
    )


def cache(alias: str, *, timeout: int = 300, max_entries: int = 300) -> dict:
    """One cache of CACHES: in the Redis of CACHE_URL when it is set, else in local memory
    (at most `max_entries` entries per process)."""
    if CACHE_URL:
        return {
            "BACKEND": "config.cache.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": f"{CACHE_KEY_PREFIX}:{alias}",
            "TIMEOUT": timeout,
        }
    return {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": f"vitrine-{alias}",
        "TIMEOUT": timeout,
        "OPTIONS": {"MAX_ENTRIES": max_entries},
    }


# VITRINE_PAGE_CACHE=0 turns off the cache of whole public pages (public/page_cache.py).
VITRINE_PAGE_CACHE = env_bool("VITRINE_PAGE_CACHE", True)
CACHES = {
    # Search answers (search/cache.py) and formatted citations (public/cite).
    "default": cache("default"),
    # Whole public pages for anonymous visitors (public/page_cache.py).
    "pages": cache(
        "pages", timeout=60 * 60, max_entries=env_int("VITRINE_PAGE_CACHE_MAX_ENTRIES", 2000)
    ),
    # Generated IIIF images. IIIF_CACHE_BACKEND (and IIIF_CACHE_LOCATION) give them a cache of
    # their own instead, e.g. django.core.cache.backends.filebased.FileBasedCache.
    "iiif": (
        {
            "BACKEND": env_str("IIIF_CACHE_BACKEND"),
            "LOCATION": env_str("IIIF_CACHE_LOCATION", "vitrine-iiif"),
            "TIMEOUT": IIIF_CACHE_TIMEOUT,
            "OPTIONS": {"MAX_ENTRIES": env_int("IIIF_CACHE_MAX_ENTRIES", 2000)},
        }
        if env_str("IIIF_CACHE_BACKEND")
        else cache(
            "iiif",
            timeout=IIIF_CACHE_TIMEOUT,
            max_entries=env_int("IIIF_CACHE_MAX_ENTRIES", 2000),
        )
    ),
}
# Background work (django.tasks): curator imports of more than VITRINE_IMPORT_BACKGROUND_ROWS rows
# run in a worker (`manage.py run_worker`, started by `make run`), which reads its queue from the
# database (django-tasks-db). VITRINE_TASKS_BACKEND=django.tasks.backends.immediate.ImmediateBackend
# runs them in the request instead.
TASKS = {
    "default": {"BACKEND": env_str("VITRINE_TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}
}
VITRINE_IMPORT_BACKGROUND_ROWS = env_int("VITRINE_IMPORT_BACKGROUND_ROWS", 200)
# The worker (`manage.py run_worker`, transfer/workers.py) writes a heartbeat every
# VITRINE_WORKER_HEARTBEAT seconds; one not seen for VITRINE_WORKER_STALE_AFTER seconds is gone:
# the admin then warns that imports are waiting, and the tasks it was running are marked failed.
VITRINE_WORKER_HEARTBEAT = env_int("VITRINE_WORKER_HEARTBEAT", 5)
VITRINE_WORKER_STALE_AFTER = env_int("VITRINE_WORKER_STALE_AFTER", 30)
if not 0 < VITRINE_WORKER_HEARTBEAT < VITRINE_WORKER_STALE_AFTER:
    raise ImproperlyConfigured(
        "VITRINE_WORKER_HEARTBEAT must be at least 1 and less than VITRINE_WORKER_STALE_AFTER."
    )

# Security: strict by default once DEBUG is off (manage.py check --deploy is clean).
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Content-Security-Policy (docs/deployment.md): no inline script or style on the public site. The
# nonce appears in the header only on answers whose template asked for one (Django's admin, the
# CSRF failure page); public pages ask for none. The admin's looser policy: config/csp.py.
# OpenSeadragon (static/vendor) adds one <style> when a deep-zoom viewer opens, allowed by its hash.
_OPENSEADRAGON_STYLE_HASH = "'sha256-9xTiqzfwFaL2SGb1rmr8gysEwVVjIvqWAgmZgqFqpEE='"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE, _OPENSEADRAGON_STYLE_HASH],
    "img-src": [CSP.SELF, *map_tile_sources(VITRINE_MAP_TILES)],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers probe over plain HTTP
    # Trust X-Forwarded-Proto only behind a proxy that sets it (and strips it from clients).
    if env_bool("BEHIND_PROXY", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)

# Logs go to stderr. LOG_FORMAT=json writes each line as one JSON object (config/logs.py): time,
# level, logger, message, the request's id, and for the line written per request its method,
# path, status and duration; that line takes the place of the server's access log (runserver's,
# gunicorn's), which is then silenced so that each request is logged once and every line is JSON.
LOG_FORMAT = env_str("LOG_FORMAT", "plain")
if LOG_FORMAT not in {"plain", "json"}:
    raise ImproperlyConfigured(f"LOG_FORMAT must be plain or json, not {LOG_FORMAT!r}.")
_JSON_LOGS = LOG_FORMAT == "json"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"outage": {"()": "config.outage.SkipOutageTracebacks"}},
    "formatters": {"json": {"()": "config.logs.JsonFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            **({"formatter": "json"} if _JSON_LOGS else {}),
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        # A database outage is logged once, at WARNING, by config.outage; not as a 500 traceback.
        "django.request": {"filters": ["outage"]},
        # The line per request (config.logs.RequestIdMiddleware): JSON logs only.
        "vitrine.requests": {"level": "INFO" if _JSON_LOGS else "WARNING"},
        **(
            {
                # Through the JSON handler of the root alone (Django's own console handler
                # writes plain text while DEBUG is on); the servers' access logs silenced.
                "django": {"handlers": [], "level": "INFO"},
                "django.server": {"handlers": [], "level": "WARNING", "propagate": True},
                "gunicorn.access": {"handlers": [], "level": "CRITICAL", "propagate": False},
            }
            if _JSON_LOGS
            else {}
        ),
    },
}
# Long commands (rebuild_search_index, import_archive, export_archive, …) draw a progress bar on
# a terminal; elsewhere (a log file, a pipe) they print a progress line every this many seconds.
VITRINE_PROGRESS_INTERVAL = env_int("VITRINE_PROGRESS_INTERVAL", 5)
if VITRINE_PROGRESS_INTERVAL < 0:
    raise ImproperlyConfigured("VITRINE_PROGRESS_INTERVAL must be at least 0.")
# Seconds in the Retry-After of the 503 answered while the database is unreachable.
VITRINE_OUTAGE_RETRY_AFTER = env_int("VITRINE_OUTAGE_RETRY_AFTER", 30)

# The read-only JSON API (api/, /api/): anonymous, public records only.
# VITRINE_API_THROTTLE: requests per client address, e.g. "600/minute"; empty turns throttling off.
VITRINE_API_THROTTLE = env_str("VITRINE_API_THROTTLE", "600/minute")
VITRINE_API_MAX_AGE = env_int("VITRINE_API_MAX_AGE", 60)  # seconds, Cache-Control on answers
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.APIRateThrottle"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.errors.exception_handler",
    "UNAUTHENTICATED_USER": None,
    # Throttling counts by REMOTE_ADDR, or by the proxy's X-Forwarded-For entry behind one
    # trusted proxy; a client's own X-Forwarded-For is never believed.
    "NUM_PROXIES": 1 if not DEBUG and env_bool("BEHIND_PROXY", False) else 0,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Vitrine API",
    "DESCRIPTION": (
        "Read-only JSON for the public archive: persons, documents, photographs, trials, events, "
        "places, collections, subjects, exhibits and faceted search. Only published records "
        "appear; bad parameters answer 400 with a JSON error body. Scripts on any site may read "
        "every answer, errors included (Access-Control-Allow-Origin: *, never with credentials), "
        "as they may the schema and the site's /search.json and /search.geojson."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "ENUM_NAME_OVERRIDES": {
        "RecordKindEnum": "api.serializers.common.RECORD_KINDS",  # the kinds of archive.kinds
        "PersonNameKindEnum": "archive.models.people.PersonName.Kind",
        "PlaceKindEnum": "archive.models.places.Place.Kind",
        "BlockKindEnum": "exhibits.models.Block.Kind",
    },
}
