"""Sign-in lockout for the admin and the API token endpoint.

Repeated failures for one user from one address (or for any users from one address) lock
that pair (or address) out for a while, and during the lockout even the right password is
refused, so guessing gains nothing. Counts live in the shared cache (CACHE_URL), so every
server process sees them. The client's address comes from `client_address`, which trusts
X-Forwarded-For only as far as TRUSTED_PROXIES says.
"""

import hashlib

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache
from django.core.exceptions import PermissionDenied


class LockedOut(PermissionDenied):
    def __init__(self, seconds: int):
        minutes = max(1, round(seconds / 60))
        super().__init__(
            f"Too many failed sign-ins from this address: try again in {minutes} minute(s)."
        )
        self.seconds = seconds


def client_address(request) -> str:
    """The client's IP: REMOTE_ADDR, or with N trusted proxies the address the nearest of
    them put in X-Forwarded-For (the N-th entry from the right)."""
    meta = getattr(request, "META", {}) or {}
    remote = meta.get("REMOTE_ADDR", "") or ""
    proxies = settings.TRUSTED_PROXIES
    forwarded = meta.get("HTTP_X_FORWARDED_FOR")
    if not proxies or not forwarded:
        return remote
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    return hops[-min(proxies, len(hops))] if hops else remote


def _key(*parts: str) -> str:
    digest = hashlib.sha256("\x00".join(parts).encode()).hexdigest()[:32]
    return f"signin:{digest}"


def _keys(username: str, address: str) -> list[tuple[str, int]]:
    return [
        (_key("user", username.casefold(), address), settings.LOGIN_MAX_FAILURES),
        (_key("address", address), settings.LOGIN_MAX_FAILURES_PER_ADDRESS),
    ]


def signin_check(*, username: str, address: str) -> None:
    """Raise LockedOut while this user and address (or the address) are locked out."""
    for key, limit in _keys(username, address):
        if (cache.get(key) or 0) >= limit:
            raise LockedOut(settings.LOGIN_LOCKOUT_SECONDS)


def signin_failed(*, username: str, address: str) -> None:
    for key, _ in _keys(username, address):
        try:
            cache.incr(key)
        except ValueError:  # not there yet (or expired): the lockout window starts now
            cache.set(key, 1, timeout=settings.LOGIN_LOCKOUT_SECONDS)


def signin_succeeded(*, username: str, address: str) -> None:
    cache.delete(_keys(username, address)[0][0])


class LockoutModelBackend(ModelBackend):
    """Django's username-and-password check behind the lockout."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(self._username_field(), "")
        address = client_address(request)
        signin_check(username=username or "", address=address)  # raises while locked out
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            signin_failed(username=username or "", address=address)
        else:
            signin_succeeded(username=username, address=address)
        return user

    @staticmethod
    def _username_field() -> str:
        from django.contrib.auth import get_user_model

        return get_user_model().USERNAME_FIELD
