"""Guessing passwords gains nothing and the throttle cannot be dodged: X-Forwarded-For counts
only behind trusted proxies, sign-ins lock out after repeated failures (admin and API token,
right password included), and every server process shares the counts."""

import pytest
from django.test import Client, RequestFactory, override_settings
from rest_framework.test import APIClient

from facts.signin import client_address
from tests.base import make_staff
from tests.servers import call, gunicorn, manage, production_env

PASSWORD = "correct-horse-battery"  # make_staff's
TOKEN_URL = "/api/v1/auth/token/"

pytestmark = pytest.mark.django_db


def ask_token(client, username, password, **extra):
    return client.post(
        TOKEN_URL, {"username": username, "password": password}, format="json", **extra
    )


def test_forwarded_for_counts_only_behind_trusted_proxies():
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7"
    )
    assert client_address(request) == "10.0.0.9"  # nobody is trusted: the header is ignored
    with override_settings(TRUSTED_PROXIES=1):
        assert client_address(request) == "203.0.113.7"  # what our own proxy appended
    with override_settings(TRUSTED_PROXIES=5):
        assert client_address(request) == "6.6.6.6"


def test_a_new_forwarded_for_per_request_does_not_escape_the_throttle():
    from rest_framework.throttling import AnonRateThrottle

    original = AnonRateThrottle.THROTTLE_RATES
    AnonRateThrottle.THROTTLE_RATES = {**original, "anon": "3/minute"}
    try:
        codes = [
            Client().get("/api/v1/countries/", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").status_code
            for n in range(6)
        ]
    finally:
        AnonRateThrottle.THROTTLE_RATES = original
    assert codes == [200, 200, 200, 429, 429, 429]


def test_token_sign_in_locks_out_after_five_failures_even_with_the_right_password():
    make_staff("curator", "hawa")
    make_staff("curator", "idrissa")
    client = APIClient()
    for _ in range(5):
        assert ask_token(client, "hawa", "wrong-guess").status_code == 401
    locked = ask_token(client, "hawa", PASSWORD)
    assert locked.status_code == 429 and int(locked["Retry-After"]) == 900
    assert "Too many failed sign-ins" in locked.json()["detail"]
    assert ask_token(client, "idrissa", PASSWORD).status_code == 200  # another user: not locked
    other_address = ask_token(client, "hawa", PASSWORD, REMOTE_ADDR="192.0.2.44")
    assert other_address.status_code == 200


def test_one_address_guessing_many_users_is_locked_out():
    make_staff("viewer", "awa")
    client = APIClient()
    with override_settings(LOGIN_MAX_FAILURES_PER_ADDRESS=8):
        for n in range(8):
            assert ask_token(client, f"user{n}", "guess").status_code == 401
        assert ask_token(client, "awa", PASSWORD).status_code == 429


def test_admin_sign_in_locks_out_and_says_so():
    make_staff("lead", "boss")
    client = Client()
    for _ in range(5):
        page = client.post("/admin/login/", {"username": "boss", "password": "nope"})
        assert page.status_code == 200 and "_auth_user_id" not in client.session
    page = client.post("/admin/login/", {"username": "boss", "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert "Too many failed sign-ins" in page.content.decode()


def test_a_success_clears_the_failures_of_that_user():
    make_staff("viewer", "amadou")
    client = APIClient()
    for _ in range(4):
        ask_token(client, "amadou", "wrong")
    assert ask_token(client, "amadou", PASSWORD).status_code == 200
    for _ in range(4):
        ask_token(client, "amadou", "wrong")
    assert ask_token(client, "amadou", PASSWORD).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_two_server_processes_share_one_throttle(tmp_path):
    """gunicorn with two workers: the anonymous rate holds for the server, not per worker."""
    env = production_env(
        f"sqlite:///{tmp_path / 'api.sqlite3'}", tmp_path / "cache", API_ANON_RATE="10/minute"
    )
    manage(env, ["migrate", "-v0"])
    with gunicorn(env) as api:
        codes = [call("GET", f"{api}/countries/")[0] for _ in range(30)]
    assert codes.count(200) == 10 and codes.count(429) == 20, codes


def test_tokens_expire_and_a_new_sign_in_issues_a_fresh_one():
    from datetime import timedelta

    import time_machine
    from django.utils import timezone

    user = make_staff("viewer", "mariam")
    client = APIClient()
    key = ask_token(client, "mariam", PASSWORD).json()["token"]
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get("/api/v1/claims/").status_code == 200
    with time_machine.travel(timezone.now() + timedelta(days=31), tick=False):
        expired = client.get("/api/v1/claims/")
        assert expired.status_code == 401 and "Token expired" in expired.json()["detail"]
        fresh = ask_token(APIClient(), "mariam", PASSWORD).json()["token"]
        assert fresh != key
        client.credentials(HTTP_AUTHORIZATION=f"Token {fresh}")
        assert client.get("/api/v1/claims/").status_code == 200
    assert user.auth_token.key == fresh


def test_a_password_change_ends_the_tokens_issued_before_it():
    user = make_staff("curator", "ousmane")
    client = APIClient()
    key = ask_token(client, "ousmane", PASSWORD).json()["token"]
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get("/api/v1/claims/").status_code == 200
    user.set_password("an-entirely-new-passphrase")
    user.save()
    assert client.get("/api/v1/claims/").status_code == 401
    user.email = "ousmane@example.org"  # other changes leave the token alone
    user.save()
    key = ask_token(APIClient(), "ousmane", "an-entirely-new-passphrase").json()["token"]
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    user.refresh_from_db()
    user.first_name = "Ousmane"
    user.save()
    assert client.get("/api/v1/claims/").status_code == 200


def test_anonymous_full_exports_have_their_own_small_rate():
    from facts.api.throttles import AnonExportThrottle

    original = AnonExportThrottle.THROTTLE_RATES
    AnonExportThrottle.THROTTLE_RATES = {**original, "anon_export": "2/hour"}
    try:
        anonymous = Client()
        codes = [anonymous.get("/api/v1/events/export/jsonl/").status_code for _ in range(3)]
        pages = [anonymous.get("/api/v1/events/").status_code for _ in range(3)]
        viewer = APIClient()
        viewer.force_authenticate(make_staff("viewer", "analyst2"))
        signed_in = viewer.get("/api/v1/events/export/jsonl/").status_code
    finally:
        AnonExportThrottle.THROTTLE_RATES = original
    assert codes == [200, 200, 429]
    assert pages == [200, 200, 200] and signed_in == 200
