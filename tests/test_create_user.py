"""`manage.py create_user`: staff accounts for viewers, curators and leads, from the shell."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

GOOD = "sahel-curation-2024!"


def create(*args) -> str:
    out = io.StringIO()
    call_command("create_user", *args, stdout=out)
    return out.getvalue()


def test_curator_created_from_environment_password_can_sign_in(monkeypatch):
    monkeypatch.setenv("DJANGO_USER_PASSWORD", GOOD)
    output = create("maria", "--role", "curator", "--email", "maria@example.org")
    assert "Created curator 'maria'" in output and GOOD not in output
    maria = get_user_model().objects.get(username="maria")
    assert maria.is_staff and not maria.is_superuser and maria.check_password(GOOD)
    assert [g.name for g in maria.groups.all()] == ["curator"]
    token = APIClient().post(
        "/api/v1/auth/token/", {"username": "maria", "password": GOOD}, format="json"
    )
    assert token.status_code == 200 and token.json()["token"]


def test_existing_account_changes_only_with_update(monkeypatch):
    monkeypatch.setenv("DJANGO_USER_PASSWORD", GOOD)
    create("amadou", "--role", "viewer")
    with pytest.raises(CommandError, match="already exists; add --update"):
        create("amadou", "--role", "lead")
    monkeypatch.delenv("DJANGO_USER_PASSWORD")
    create("amadou", "--role", "lead", "--update")
    amadou = get_user_model().objects.get(username="amadou")
    assert [g.name for g in amadou.groups.all()] == ["lead"] and amadou.check_password(GOOD)


def test_refuses_weak_or_missing_passwords_and_unknown_roles(monkeypatch):
    monkeypatch.delenv("DJANGO_USER_PASSWORD", raising=False)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # not a terminal: nobody to ask
    with pytest.raises(CommandError, match=r"needs a password.*DJANGO_USER_PASSWORD"):
        create("awa", "--role", "curator")
    monkeypatch.setenv("DJANGO_USER_PASSWORD", "12345678")
    with pytest.raises(CommandError, match="Password refused"):
        create("awa", "--role", "curator")
    with pytest.raises(CommandError, match="invalid choice"):
        create("awa", "--role", "admin")
    assert not get_user_model().objects.filter(username="awa").exists()
