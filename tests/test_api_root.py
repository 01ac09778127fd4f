"""The API's front door and its errors: JSON at /api/v1/, and no HTML anywhere under /api/,
with DEBUG on or off."""

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from facts.api.root import RESOURCES

pytestmark = pytest.mark.django_db


def _is_json(response) -> bool:
    return response["Content-Type"].startswith("application/json")


def test_root_lists_every_resource_the_schema_and_the_docs(client):
    response = client.get("/api/v1/")
    assert response.status_code == 200 and _is_json(response)
    body = response.json()
    assert set(body["resources"]) == set(RESOURCES)
    assert body["resources"]["claims"] == "http://testserver/api/v1/claims/"
    assert body["schema"].endswith("/api/v1/schema/")
    assert body["docs"].endswith("/api/v1/docs/")
    for url in body["resources"].values():
        answer = client.get(url.replace("http://testserver", ""))
        # every link leads somewhere real (feeds want a time, the token endpoint a POST)
        assert answer.status_code in (200, 400, 405), url
        assert _is_json(answer), url


def test_bare_api_prefix_leads_to_the_current_version(client):
    response = client.get("/api/")
    assert response.status_code == 302 and response["Location"] == "/api/v1/"


@pytest.mark.parametrize("debug", [False, True])
def test_unknown_paths_answer_json_in_debug_and_production(debug):
    with override_settings(DEBUG=debug):
        client = Client()
        for path in ("/api/v1/nothing-here/", "/api/v2/claims/", "/api/v1/claims/9999999/"):
            response = client.get(path)
            assert response.status_code == 404, path
            assert _is_json(response) and response.json()["detail"], path


@pytest.mark.parametrize("debug", [False, True])
def test_missing_slash_redirects_reads_and_explains_writes(debug):
    with override_settings(DEBUG=debug):
        client = Client()
        read = client.get("/api/v1/claims?status=verified")
        assert read.status_code == 301
        assert read["Location"] == "/api/v1/claims/?status=verified"
        write = client.post("/api/v1/claims", {}, content_type="application/json")
        assert write.status_code == 404 and _is_json(write)
        assert "/api/v1/claims/" in write.json()["detail"]


@pytest.mark.parametrize("debug", [False, True])
def test_server_errors_and_bad_hosts_answer_json(debug, monkeypatch):
    from facts.api import root

    def explode(self, request):
        raise RuntimeError("boom")

    monkeypatch.setattr(root.ApiRootView, "get", explode)
    with override_settings(DEBUG=debug):
        client = Client(raise_request_exception=False)
        crashed = client.get("/api/v1/")
        assert crashed.status_code == 500 and _is_json(crashed)
        assert "boom" not in crashed.content.decode()
        stranger = Client(HTTP_HOST="evil.example")
        refused = stranger.get("/api/v1/countries/")
        assert refused.status_code == 400 and _is_json(refused)


def test_docs_stay_a_page_and_the_admin_stays_html(client):
    assert client.get(reverse("api:docs"))["Content-Type"].startswith("text/html")
    assert client.get("/admin/login/")["Content-Type"].startswith("text/html")
    assert client.get("/not-the-api/")["Content-Type"].startswith("text/html")
