"""Settings for the test suite: the project's settings with a test-only key.

DATABASE_URL still chooses the engine, so the same suite runs on SQLite and PostgreSQL.
"""

import os

os.environ.setdefault("SECRET_KEY", "test-only-key-not-secret-" + "x" * 40)
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
# Throttling has its own test; the rest of the suite reads freely.
os.environ.setdefault("API_ANON_RATE", "100000/minute")
os.environ.setdefault("API_ANON_EXPORT_RATE", "100000/minute")
os.environ.setdefault("API_ANON_MAP_RATE", "100000/minute")
# One process: throttle and sign-in counts in memory (conftest clears them before each test).
os.environ.setdefault("CACHE_URL", "locmem://")
# The live server for browser tests speaks plain HTTP.
os.environ.setdefault("SESSION_COOKIE_SECURE", "0")
os.environ.setdefault("CSRF_COOKIE_SECURE", "0")

from sahel.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405

# A second database for the read-replica tests (tests/test_read_replicas.py): one of its own,
# not a mirror, so a test can tell which database answered a request. Nothing reads from it
# unless a test lists it in READ_REPLICAS; only the tests that ask for it create it.
_primary = DATABASES["default"]  # noqa: F405
DATABASES["replica1"] = {  # noqa: F405
    **_primary,
    "OPTIONS": dict(_primary.get("OPTIONS", {})),
    "TEST": {
        "NAME": None
        if _primary["ENGINE"].endswith("sqlite3")
        else f"test_{_primary['NAME']}_replica1"
    },
}

# A real streaming standby of the test server (bench/replica_bench.py starts one): the alias
# `streaming` reads the test database through it (tests/conftest.py points it there once the
# test database exists) and every read that may leave the primary goes to it.
_standby_url = os.environ.get("TEST_STREAMING_REPLICA_URL")
if _standby_url:
    import dj_database_url

    DATABASES["streaming"] = {  # noqa: F405
        **dj_database_url.parse(_standby_url),
        "OPTIONS": dict(_primary.get("OPTIONS", {})),
        "TEST": {"MIRROR": "default"},
    }
    READ_REPLICAS = ["streaming"]
