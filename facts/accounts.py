"""Account bootstrap for a fresh installation."""

import secrets
from dataclasses import dataclass

from django.contrib.auth import get_user_model


@dataclass(frozen=True)
class SuperuserResult:
    username: str
    created: bool
    generated_password: str | None


def superuser_ensure(*, username: str, email: str, password: str | None) -> SuperuserResult:
    """Create the admin account once; an existing account is left exactly as it is.

    With no password given, a random one is generated and returned so the caller can show
    it once; it is stored only as a hash.
    """
    user_model = get_user_model()
    if user_model.objects.filter(username=username).exists():
        return SuperuserResult(username=username, created=False, generated_password=None)
    generated = None if password else secrets.token_urlsafe(12)
    user_model.objects.create_superuser(
        username=username, email=email, password=password or generated
    )
    return SuperuserResult(username=username, created=True, generated_password=generated)
