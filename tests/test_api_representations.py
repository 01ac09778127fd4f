"""The plain-function representations of claims and events (facts.api.representations) give
exactly what DRF's declared fields give, for every claim and event of the curated seed set:
lists (read as flat rows) and single objects (read as instances) alike."""

import json

from rest_framework import serializers
from rest_framework.test import APIRequestFactory
from rest_framework.utils.encoders import JSONEncoder

from facts.api import serializers as s
from facts.api.views import ClaimViewSet, EventViewSet
from facts.models import Event
from tests.test_api import API, APITestCase


def _plain(data) -> object:
    """What a client receives: rendered to JSON and parsed back."""
    return json.loads(json.dumps(data, cls=JSONEncoder))


class TestRepresentations(APITestCase):
    def _declared(self, viewset, serializer_class, path: str) -> dict[int, tuple[dict, dict]]:
        """id -> (what the declared DRF fields give, what the serializer gives), per object
        of the detail queryset."""
        request = APIRequestFactory().get(path)
        view = viewset(action_map={"get": "retrieve"})
        view.request = view.initialize_request(request)
        view.request.user = self.users["viewer"]
        view.format_kwarg = None
        view.action = "retrieve"
        context = {"request": view.request}
        outputs = {}
        for obj in view.get_queryset():
            serializer = serializer_class(obj, context=context)
            generic = serializers.ModelSerializer.to_representation(serializer, obj)
            outputs[obj.pk] = (generic, serializer.data)
        return outputs

    def _assert_listed_and_single_match(self, viewset, serializer_class, resource: str) -> dict:
        """Every object as the list shows it and as a detail shows it equals what the declared
        fields give, keys in the same order. Returns id -> (declared, detail)."""
        declared = self._declared(viewset, serializer_class, f"{API}/{resource}/")
        listed = self.client_for("viewer").get(f"{API}/{resource}/?page_size=500").json()
        assert len(listed["results"]) == len(declared)
        for row in listed["results"]:
            generic, single = declared[row["id"]]
            for fast in (row, single):
                assert list(fast) == list(generic), generic["id"]
                assert _plain(fast) == _plain(generic), generic["id"]
        return declared

    def test_claims_match_the_declared_fields_in_lists_and_details(self):
        declared = self._assert_listed_and_single_match(ClaimViewSet, s.ClaimSerializer, "claims")
        assert len(declared) >= 70

    def test_events_match_the_declared_fields_with_coordinates_and_fatalities(self):
        event = Event.objects.first()
        Event.objects.filter(pk=event.pk).update(
            latitude="12.6392", longitude="-8.00289", fatalities_low=3, fatalities_best=5
        )
        declared = self._assert_listed_and_single_match(EventViewSet, s.EventSerializer, "events")
        assert len(declared) >= 20
        assert declared[event.pk][1]["latitude"] == "12.63920"

    def test_urls_follow_the_requesting_host(self):
        response = self.client_for("viewer").get(f"{API}/claims/?page_size=1")
        claim = response.json()["results"][0]
        assert claim["url"] == f"http://testserver{API}/claims/{claim['id']}/"
        assert claim["annotation"] == f"http://testserver{API}/claims/{claim['id']}/annotation/"
        assert claim["article"]["url"].startswith(f"http://testserver{API}/articles/")


def test_orjson_renderer_gives_what_drfs_json_renderer_gives():
    from datetime import UTC, date, datetime
    from decimal import Decimal

    from django.utils.translation import gettext_lazy
    from rest_framework.renderers import JSONRenderer

    from facts.api.renderers import FastJSONRenderer

    data = {
        "when": datetime(2026, 11, 21, 8, 30, 15, 123456, tzinfo=UTC),
        "day": date(2023, 7, 26),
        "amount": Decimal("12.50"),
        "message": gettext_lazy("This field is required."),
        "text": "Goïta\u2028N’Daw\u2029end",
        "nested": [{"id": 1, "ok": True, "none": None, "ratio": 0.25}],
    }
    fast = FastJSONRenderer().render(data)
    drf = JSONRenderer().render(data)
    assert fast == drf  # the same bytes, not only the same values
    assert b"\\u2028" in fast and b"\\u2029" in fast  # safe inside a <script> block, as DRF's
    assert b'"2026-11-21T08:30:15.123456Z"' in fast
    assert FastJSONRenderer().render(None) == b""
