"""Every error under /api/ is JSON with a `detail` or field messages, in debug and in
production: wrong method, unacceptable media type, unreadable or oversized body, a CSRF
failure of a signed-in browser, and an unauthenticated write."""

import pytest
from django.test import Client, override_settings

from tests.base import make_actor, make_staff

pytestmark = pytest.mark.django_db


def _json_error(response, status: int) -> dict:
    assert response.status_code == status, (response.status_code, response.content[:300])
    assert response["Content-Type"].startswith("application/json"), response["Content-Type"]
    body = response.json()
    assert body and isinstance(body, dict)
    return body


@pytest.mark.parametrize("debug", [False, True])
def test_request_errors_answer_json(debug):
    actor = make_actor()
    with override_settings(DEBUG=debug, DATA_UPLOAD_MAX_MEMORY_SIZE=1000):
        client = Client()
        assert "detail" in _json_error(client.put("/api/v1/auth/token/"), 405)
        assert "detail" in _json_error(client.get("/api/v1/claims/", HTTP_ACCEPT="text/csv"), 406)
        assert "detail" in _json_error(client.patch(f"/api/v1/actors/{actor.pk}/", "{}"), 401)
        token = Client()
        unreadable = token.post("/api/v1/auth/token/", "{not json", content_type="application/json")
        assert "detail" in _json_error(unreadable, 400)
        as_form = token.post("/api/v1/auth/token/", "a=b", content_type="text/plain")
        assert "detail" in _json_error(as_form, 415)
        oversized = token.post(
            "/api/v1/auth/token/",
            '{"username": "' + "x" * 5000 + '"}',
            content_type="application/json",
        )
        assert oversized.status_code in (400, 413)
        assert oversized["Content-Type"].startswith("application/json")


@pytest.mark.parametrize("debug", [False, True])
def test_a_browser_session_without_csrf_token_gets_json(debug):
    lead = make_staff("lead")
    actor = make_actor()
    with override_settings(DEBUG=debug):
        browser = Client(enforce_csrf_checks=True)
        browser.force_login(lead)
        refused = browser.delete(f"/api/v1/actors/{actor.pk}/", HTTP_IF_MATCH='"x"')
        assert "CSRF" in _json_error(refused, 403)["detail"]
