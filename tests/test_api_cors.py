"""Cross-origin reads of the API: off unless origins are configured, then reads only, under
/api/ only, without credentials, errors included. Through the whole middleware stack."""

from django.test import TestCase, override_settings

from facts.choices import ReviewStatus
from tests.base import make_actor, make_staff, reviewed

NOTEBOOK = "https://notebooks.example.org"
ELSEWHERE = "https://evil.example.net"
ALLOWED = {"CORS_ALLOWED_ORIGINS": [NOTEBOOK]}


class CorsTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.actor = make_actor(**reviewed(status=ReviewStatus.VERIFIED))

    def get(self, path: str, origin: str = NOTEBOOK, **headers):
        return self.client.get(path, headers={"Origin": origin, **headers})

    def preflight(self, path: str, method: str, origin: str = NOTEBOOK):
        return self.client.options(
            path,
            headers={
                "Origin": origin,
                "Access-Control-Request-Method": method,
                "Access-Control-Request-Headers": "authorization, if-none-match, prefer",
            },
        )

    def test_off_by_default(self):
        response = self.get("/api/v1/actors/")
        assert response.status_code == 200
        assert "Access-Control-Allow-Origin" not in response.headers

    @override_settings(**ALLOWED)
    def test_a_configured_origin_may_read(self):
        response = self.get(f"/api/v1/actors/{self.actor.pk}/")
        assert response.status_code == 200
        assert response.headers["Access-Control-Allow-Origin"] == NOTEBOOK
        assert "ETag" in response.headers["Access-Control-Expose-Headers"]
        assert "Access-Control-Allow-Credentials" not in response.headers

    @override_settings(**ALLOWED)
    def test_another_origin_may_not(self):
        response = self.get("/api/v1/actors/", origin=ELSEWHERE)
        assert "Access-Control-Allow-Origin" not in response.headers
        response = self.preflight("/api/v1/actors/", "GET", origin=ELSEWHERE)
        assert "Access-Control-Allow-Origin" not in response.headers

    @override_settings(**ALLOWED)
    def test_preflight_allows_reads_only(self):
        reading = self.preflight("/api/v1/claims/", "GET")
        assert reading.status_code == 200
        assert reading.headers["Access-Control-Allow-Origin"] == NOTEBOOK
        allowed = {m.strip() for m in reading.headers["Access-Control-Allow-Methods"].split(",")}
        assert allowed == {"GET", "HEAD", "OPTIONS"}
        allowed_headers = reading.headers["Access-Control-Allow-Headers"]
        assert {"authorization", "if-none-match", "prefer"} <= {
            h.strip() for h in allowed_headers.split(",")
        }
        for method in ("POST", "PATCH", "DELETE"):
            with self.subTest(method=method):
                writing = self.preflight(f"/api/v1/actors/{self.actor.pk}/", method)
                methods = writing.headers.get("Access-Control-Allow-Methods", "")
                assert method not in methods

    @override_settings(**ALLOWED)
    def test_errors_carry_the_header_so_scripts_can_read_them(self):
        response = self.get("/api/v1/actors/?nonsense=1")
        assert response.status_code == 400
        assert response.headers["Access-Control-Allow-Origin"] == NOTEBOOK
        assert "nonsense" in response.json()
        missing = self.get("/api/v1/nowhere/")
        assert missing.status_code == 404
        assert missing.headers["Access-Control-Allow-Origin"] == NOTEBOOK

    @override_settings(**ALLOWED)
    def test_nothing_outside_the_api_is_shared(self):
        make_staff("lead")
        for path in ("/admin/login/", "/map/"):
            with self.subTest(path=path):
                assert "Access-Control-Allow-Origin" not in self.get(path).headers

    @override_settings(CORS_ALLOW_ALL_ORIGINS=True)
    def test_any_origin_when_asked_still_without_credentials(self):
        response = self.get("/api/v1/actors/", origin=ELSEWHERE)
        assert response.headers["Access-Control-Allow-Origin"] == "*"
        assert "Access-Control-Allow-Credentials" not in response.headers
