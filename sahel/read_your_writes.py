"""Read your own writes with read replicas.

A client that has just written (any request with an unsafe method) reads the primary for
`REPLICA_PIN_SECONDS` afterwards, so it never sees a replica's older copy of what it wrote.
The client is recognised by a signed cookie (browsers, the admin) and, for API clients that
keep no cookies, by its Authorization header, remembered in the shared cache (hashed, never
stored as sent). Other safe requests may read from a replica.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache

from sahel.db_router import replica_reads, replicas

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
PIN_COOKIE = "sahel_primary"
_SALT = "sahel.read_your_writes"


def _pin_seconds() -> int:
    return int(getattr(settings, "REPLICA_PIN_SECONDS", 10))


def _credential_key(request) -> str | None:
    header = request.META.get("HTTP_AUTHORIZATION", "")
    if not header:
        return None
    return "primary-pin:" + hashlib.sha256(header.encode("utf-8", "replace")).hexdigest()


def pinned_to_primary(request) -> bool:
    """Whether this client wrote within the last `REPLICA_PIN_SECONDS`."""
    seconds = _pin_seconds()
    if request.get_signed_cookie(PIN_COOKIE, default=None, salt=_SALT, max_age=seconds):
        return True
    key = _credential_key(request)
    return key is not None and cache.get(key) is not None


def _pin(request, response) -> None:
    seconds = _pin_seconds()
    response.set_signed_cookie(
        PIN_COOKIE,
        str(int(time.time())),
        salt=_SALT,
        max_age=seconds,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )
    key = _credential_key(request)
    if key is not None:
        cache.set(key, 1, timeout=seconds)


class ReadYourWritesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not replicas():
            return self.get_response(request)
        if request.method in SAFE_METHODS:
            if pinned_to_primary(request):
                return self.get_response(request)
            with replica_reads():
                return self.get_response(request)
        response = self.get_response(request)
        _pin(request, response)
        return response
