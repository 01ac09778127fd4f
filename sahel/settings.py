"""Settings for Sahel Facts, read from the environment (see README, "Settings").

Defaults are for a developer's machine with DEBUG on and an SQLite file; production sets
DEBUG=0, SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL, and then `manage.py check --deploy`
reports no issues.
"""

import os
from pathlib import Path

import dj_database_url
from corsheaders.defaults import default_headers as default_cors_headers
from django.core.exceptions import ImproperlyConfigured
from dotenv import load_dotenv

from sahel.env import cache_config, env_bool, env_int, env_list

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

# A developer's checkout keeps its settings in `.env` (`make setup` writes DEBUG=1 there);
# variables already in the environment win. ENV_FILE names another file, or none when empty.
env_file = os.environ.get("ENV_FILE", str(BASE_DIR / ".env"))
if env_file:
    load_dotenv(env_file, override=False)

DEBUG = env_bool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off, e.g. "
            "SECRET_KEY=$(python -c 'import secrets; print(secrets.token_urlsafe(50))')"
        )
    # Only reachable with DEBUG on: a key that is useless outside a developer's machine.
    SECRET_KEY = "django-insecure-development-only-key-never-used-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# Cross-origin reads of the API from a browser (a notebook, a dashboard): off unless
# API_CORS_ORIGINS lists origins ("https://example.org,https://notebooks.example.net", or
# "*" for any). Reads only, and never with cookies: a page elsewhere cannot act as a signed-in
# curator, and writes stay with clients that are not browsers on other sites.
_cors_origins = env_list("API_CORS_ORIGINS", [])
CORS_ALLOW_ALL_ORIGINS = _cors_origins == ["*"]
CORS_ALLOWED_ORIGINS = [] if CORS_ALLOW_ALL_ORIGINS else _cors_origins
CORS_URLS_REGEX = r"^/api/"
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_CREDENTIALS = False
# Besides the defaults (authorization, content-type…): conditional reads and the W3C
# annotation protocol's container preferences.
CORS_ALLOW_HEADERS = (*default_cors_headers, "if-none-match", "prefer")
CORS_EXPOSE_HEADERS = ["ETag", "Link", "Content-Disposition", "Content-Location", "Vary"]
CORS_PREFLIGHT_MAX_AGE = 3600

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "corsheaders",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "facts",
]

MIDDLEWARE = [
    # Outermost, so that errors made JSON below still carry the CORS headers a browser needs
    # to let a notebook read them.
    "corsheaders.middleware.CorsMiddleware",
    "facts.api.middleware.JsonApiErrorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Before anything reads the database (sessions, users): which database reads go to.
    "sahel.read_your_writes.ReadYourWritesMiddleware",
    "sahel.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "sahel.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
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

WSGI_APPLICATION = "sahel.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'sahel.sqlite3'}"
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(exist_ok=True)
    # WAL lets the dev server read while an import writes; with WAL, synchronous=NORMAL is
    # still crash-safe and makes each article's commit cheap. The busy timeout waits out locks.
    # Memory-mapped reads and a 64 MiB page cache keep a large file's hot pages at hand, and
    # persistent connections spare each request the open and the pragmas.
    DATABASES["default"]["CONN_MAX_AGE"] = env_int("DATABASE_CONN_MAX_AGE", 600)
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                "PRAGMA mmap_size=1073741824; PRAGMA cache_size=-65536;"
            ),
            "timeout": 20,
            # A transaction that starts reading and then writes cannot wait for the lock: it
            # fails at once with "database is locked". Taking the write lock at BEGIN makes
            # concurrent writers queue (up to the timeout); the version check then answers
            # the loser 412.
            "transaction_mode": "IMMEDIATE",
        }
    )
elif env_bool("DATABASE_POOL", True):
    # psycopg's pool: each worker keeps its connections open between requests (a pool
    # excludes CONN_MAX_AGE, which Django would otherwise use for the same purpose).
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": 1,
        "max_size": env_int("DATABASE_POOL_SIZE", 4),
        "timeout": 10,
    }
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env_int("DATABASE_CONN_MAX_AGE", 0)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_int(
    "DATABASE_STATEMENT_TIMEOUT_MS", 0
):
    # A query that outruns the budget is cancelled instead of holding a worker and a CPU.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        f"-c statement_timeout={env_int('DATABASE_STATEMENT_TIMEOUT_MS', 0)}"
    )

# Import jobs (`import_articles --enqueue`, run by `manage.py procrastinate worker`): a queue
# kept in PostgreSQL itself, so worker machines need nothing but the database. Its tables are
# PostgreSQL's own SQL; on SQLite there is no queue and the command imports in-process.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    INSTALLED_APPS.insert(INSTALLED_APPS.index("facts"), "procrastinate.contrib.django")

# Read replicas (production: PostgreSQL streaming replicas of the primary): one URL each,
# comma-separated. Safe requests of clients that have not written in the last
# REPLICA_PIN_SECONDS read from them; everything else reads and writes the primary
# (sahel/db_router.py, sahel/read_your_writes.py).
READ_REPLICAS: list[str] = []
for _number, _url in enumerate(env_list("DATABASE_REPLICA_URLS", []), start=1):
    _alias = f"replica{_number}"
    _replica = dj_database_url.parse(_url)
    # The primary's connection settings (pool, timeouts), and in a test run the primary's
    # test database.
    _replica["CONN_MAX_AGE"] = DATABASES["default"].get("CONN_MAX_AGE", 0)
    _replica["OPTIONS"] = dict(DATABASES["default"].get("OPTIONS", {}))
    _replica["TEST"] = {"MIRROR": "default"}
    DATABASES[_alias] = _replica
    READ_REPLICAS.append(_alias)
DATABASE_ROUTERS = ["sahel.db_router.PrimaryReplicaRouter"]
REPLICA_PIN_SECONDS = env_int("REPLICA_PIN_SECONDS", 10)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Curators explain their changes at length; history must keep the whole reason.
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

# Where `import_articles` looks when given no path, and where fixtures live.
FIXTURE_DIRS = [BASE_DIR / "fixtures"]
SEED_ARTICLES_DIR = BASE_DIR / "fixtures" / "articles"

# `import_articles https://…`: fetching web pages (facts/ingest/reading/fetch.py). The timeout
# bounds the whole fetch, redirects included, in seconds. Private, loopback and link-local
# addresses are refused unless allowed (the tests serve pages on 127.0.0.1): an address given
# to the importer must not reach the machine it runs on or its network.
try:
    IMPORT_FETCH_TIMEOUT = float(os.environ.get("IMPORT_FETCH_TIMEOUT", "") or 20)
except ValueError:
    IMPORT_FETCH_TIMEOUT = 0
if not 0 < IMPORT_FETCH_TIMEOUT <= 3600:
    raise ImproperlyConfigured(
        f"IMPORT_FETCH_TIMEOUT={os.environ['IMPORT_FETCH_TIMEOUT']!r} is not a number of seconds "
        "between 0 and 3600."
    )
IMPORT_FETCH_ALLOW_PRIVATE = env_bool("IMPORT_FETCH_ALLOW_PRIVATE", False)
IMPORT_FETCH_USER_AGENT = os.environ.get(
    "IMPORT_FETCH_USER_AGENT",
    "SahelFacts-importer/1.0 (news article importer; fetches only the pages it is given)",
)

# Production hardening: on unless DEBUG, each overridable for a deployment behind a proxy.
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("SECURE_PROXY_SSL_HEADER", False) else None
)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Throttles and sign-in lockouts count in this cache, so every server process counts the
# same requests (an in-process cache let each gunicorn worker grant the full rate).
CACHES = {"default": cache_config(os.environ.get("CACHE_URL") or f"file://{VAR_DIR / 'cache'}")}

# Content-Security-Policy of every response (sahel/csp.py has the default; empty: none).
if "CONTENT_SECURITY_POLICY" in os.environ:
    CONTENT_SECURITY_POLICY = os.environ["CONTENT_SECURITY_POLICY"]

# How many reverse proxies in front of the server append to X-Forwarded-For. The client's
# address is the one the nearest trusted proxy added; with none (the default) the header is
# ignored, since anyone can send it.
TRUSTED_PROXIES = env_int("TRUSTED_PROXIES", 0)

# Sign-in lockout (admin and API token): this many failures for one user from one address, or
# LOGIN_MAX_FAILURES_PER_ADDRESS for any users from one address, lock further attempts out
# for LOGIN_LOCKOUT_SECONDS, even with the right password.
LOGIN_MAX_FAILURES = env_int("LOGIN_MAX_FAILURES", 5)
LOGIN_MAX_FAILURES_PER_ADDRESS = env_int("LOGIN_MAX_FAILURES_PER_ADDRESS", 30)
LOGIN_LOCKOUT_SECONDS = env_int("LOGIN_LOCKOUT_SECONDS", 900)
AUTHENTICATION_BACKENDS = ["facts.signin.LockoutModelBackend"]
# API tokens expire this many days after they were issued (0: never); a password change ends
# them at once.
API_TOKEN_LIFETIME_DAYS = env_int("API_TOKEN_LIFETIME_DAYS", 30)
# How long a token's account and role are remembered in the cache (0: looked up on every
# request). Changes made through Django (the admin, the API, commands) apply at once; a change
# written to the database by other means applies within this many seconds.
API_CREDENTIALS_CACHE_SECONDS = env_int("API_CREDENTIALS_CACHE_SECONDS", 60)

REST_FRAMEWORK = {
    "NUM_PROXIES": TRUSTED_PROXIES,
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "facts.api.authentication.ExpiringTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["facts.api.permissions.RolePermission"],
    # JSON only: no browsable forms, so no select box over a large table is ever rendered.
    "DEFAULT_RENDERER_CLASSES": ["facts.api.renderers.FastJSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "facts.api.ordering.StrictOrderingFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.AnonRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("API_ANON_RATE", "120/minute"),
        "anon_export": os.environ.get("API_ANON_EXPORT_RATE", "20/hour"),
        "anon_map": os.environ.get("API_ANON_MAP_RATE", "300/hour"),
    },
    "EXCEPTION_HANDLER": "facts.api.errors.exception_handler",
    "DEFAULT_PAGINATION_CLASS": "facts.api.pagination.CursorPage",
    "URL_FORMAT_OVERRIDE": None,
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Sahel Facts API",
    "DESCRIPTION": (
        "Sourced facts on security and diplomacy in the Sahel: claims anchored to quoted "
        "passages, events, actors, countries and articles. Anonymous readers see verified facts; "
        "tokens carry a curation role (viewer, curator, lead)."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "ActorKindEnum": "facts.choices.ActorKind",
        "EventKindEnum": "facts.choices.EventKind",
        "RelationKindEnum": "facts.choices.RelationKind",
        "ReviewStatusEnum": "facts.choices.ReviewStatus",
        "ReliabilityEnum": "facts.choices.Reliability",
        "CredibilityEnum": "facts.choices.Credibility",
        "PredicateEnum": "facts.choices.Predicate",
        "QualityFlagEnum": "facts.choices.QualityFlag",
        "OriginEnum": "facts.choices.Origin",
        "LocationPrecisionEnum": "facts.choices.LocationPrecision",
        "PlaceKindEnum": "facts.choices.PlaceKind",
        "LinkKindEnum": "facts.choices.LinkKind",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "facts.api.schema.add_error_responses",
        "facts.api.schema.selectable_list_items",
    ],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"carried_bytes": {"()": "sahel.logging_filters.ShortenCarriedBytes"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["carried_bytes"]},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
