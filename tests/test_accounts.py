"""The first command's admin account: created once, never overwritten."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command


def ensure(monkeypatch, password: str | None) -> str:
    if password is None:
        monkeypatch.delenv("DJANGO_SUPERUSER_PASSWORD", raising=False)
    else:
        monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", password)
    out = io.StringIO()
    call_command("ensure_superuser", username="admin", stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_password_from_environment(monkeypatch):
    output = ensure(monkeypatch, "correct-horse-battery")
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser and admin.check_password("correct-horse-battery")
    assert "correct-horse-battery" not in output


@pytest.mark.django_db
def test_generated_password_is_printed_once_and_works(monkeypatch):
    output = ensure(monkeypatch, None)
    password = output.split("password: ")[1].split()[0]
    assert get_user_model().objects.get(username="admin").check_password(password)
    second = ensure(monkeypatch, None)
    assert "already exists" in second and password not in second
    assert get_user_model().objects.get(username="admin").check_password(password)


@pytest.mark.django_db
def test_a_weak_password_from_the_environment_is_refused(monkeypatch):
    from django.core.management import CommandError

    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "123")
    with pytest.raises(CommandError, match="Password refused"):
        call_command("ensure_superuser", username="admin", stdout=io.StringIO())
    assert not get_user_model().objects.filter(username="admin").exists()
