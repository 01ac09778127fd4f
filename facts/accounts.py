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
    if password:
        from django.contrib.auth.password_validation import validate_password
        from django.core.exceptions import ValidationError

        try:
            validate_password(password, user=user_model(username=username, email=email))
        except ValidationError as error:
            raise AccountError("Password refused: " + " ".join(error.messages)) from error
    generated = None if password else secrets.token_urlsafe(12)
    user_model.objects.create_superuser(
        username=username, email=email, password=password or generated
    )
    return SuperuserResult(username=username, created=True, generated_password=generated)


class AccountError(Exception):
    """A user account cannot be created or changed as asked; the message says why."""


@dataclass(frozen=True)
class StaffUserResult:
    username: str
    role: str
    created: bool
    password_set: bool


def staff_user_save(
    *, username: str, role: str, password: str | None, email: str = "", update: bool = False
) -> StaffUserResult:
    """Create a staff account in one role group (viewer, curator or lead), or with `update`
    move an existing one to that role (and set its password, if one is given).

    The password is checked by the project's password validators; an existing account is
    never changed without `update`, so a typo in a name cannot take over someone's account.
    """
    from django.contrib.auth.models import Group
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError
    from django.db import transaction

    from facts.roles import ROLES, sync_role_groups

    if role not in ROLES:
        raise AccountError(f"Unknown role {role!r}: choose one of {', '.join(ROLES)}.")
    username = username.strip()
    if not username:
        raise AccountError("A user name is required.")
    user_model = get_user_model()
    existing = user_model.objects.filter(username=username).first()
    if existing is not None and not update:
        raise AccountError(
            f"User {username!r} already exists; add --update to give them the role {role!r}"
            " (and a new password, if one is given)."
        )
    if existing is None and not password:
        raise AccountError(f"A new account needs a password: none was given for {username!r}.")
    candidate = existing or user_model(username=username, email=email)
    if password:
        try:
            validate_password(password, user=candidate)
        except ValidationError as error:
            raise AccountError("Password refused: " + " ".join(error.messages)) from error
    with transaction.atomic():
        sync_role_groups()
        user = candidate
        user.is_staff = True
        if email:
            user.email = email
        if password:
            user.set_password(password)
        user.save()
        user.groups.remove(*Group.objects.filter(name__in=ROLES).exclude(name=role))
        user.groups.add(Group.objects.get(name=role))
    return StaffUserResult(
        username=username, role=role, created=existing is None, password_set=bool(password)
    )
